package com.campaignengine.api;

import com.campaignengine.app.ServerAdmin;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Locale;

/**
 * {@code /api/v1/workspaces}: the server administrator creates and lists workspaces with the
 * server's admin key ({@code CAMPAIGN_ENGINE_ADMIN_KEY}), never a workspace's key. Registered only
 * when the server has an admin key: without one these routes do not exist (404). Any other key is
 * refused with the same 401 as a bad workspace key, before the body is read.
 */
final class WorkspaceRoutes {
  private static final String BEARER = "bearer ";

  private final ServerAdmin admin;

  WorkspaceRoutes(ServerAdmin admin) {
    this.admin = admin;
  }

  void register(Router router) {
    router.post("/api/v1/workspaces", this::create);
    router.get("/api/v1/workspaces", this::list);
  }

  private Response create(Request request) throws IOException {
    authorize(request);
    String name = request.json(in -> in.optionalText("name"));
    ServerAdmin.CreatedWorkspace created = admin.create(name);
    ObjectNode json = Json.object();
    json.put("id", Json.id(created.id()));
    json.put("name", created.name());
    json.put("api_key", created.apiKey());
    return Response.created(json);
  }

  private Response list(Request request) {
    authorize(request);
    ObjectNode json = Json.object();
    ArrayNode items = json.putArray("workspaces");
    for (var workspace : admin.list()) {
      items
          .addObject()
          .put("id", Json.id(workspace.id()))
          .put("name", workspace.name())
          .put("created_at", Json.time(workspace.createdAt()));
    }
    return Response.ok(json);
  }

  private void authorize(Request request) {
    String authorization = request.header("Authorization");
    if (authorization == null
        || !authorization.toLowerCase(Locale.ROOT).startsWith(BEARER)
        || !admin.authorizes(authorization.substring(BEARER.length()))) {
      throw ApiException.unauthorized();
    }
  }
}
