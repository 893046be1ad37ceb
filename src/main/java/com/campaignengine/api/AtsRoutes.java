package com.campaignengine.api;

import com.campaignengine.app.AtsWebhooks;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * ATS webhooks: {@code POST /api/v1/ats/{provider}/{token}} (Greenhouse, Lever; the token names the
 * workspace, the ATS's signature proves the sender, 401 if not) and their settings, {@code GET/PUT
 * /api/v1/settings/ats} ({@code {"greenhouse_secret", "lever_signature_token"}}, write-only; the
 * answer gives the URLs to paste into the ATS).
 */
final class AtsRoutes {
  private static final int LIMIT = 5 << 20;

  private final AtsWebhooks ats;
  private final String publicUrl;

  AtsRoutes(AtsWebhooks ats, String publicUrl) {
    this.ats = ats;
    this.publicUrl = publicUrl;
  }

  /** A change of the settings: each secret only if its member was sent. */
  private record Change(boolean setGreenhouse, String greenhouse, boolean setLever, String lever) {}

  void register(Router router) {
    router.post(
        "/api/v1/ats/{provider}/{token}",
        request -> {
          String provider = request.pathText("provider");
          String token = request.pathText("token");
          byte[] body = request.bytes(LIMIT);
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
                      change.lever())));
        });
  }

  private static Change change(JsonInput body) {
    boolean greenhouse = body.has("greenhouse_secret");
    boolean lever = body.has("lever_signature_token");
    return new Change(
        greenhouse,
        body.optionalText("greenhouse_secret"),
        lever,
        body.optionalText("lever_signature_token"));
  }

  private ObjectNode render(AtsWebhooks.Settings settings) {
    ObjectNode json = Json.object();
    ObjectNode greenhouse = json.putObject("greenhouse");
    greenhouse.put("configured", settings.greenhouse());
    greenhouse.put("url", url("greenhouse", settings.hookToken()));
    ObjectNode lever = json.putObject("lever");
    lever.put("configured", settings.lever());
    lever.put("url", url("lever", settings.hookToken()));
    return json;
  }

  private String url(String provider, String token) {
    return token == null ? null : publicUrl + "/api/v1/ats/" + provider + "/" + token;
  }
}
