package com.campaignengine.api;

import com.campaignengine.app.AtsWebhooks;
import com.campaignengine.app.EventService;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * ATS webhooks: {@code POST /api/v1/ats/{provider}/{token}} (Greenhouse, Lever, and {@code host}:
 * the host application's events signed instead of sent with a key; the token names the workspace,
 * the signature proves the sender, 401 if not) and their settings, {@code GET/PUT
 * /api/v1/settings/ats} ({@code {"greenhouse_secret", "lever_signature_token",
 * "host_events_secret"}}, write-only; the answer gives the URLs to paste into the ATS).
 */
final class AtsRoutes {
  private static final int LIMIT = Bodies.JSON_LIMIT;

  private final AtsWebhooks ats;
  private final EventService events;
  private final String publicUrl;

  AtsRoutes(AtsWebhooks ats, EventService events, String publicUrl) {
    this.ats = ats;
    this.events = events;
    this.publicUrl = publicUrl;
  }

  /** A change of the settings: each secret only if its member was sent. */
  private record Change(
      boolean setGreenhouse,
      String greenhouse,
      boolean setLever,
      String lever,
      boolean setHost,
      String host) {}

  void register(Router router) {
    router.post(
        "/api/v1/ats/{provider}/{token}",
        request -> {
          String provider = request.pathText("provider");
          String token = request.pathText("token");
          byte[] body = request.bytes(LIMIT);
          if (provider.equals("host")) {
            return hostEvent(request, token, body);
          }
          AtsWebhooks.Result result =
              switch (provider) {
                case "greenhouse" -> ats.greenhouse(token, body, request.header("Signature"));
                case "lever" -> ats.lever(token, body);
                default ->
                    throw ApiException.notFound("provider", "no ATS endpoint for " + provider);
              };
          ObjectNode json = Json.object().put("outcome", result.outcome());
          if (result.event() != null) {
            json.set("event", EventJson.event(result.event()));
          }
          return Response.ok(json);
        });
    router.get(
        "/api/v1/settings/ats",
        request -> Response.ok(render(ats.settings(request.workspaceId()))));
    router.add(
        "PUT",
        "/api/v1/settings/ats",
        request -> {
          Change change = request.json(AtsRoutes::change);
          return Response.ok(
              render(
                  ats.save(
                      request.workspaceId(),
                      change.setGreenhouse(),
                      change.greenhouse(),
                      change.setLever(),
                      change.lever(),
                      change.setHost(),
                      change.host())));
        });
  }

  /**
   * An event of the host application, signed instead of sent with an API key: the body of {@code
   * POST /api/v1/events}, read only once the signature holds; answered as that route answers.
   */
  private Response hostEvent(Request request, String token, byte[] body) {
    return ats.host(
        token,
        body,
        request.header("X-Signature"),
        request.header("X-Signature-Timestamp"),
        workspaceId -> {
          JsonNode json;
          try {
            json = body.length == 0 ? null : Json.MAPPER.readTree(body);
          } catch (java.io.IOException e) {
            throw ApiException.badRequest("body", "malformed JSON");
          }
          if (json == null || !json.isObject()) {
            throw ApiException.badRequest("body", "a JSON object is required");
          }
          JsonInput input = JsonInput.root(json);
          EventRoutes.Received event = EventRoutes.received(input);
          input.requireNoUnknownFields();
          return Response.created(
              EventJson.event(
                  events.receive(workspaceId, event.person(), event.type(), event.data(), "host")));
        });
  }

  private static Change change(JsonInput body) {
    boolean greenhouse = body.has("greenhouse_secret");
    boolean lever = body.has("lever_signature_token");
    boolean host = body.has("host_events_secret");
    return new Change(
        greenhouse,
        body.optionalText("greenhouse_secret"),
        lever,
        body.optionalText("lever_signature_token"),
        host,
        body.optionalText("host_events_secret"));
  }

  private ObjectNode render(AtsWebhooks.Settings settings) {
    ObjectNode json = Json.object();
    ObjectNode greenhouse = json.putObject("greenhouse");
    greenhouse.put("configured", settings.greenhouse());
    greenhouse.put("url", url("greenhouse", settings.hookToken()));
    ObjectNode lever = json.putObject("lever");
    lever.put("configured", settings.lever());
    lever.put("url", url("lever", settings.hookToken()));
    ObjectNode host = json.putObject("host");
    host.put("configured", settings.host());
    host.put("url", url("host", settings.hookToken()));
    return json;
  }

  private String url(String provider, String token) {
    return token == null ? null : publicUrl + "/api/v1/ats/" + provider + "/" + token;
  }
}
