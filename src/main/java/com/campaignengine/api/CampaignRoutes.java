package com.campaignengine.api;

import com.campaignengine.app.CampaignService;
import com.campaignengine.campaign.Campaign;
import com.fasterxml.jackson.databind.node.ArrayNode;

/** {@code /api/v1/campaigns}: create, read and lifecycle. */
final class CampaignRoutes {
  /** A lifecycle move of the campaign service. */
  private interface Move {
    Campaign apply(long workspaceId, long campaignId);
  }

  private final CampaignService campaigns;

  CampaignRoutes(CampaignService campaigns) {
    this.campaigns = campaigns;
  }

  void register(Router router) {
    router.post(
        "/api/v1/campaigns",
        request ->
            Response.created(
                CampaignJson.render(
                    campaigns.create(
                        request.workspaceId(), CampaignRequests.draft(request.json())))));
    router.get(
        "/api/v1/campaigns",
        request -> {
          ArrayNode items = Json.array();
          campaigns.list(request.workspaceId()).forEach(c -> items.add(CampaignJson.render(c)));
          return Response.ok(Json.object().set("items", items));
        });
    router.get(
        "/api/v1/campaigns/{id}",
        request ->
            Response.ok(
                CampaignJson.render(campaigns.get(request.workspaceId(), request.pathId("id")))));
    lifecycle(router, "activate", campaigns::activate);
    lifecycle(router, "pause", campaigns::pause);
    lifecycle(router, "resume", campaigns::resume);
    lifecycle(router, "archive", campaigns::archive);
  }

  private static void lifecycle(Router router, String action, Move move) {
    router.post(
        "/api/v1/campaigns/{id}/" + action,
        request ->
            Response.ok(
                CampaignJson.render(move.apply(request.workspaceId(), request.pathId("id")))));
  }
}
