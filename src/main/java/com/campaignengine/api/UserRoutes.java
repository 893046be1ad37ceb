package com.campaignengine.api;

import com.campaignengine.access.Role;
import com.campaignengine.app.Users;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * {@code /api/v1/users}: the workspace's users (read: viewers; change: admins, see {@link
 * AccessRules}), their invite links, {@code /api/v1/me} (who is asking) and {@code
 * /api/v1/invites/{token}/accept} (no key: the link's token is the credential).
 */
final class UserRoutes {
  private final Users users;

  UserRoutes(Users users) {
    this.users = users;
  }

  private record NewUser(String email, String name, Role role) {}

  private record UserChange(String name, Role role) {}

  void register(Router router) {
    router.post(
        "/api/v1/users",
        request -> {
          NewUser user =
              request.json(
                  body ->
                      new NewUser(
                          body.requiredText("email"),
                          body.requiredText("name"),
                          Role.parse(body.requiredText("role"), "role")));
          Users.Invited invited =
              users.create(request.principal(), user.email(), user.name(), user.role());
          ObjectNode json = Json.object();
          json.put("id", Json.id(invited.user().id()));
          json.put("email", invited.user().email());
          json.put("name", invited.user().name());
          json.put("role", invited.user().role().wire());
          invite(json, invited.invite());
          return Response.created(json);
        });
    router.get(
        "/api/v1/users",
        request -> {
          ObjectNode json = Json.object();
          users.list(request.workspaceId()).forEach(u -> json.withArray("users").add(render(u)));
          json.withArray("users");
          return Response.ok(json);
        });
    router.get(
        "/api/v1/users/{id}",
        request -> Response.ok(render(users.get(request.workspaceId(), request.pathId("id")))));
    router.patch(
        "/api/v1/users/{id}",
        request -> {
          UserChange change =
              request.json(
                  body -> {
                    String role = body.optionalText("role");
                    return new UserChange(
                        body.optionalText("name"), role == null ? null : Role.parse(role, "role"));
                  });
          return Response.ok(
              render(
                  users.update(
                      request.principal(), request.pathId("id"), change.name(), change.role())));
        });
    router.delete(
        "/api/v1/users/{id}",
        request -> {
          users.delete(request.principal(), request.pathId("id"));
          return Response.noContent();
        });
    router.post(
        "/api/v1/users/{id}/invite",
        request -> {
          long id = request.pathId("id");
          ObjectNode json = Json.object();
          json.put("id", Json.id(id));
          invite(json, users.reinvite(request.workspaceId(), id));
          return Response.created(json);
        });
    router.post(
        "/api/v1/invites/{token}/accept",
        request -> {
          String password = request.json(body -> body.optionalText("password"));
          users.acceptInvite(request.pathText("token"), password);
          return Response.ok(Json.object().put("status", "password set"));
        });
    router.get("/api/v1/me", request -> Response.ok(me(users.me(request.principal()))));
  }

  private static void invite(ObjectNode json, Users.Invite invite) {
    json.put("invite_url", invite.url());
    json.put("invite_expires_at", Json.time(invite.expiresAt()));
  }

  static ObjectNode render(Users.User user) {
    ObjectNode json = Json.object();
    json.put("id", Json.id(user.id()));
    json.put("email", user.email());
    json.put("name", user.name());
    json.put("role", user.role().wire());
    json.put("created_at", Json.time(user.createdAt()));
    json.put("has_password", user.hasPassword());
    return json;
  }

  private static ObjectNode me(Users.Me me) {
    ObjectNode json = Json.object();
    json.put("workspace_id", Json.id(me.workspaceId()));
    json.put("role", me.role().wire());
    if (me.user() == null) {
      json.putNull("user");
    } else {
      json.putObject("user")
          .put("id", Json.id(me.user().id()))
          .put("email", me.user().email())
          .put("name", me.user().name());
    }
    if (me.keyId() == null) {
      json.putNull("key");
    } else {
      json.putObject("key").put("id", Json.id(me.keyId())).put("name", me.keyName());
    }
    return json;
  }
}
