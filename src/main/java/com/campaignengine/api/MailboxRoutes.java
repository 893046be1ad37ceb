package com.campaignengine.api;

import com.campaignengine.app.MailboxService;
import com.fasterxml.jackson.databind.node.ArrayNode;

/** {@code /api/v1/mailboxes}. */
final class MailboxRoutes {
  private final MailboxService mailboxes;

  MailboxRoutes(MailboxService mailboxes) {
    this.mailboxes = mailboxes;
  }

  void register(Router router) {
    router.post(
        "/api/v1/mailboxes",
        request ->
            Response.created(
                MailboxJson.render(
                    mailboxes.create(
                        request.workspaceId(), MailboxRequests.draft(request.json())))));
    router.get(
        "/api/v1/mailboxes",
        request -> {
          ArrayNode items = Json.array();
          mailboxes.list(request.workspaceId()).forEach(m -> items.add(MailboxJson.render(m)));
          return Response.ok(Json.object().set("items", items));
        });
    router.get(
        "/api/v1/mailboxes/{id}",
        request ->
            Response.ok(
                MailboxJson.render(mailboxes.get(request.workspaceId(), request.pathId("id")))));
  }
}
