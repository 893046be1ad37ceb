package com.campaignengine.api;

import com.campaignengine.app.ReplyInbox;
import com.campaignengine.campaign.ReplyCategory;
import com.campaignengine.failure.ValidationException;
import com.campaignengine.readmodel.InboxQuery;
import com.campaignengine.readmodel.InboxReply;
import com.campaignengine.readmodel.Page;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.OptionalLong;

/**
 * The reply inbox: {@code GET /api/v1/replies?campaign_id=&category=&handled=&limit=&cursor=}
 * (unhandled first, newest first; {@code {"items": [...], "next_cursor": ...}}), {@code GET
 * /api/v1/replies/{id}}, and {@code PATCH /api/v1/replies/{id} {"category"?, "handled"?}}, which
 * records the caller as who set the category.
 */
final class ReplyRoutes {
  private final ReplyInbox inbox;

  ReplyRoutes(ReplyInbox inbox) {
    this.inbox = inbox;
  }

  void register(Router router) {
    router.get("/api/v1/replies", this::list);
    router.get(
        "/api/v1/replies/{id}",
        request ->
            Response.ok(
                render(
                    inbox
                        .find(request.workspaceId(), request.pathId("id"))
                        .orElseThrow(() -> notFound(request)))));
    router.add("PATCH", "/api/v1/replies/{id}", this::update);
  }

  private record Change(ReplyCategory category, Boolean handled) {}

  private Response update(Request request) throws java.io.IOException {
    long id = request.pathId("id");
    Change change =
        request.json(
            body -> {
              String category = body.optionalText("category");
              Boolean handled =
                  body.value("handled") == null ? null : body.optionalBool("handled", false);
              return new Change(category == null ? null : category(category), handled);
            });
    InboxReply reply =
        inbox
            .update(
                request.workspaceId(),
                id,
                change.category(),
                change.handled(),
                request.principal().actor())
            .orElseThrow(() -> notFound(request));
    return Response.ok(render(reply));
  }

  private Response list(Request request) {
    QueryParams query = request.query();
    String category = query.text("category");
    String handled = query.text("handled");
    Boolean handledFilter = handled == null ? null : query.flag("handled", false);
    boolean afterHandled = false;
    Long afterId = null;
    String cursor = query.text("cursor");
    if (cursor != null) {
      OptionalLong id = cursor.length() > 1 ? Ids.parse(cursor.substring(1)) : OptionalLong.empty();
      if (id.isEmpty() || (cursor.charAt(0) != 'u' && cursor.charAt(0) != 'h')) {
        throw ApiException.badRequest(
            "cursor", "cursor must be a next_cursor value from an earlier page");
      }
      afterHandled = cursor.charAt(0) == 'h';
      afterId = id.getAsLong();
    }
    int limit = query.limit();
    List<InboxReply> rows =
        inbox.list(
            request.workspaceId(),
            new InboxQuery(
                query.id("campaign_id"),
                category == null ? null : category(category),
                handledFilter,
                afterHandled,
                afterId,
                limit));
    String next = null;
    if (rows.size() == limit) {
      InboxReply last = rows.get(rows.size() - 1);
      next = (last.handled() ? "h" : "u") + last.id();
    }
    return Response.ok(Json.page(new Page<>(rows, next), ReplyRoutes::render));
  }

  private static ReplyCategory category(String text) {
    return ReplyCategory.parse(text)
        .orElseThrow(
            () ->
                new ValidationException(
                    "category", "category must be one of " + ReplyCategory.allWire()));
  }

  private static ApiException notFound(Request request) {
    return ApiException.notFound("id", "no such reply: " + request.pathText("id"));
  }

  static ObjectNode render(InboxReply reply) {
    ObjectNode json = Json.object();
    json.put("id", Json.id(reply.id()));
    json.put("campaign_id", Json.id(reply.campaignId()));
    json.put("campaign_name", reply.campaignName());
    json.put("step_id", Json.id(reply.stepId()));
    json.put("enrollment_id", Json.id(reply.enrollmentId()));
    json.put("person_id", Json.id(reply.personId()));
    json.put("person_name", reply.personName());
    json.put("from_address", reply.fromAddress());
    json.put("subject", reply.subject());
    json.put("body", reply.body());
    json.put("kind", reply.kind());
    json.put("category", reply.category() == null ? null : reply.category().wire());
    json.put("category_set_by", reply.categorySetBy());
    json.put("category_set_at", Json.time(reply.categorySetAt()));
    json.put("handled", reply.handled());
    json.put("handled_at", Json.time(reply.handledAt()));
    json.put("received_at", Json.time(reply.receivedAt()));
    return json;
  }
}
