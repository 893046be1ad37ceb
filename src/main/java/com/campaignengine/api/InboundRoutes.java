package com.campaignengine.api;

import com.campaignengine.app.InboundWebhooks;

/** {@code POST /api/v1/inbound/{provider}}: provider pushes, verified by signature (401 if not). */
final class InboundRoutes {
  private static final int LIMIT = 10 << 20;

  private final InboundWebhooks webhooks;

  InboundRoutes(InboundWebhooks webhooks) {
    this.webhooks = webhooks;
  }

  void register(Router router) {
    router.post(
        "/api/v1/inbound/{provider}",
        request -> {
          String provider = request.pathText("provider");
          byte[] body = request.bytes(LIMIT);
          InboundWebhooks.Result result =
              switch (provider) {
                case "generic" -> webhooks.generic(body, request.header("X-Signature"));
                case "resend" ->
                    webhooks.resend(
                        body,
                        request.header("svix-id"),
                        request.header("svix-timestamp"),
                        request.header("svix-signature"));
                default ->
                    throw ApiException.notFound("provider", "no inbound endpoint for " + provider);
              };
          return Response.ok(Json.object().put("outcome", result.outcome()));
        });
  }
}
