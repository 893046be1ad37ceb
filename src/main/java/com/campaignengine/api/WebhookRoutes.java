package com.campaignengine.api;

import com.campaignengine.app.CreatedSubscription;
import com.campaignengine.app.WebhookService;
import com.campaignengine.readmodel.Page;
import com.campaignengine.webhooks.DeliveryStatus;
import com.campaignengine.webhooks.WebhookDelivery;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * {@code /api/v1/webhooks}: subscriptions of the workspace's URLs to events, their deliveries, and
 * the retry of a failed one. The signing secret is in the create answer only.
 */
final class WebhookRoutes {
  private final WebhookService webhooks;

  WebhookRoutes(WebhookService webhooks) {
    this.webhooks = webhooks;
  }

  void register(Router router) {
    router.post("/api/v1/webhooks", this::create);
    router.get(
        "/api/v1/webhooks",
        request ->
            Response.ok(Json.items(webhooks.list(request.workspaceId()), WebhookJson::render)));
    router.get(
        "/api/v1/webhooks/{id}",
        request ->
            Response.ok(
                WebhookJson.render(webhooks.get(request.workspaceId(), request.pathId("id")))));
    router.add(
        "PATCH",
        "/api/v1/webhooks/{id}",
        request ->
            Response.ok(
                WebhookJson.render(
                    webhooks.update(
                        request.workspaceId(),
                        request.pathId("id"),
                        request.json(WebhookRequests::change)))));
    router.add(
        "DELETE",
        "/api/v1/webhooks/{id}",
        request -> {
          long id = request.pathId("id");
          webhooks.delete(request.workspaceId(), id);
          return Response.ok(Json.object().put("id", Json.id(id)).put("deleted", true));
        });
    router.get("/api/v1/webhooks/{id}/deliveries", this::deliveries);
    router.post(
        "/api/v1/webhooks/{id}/deliveries/{deliveryId}/retry",
        request ->
            Response.accepted(
                WebhookJson.render(
                    webhooks.retry(
                        request.workspaceId(),
                        request.pathId("id"),
                        request.pathId("deliveryId")))));
  }

  private Response create(Request request) throws java.io.IOException {
    WebhookRequests.Create body = request.json(WebhookRequests::create);
    CreatedSubscription created =
        webhooks.create(request.workspaceId(), body.url(), body.events(), body.description());
    ObjectNode json = WebhookJson.render(created.subscription());
    json.put("secret", created.secret());
    return Response.created(json);
  }

  private Response deliveries(Request request) {
    QueryParams query = request.query();
    String text = query.text("status");
    DeliveryStatus status =
        text == null
            ? null
            : DeliveryStatus.fromWire(text)
                .orElseThrow(
                    () ->
                        ApiException.badRequest(
                            "status", "status must be pending, delivered or failed"));
    Page<WebhookDelivery> page =
        webhooks.deliveries(
            request.workspaceId(), request.pathId("id"), status, query.cursor(), query.limit());
    return Response.ok(Json.page(page, WebhookJson::render));
  }
}
