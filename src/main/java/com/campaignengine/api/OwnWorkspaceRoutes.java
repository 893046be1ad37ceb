package com.campaignengine.api;

import com.campaignengine.app.OwnWorkspace;
import com.campaignengine.failure.ValidationException;
import com.campaignengine.readmodel.WorkspaceView;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * {@code /api/v1/workspace}: the caller's own workspace. Reading it (with the caller's role) is for
 * everyone in it, renaming it for admins, handing it over and deleting it for owners ({@link
 * AccessRules}).
 */
final class OwnWorkspaceRoutes {
  private final OwnWorkspace workspace;

  OwnWorkspaceRoutes(OwnWorkspace workspace) {
    this.workspace = workspace;
  }

  void register(Router router) {
    router.get(
        "/api/v1/workspace",
        request -> Response.ok(render(workspace.get(request.principal()), request)));
    router.patch(
        "/api/v1/workspace",
        request -> {
          String name = request.json(body -> body.requiredText("name"));
          return Response.ok(render(workspace.rename(request.principal(), name), request));
        });
    // The user becomes an owner; a user handing it over becomes an admin.
    router.post(
        "/api/v1/workspace/transfer-ownership",
        request -> {
          long user = request.json(body -> userId(body));
          workspace.transferOwnership(request.principal(), user);
          return Response.ok(render(workspace.get(request.principal()), request));
        });
    // Everything in the workspace goes, in one transaction: {"confirm": "<its name>"}.
    router.delete(
        "/api/v1/workspace",
        request -> {
          String confirm = request.json(body -> body.requiredText("confirm"));
          workspace.delete(request.principal(), confirm);
          return Response.noContent();
        });
  }

  private static long userId(JsonInput body) {
    JsonInput.Element element = body.member("user_id");
    if (element == null) {
      throw new ValidationException("user_id", "user_id is required");
    }
    return element.id();
  }

  private static ObjectNode render(WorkspaceView view, Request request) {
    ObjectNode json = Json.object();
    json.put("id", Json.id(view.id()));
    json.put("name", view.name());
    json.put("created_at", Json.time(view.createdAt()));
    json.put("your_role", request.principal().role().wire());
    return json;
  }
}
