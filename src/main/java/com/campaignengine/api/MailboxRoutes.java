package com.campaignengine.api;

import com.campaignengine.app.MailboxConnect;
import com.campaignengine.app.MailboxService;
import com.campaignengine.failure.ValidationException;
import com.campaignengine.readmodel.MailboxOwnership;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * {@code /api/v1/mailboxes}. A mailbox a user creates is theirs; a member changes only their own
 * (see {@link com.campaignengine.app.MailboxAccess}), and shares it with named users through {@code
 * /shares}.
 */
final class MailboxRoutes {
  private final MailboxService mailboxes;
  private final MailboxConnect connect;
  private final boolean secureCookie;

  MailboxRoutes(MailboxService mailboxes, MailboxConnect connect, boolean secureCookie) {
    this.mailboxes = mailboxes;
    this.connect = connect;
    this.secureCookie = secureCookie;
  }

  private static boolean verify(Request request) {
    String verify = request.query().text("verify");
    if (verify == null || verify.equals("false")) {
      return false;
    }
    if (verify.equals("true")) {
      return true;
    }
    throw ApiException.badRequest("verify", "verify must be true or false");
  }

  void register(Router router) {
    // Which providers this server connects mailboxes with ("Connect Gmail" buttons…).
    router.get(
        "/api/v1/mailboxes/connect",
        request -> {
          ObjectNode json = Json.object();
          connect.providers().forEach(json.withArray("providers")::add);
          json.withArray("providers");
          return Response.ok(json);
        });
    // Starts the OAuth flow for the calling user: 302 to the provider's consent page, or
    // {"url": …} when asked for JSON. ?mailbox_id= reconnects one of theirs.
    router.get(
        "/api/v1/mailboxes/connect/{provider}",
        request -> {
          String mailboxId = request.query().text("mailbox_id");
          Long reconnect = null;
          if (mailboxId != null) {
            OptionalLong id = Ids.parse(mailboxId);
            if (id.isEmpty()) {
              throw ApiException.notFound("mailbox_id", "no mailbox '" + mailboxId + "'");
            }
            reconnect = id.getAsLong();
          }
          URI consent = connect.start(request.principal(), request.pathText("provider"), reconnect);
          String url = consent.toString();
          String accept = request.header("Accept");
          Response answer =
              accept != null && accept.contains("application/json")
                  ? Response.ok(Json.object().put("url", url))
                  : Response.redirect(url);
          // The state is bound to this browser: consent given in another one (a consent link
          // sent to someone else) finds no matching cookie at the callback and connects nothing.
          return answer.withCookie(
              ConnectPages.stateCookie(
                  QueryParams.parse(consent.getRawQuery()).text("state"), secureCookie));
        });
    router.post(
        "/api/v1/mailboxes",
        request ->
            Response.created(
                MailboxJson.render(
                    mailboxes.create(
                        request.workspaceId(),
                        request.principal().userId(),
                        request.json(MailboxRequests::draft),
                        verify(request)))));
    // New credentials for a mailbox (e.g. after a revoked token): reconnects it and releases
    // the sends parked meanwhile. Secrets not given are kept.
    router.add(
        "PUT",
        "/api/v1/mailboxes/{id}/credentials",
        request -> {
          mailboxes.access().requireMayManage(request.principal(), request.pathId("id"));
          MailboxRequests.Credentials credentials = request.json(MailboxRequests::credentials);
          return Response.ok(
              MailboxJson.render(
                  mailboxes.updateCredentials(
                      request.workspaceId(),
                      request.pathId("id"),
                      credentials.settings(),
                      credentials.secrets(),
                      verify(request))));
        });
    // Changes what the body gives (limits, gaps, display name, time zone, provider settings,
    // secrets), checked as a create is; secrets stay write-only. Answers the mailbox as GET does.
    router.add(
        "PATCH",
        "/api/v1/mailboxes/{id}",
        request -> {
          long id = request.pathId("id");
          mailboxes.access().requireMayManage(request.principal(), id);
          return Response.ok(
              MailboxJson.render(
                  mailboxes.update(
                      request.workspaceId(),
                      id,
                      request.json(MailboxRequests::change),
                      verify(request)),
                  mailboxes.reading(request.workspaceId(), id)));
        });
    router.add(
        "DELETE",
        "/api/v1/mailboxes/{id}",
        request -> {
          mailboxes.access().requireMayManage(request.principal(), request.pathId("id"));
          mailboxes.delete(request.workspaceId(), request.pathId("id"));
          return Response.noContent();
        });
    // Asks the provider whether the stored settings still work (an SMTP login, a token
    // refresh), sending nothing: 200 when they do, 422 with the provider's complaint otherwise.
    router.post(
        "/api/v1/mailboxes/{id}/verify",
        request -> {
          mailboxes.access().requireMayManage(request.principal(), request.pathId("id"));
          return Response.ok(
              MailboxJson.render(mailboxes.verify(request.workspaceId(), request.pathId("id")))
                  .put("verified", true));
        });
    // Who owns the mailbox, and whom it is shared with ("send on behalf of").
    router.get(
        "/api/v1/mailboxes/{id}/shares",
        request ->
            Response.ok(
                shares(mailboxes.access().ownership(request.principal(), request.pathId("id")))));
    // Shares it with exactly these users of the workspace: its owner or an admin may.
    router.add(
        "PUT",
        "/api/v1/mailboxes/{id}/shares",
        request -> {
          long id = request.pathId("id");
          List<Long> users = request.json(MailboxRoutes::userIds);
          return Response.ok(shares(mailboxes.access().share(request.principal(), id, users)));
        });
    router.get(
        "/api/v1/mailboxes",
        request ->
            Response.ok(Json.items(mailboxes.list(request.workspaceId()), MailboxJson::render)));
    // With how well its inbox is read: reply detection, last read, last error.
    router.get(
        "/api/v1/mailboxes/{id}",
        request -> {
          long id = request.pathId("id");
          return Response.ok(
              MailboxJson.render(
                  mailboxes.get(request.workspaceId(), id),
                  mailboxes.reading(request.workspaceId(), id)));
        });
  }

  private static List<Long> userIds(JsonInput body) {
    if (!body.has("user_ids")) {
      throw new ValidationException("user_ids", "user_ids is required (an empty list unshares)");
    }
    List<Long> ids = new ArrayList<>();
    for (JsonInput.Element element : body.array("user_ids")) {
      ids.add(element.id());
    }
    return ids;
  }

  private static ObjectNode shares(MailboxOwnership ownership) {
    ObjectNode json = Json.object();
    json.put("mailbox_id", Json.id(ownership.mailboxId()));
    if (ownership.ownerUserId() == null) {
      json.putNull("owner_user_id");
    } else {
      json.put("owner_user_id", Json.id(ownership.ownerUserId()));
    }
    ownership.sharedWith().stream()
        .sorted()
        .forEach(user -> json.withArray("shared_with").add(Json.id(user)));
    json.withArray("shared_with");
    return json;
  }
}
