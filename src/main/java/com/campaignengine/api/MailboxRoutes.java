package com.campaignengine.api;

import com.campaignengine.app.MailboxService;

/** {@code /api/v1/mailboxes}. */
final class MailboxRoutes {
  private final MailboxService mailboxes;

  MailboxRoutes(MailboxService mailboxes) {
    this.mailboxes = mailboxes;
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
    router.post(
        "/api/v1/mailboxes",
        request ->
            Response.created(
                MailboxJson.render(
                    mailboxes.create(
                        request.workspaceId(),
                        request.json(MailboxRequests::draft),
                        verify(request)))));
    // New credentials for a mailbox (e.g. after a revoked token): reconnects it and releases
    // the sends parked meanwhile. Secrets not given are kept.
    router.add(
        "PUT",
        "/api/v1/mailboxes/{id}/credentials",
        request -> {
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
          mailboxes.delete(request.workspaceId(), request.pathId("id"));
          return Response.noContent();
        });
    // Asks the provider whether the stored settings still work (an SMTP login, a token
    // refresh), sending nothing: 200 when they do, 422 with the provider's complaint otherwise.
    router.post(
        "/api/v1/mailboxes/{id}/verify",
        request ->
            Response.ok(
                MailboxJson.render(mailboxes.verify(request.workspaceId(), request.pathId("id")))
                    .put("verified", true)));
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
}
