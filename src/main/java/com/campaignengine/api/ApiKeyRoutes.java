package com.campaignengine.api;

import com.campaignengine.access.ApiKey;
import com.campaignengine.access.Role;
import com.campaignengine.app.ApiKeys;
import com.campaignengine.failure.ValidationException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * {@code /api/v1/api-keys}: the workspace's keys, listed (never a secret nor a hash), created and
 * rotated (the secret in that answer only) and revoked. Who may is {@link AccessRules}: viewers
 * list, admins change; a key's role is at most the caller's (403 otherwise).
 */
final class ApiKeyRoutes {
  private final ApiKeys keys;

  ApiKeyRoutes(ApiKeys keys) {
    this.keys = keys;
  }

  void register(Router router) {
    router.get("/api/v1/api-keys", this::list);
    router.post("/api/v1/api-keys", this::create);
    router.delete(
        "/api/v1/api-keys/{id}",
        request -> {
          long id = request.pathId("id");
          refusals(() -> keys.revoke(request.principal(), id));
          return Response.noContent();
        });
    router.post("/api/v1/api-keys/{id}/rotate", this::rotate);
  }

  private Response list(Request request) {
    ObjectNode json = Json.object();
    ArrayNode items = json.putArray("api_keys");
    keys.list(request.workspaceId()).forEach(key -> items.add(render(key)));
    return Response.ok(json);
  }

  /** {@code {"name", "role", "expires_at"?, "user_id"?}}. */
  private record Create(String name, Role role, Instant expiresAt, Long userId) {}

  private Response create(Request request) throws IOException {
    Create body =
        request.json(
            in -> {
              JsonInput.Element user = in.member("user_id");
              return new Create(
                  in.optionalText("name"),
                  role(in.optionalText("role")),
                  instant(in, "expires_at"),
                  user == null ? null : user.id());
            });
    ApiKeys.Created created =
        refusals(
            () ->
                keys.create(
                    request.principal(),
                    body.name(),
                    body.role(),
                    body.expiresAt(),
                    body.userId()));
    return Response.created(created(created));
  }

  /** {@code {"grace_seconds"?, "expires_at"?}}, or no body: no grace, a key that never expires. */
  private record Rotate(int graceSeconds, Instant expiresAt) {}

  private Response rotate(Request request) throws IOException {
    long id = request.pathId("id");
    Rotate body =
        request.jsonOrEmpty(
            in -> new Rotate(in.optionalInt("grace_seconds", 0), instant(in, "expires_at")));
    ApiKeys.Created created =
        refusals(
            () ->
                keys.rotate(
                    request.principal(),
                    id,
                    Duration.ofSeconds(body.graceSeconds()),
                    body.expiresAt()));
    return Response.created(created(created));
  }

  private static Role role(String text) {
    if (text == null || text.isBlank()) {
      throw new ValidationException("role", "role is required: owner, admin, member or viewer");
    }
    return Role.parse(text, "role");
  }

  /** An ISO-8601 time with an offset ({@code 2026-05-01T00:00:00Z}); anything else is a 422. */
  private static Instant instant(JsonInput in, String name) {
    String text = in.optionalText(name);
    if (text == null) {
      return null;
    }
    try {
      return OffsetDateTime.parse(text.strip()).toInstant();
    } catch (DateTimeParseException e) {
      throw new ValidationException(
          in.path(name), name + " must be an ISO-8601 time such as 2026-05-01T00:00:00Z");
    }
  }

  /** The use case's refusals as answers: a role above the caller's 403, a stranger user 404. */
  private static <T> T refusals(java.util.function.Supplier<T> action) {
    try {
      return action.get();
    } catch (ApiKeys.RoleAboveCaller e) {
      throw new ApiException(403, "role", e.getMessage());
    } catch (ApiKeys.UnknownUser e) {
      throw ApiException.notFound("user_id", e.getMessage());
    }
  }

  private static void refusals(Runnable action) {
    refusals(
        () -> {
          action.run();
          return null;
        });
  }

  private static ObjectNode created(ApiKeys.Created created) {
    ApiKey key = created.key();
    ObjectNode json = Json.object();
    json.put("id", Json.id(key.id()));
    json.put("name", key.name());
    json.put("role", key.role().wire());
    json.put("prefix", key.prefix());
    json.put("key", created.secret());
    json.put("user_id", Json.id(key.userId()));
    json.put("expires_at", Json.time(key.expiresAt()));
    json.put("created_at", Json.time(key.createdAt()));
    return json;
  }

  static ObjectNode render(ApiKey key) {
    ObjectNode json = Json.object();
    json.put("id", Json.id(key.id()));
    json.put("name", key.name());
    json.put("role", key.role().wire());
    json.put("prefix", key.prefix());
    json.put("user_id", Json.id(key.userId()));
    json.put("created_at", Json.time(key.createdAt()));
    json.put("last_used_at", Json.time(key.lastUsedAt()));
    json.put("expires_at", Json.time(key.expiresAt()));
    return json;
  }
}
