package com.campaignengine.api;

import com.campaignengine.app.AuditLog;
import com.campaignengine.readmodel.AuditQuery;
import com.campaignengine.readmodel.AuditRecord;
import com.campaignengine.readmodel.Page;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code GET /api/v1/audit?since=&actor=&object=&limit=&after=}: the workspace's audit log, newest
 * first, {@code {"items": [...], "next": "<after of the next page>" | null}}. {@code actor} is an
 * actor's text ({@code user:ada@example.com}, {@code key:ci (ce_1a2b3c4d5e)}) or {@code user:<id>}
 * / {@code key:<id>}; {@code object} is a type ({@code campaigns}) or {@code type:id} ({@code
 * campaigns:12}); {@code since} an ISO-8601 instant.
 */
final class AuditRoutes {
  private static final Pattern ACTOR_ID = Pattern.compile("(user|key):(\\d{1,18})");
  private static final Pattern OBJECT = Pattern.compile("([a-z][a-z0-9-]*)(?::([^:\\s]+))?");

  private final AuditLog audit;

  AuditRoutes(AuditLog audit) {
    this.audit = audit;
  }

  void register(Router router) {
    router.get("/api/v1/audit", this::list);
  }

  private Response list(Request request) {
    QueryParams query = request.query();
    Instant since = since(query.text("since"));
    String actor = query.text("actor");
    Long actorUserId = null;
    Long actorKeyId = null;
    if (actor != null) {
      Matcher byId = ACTOR_ID.matcher(actor);
      if (byId.matches()) {
        long id = Long.parseLong(byId.group(2));
        if (byId.group(1).equals("user")) {
          actorUserId = id;
        } else {
          actorKeyId = id;
        }
        actor = null;
      }
    }
    String objectType = null;
    String objectId = null;
    String object = query.text("object");
    if (object != null) {
      Matcher matcher = OBJECT.matcher(object);
      if (!matcher.matches()) {
        throw ApiException.badRequest(
            "object", "object must be a type (campaigns) or a type and an id (campaigns:12)");
      }
      objectType = matcher.group(1);
      objectId = matcher.group(2);
    }
    int limit = query.limit();
    Long after = after(query.text("after"));
    Page<AuditRecord> page =
        audit.list(
            request.workspaceId(),
            new AuditQuery(
                since, actor, actorUserId, actorKeyId, objectType, objectId, after, limit));
    ObjectNode json = Json.items(page.items(), AuditRoutes::render);
    json.put("next", page.nextCursor());
    return Response.ok(json);
  }

  private static Instant since(String text) {
    if (text == null) {
      return null;
    }
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw ApiException.badRequest(
          "since", "since must be an ISO-8601 instant such as 2026-03-02T14:00:00Z");
    }
  }

  private static Long after(String text) {
    if (text == null) {
      return null;
    }
    OptionalLong id = Ids.parse(text);
    if (id.isEmpty()) {
      throw ApiException.badRequest("after", "after must be the next value of an earlier page");
    }
    return id.getAsLong();
  }

  static ObjectNode render(AuditRecord row) {
    ObjectNode json = Json.object();
    json.put("id", Json.id(row.id()));
    json.put("occurred_at", Json.time(row.occurredAt()));
    json.put("actor", row.actor());
    json.put("actor_user_id", Json.id(row.actorUserId()));
    json.put("actor_key_id", Json.id(row.actorKeyId()));
    json.put("method", row.method());
    json.put("route", row.route());
    json.put("action", row.action());
    json.put("object_type", row.objectType());
    json.put("object_id", row.objectId());
    return json;
  }
}
