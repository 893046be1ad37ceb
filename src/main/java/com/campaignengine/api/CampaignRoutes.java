package com.campaignengine.api;

import com.campaignengine.app.CampaignService;
import com.campaignengine.app.MailboxService;
import com.campaignengine.campaign.Campaign;
import com.campaignengine.campaign.CampaignDraft;
import com.campaignengine.readmodel.CampaignEdit;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** {@code /api/v1/campaigns}: create, read, edit (versions) and lifecycle. */
final class CampaignRoutes {
  /** A lifecycle move of the campaign service. */
  private interface Move {
    Campaign apply(long workspaceId, long campaignId);
  }

  private final CampaignService campaigns;
  private final MailboxService mailboxes;

  CampaignRoutes(CampaignService campaigns, MailboxService mailboxes) {
    this.campaigns = campaigns;
    this.mailboxes = mailboxes;
  }

  /** The body as a draft, its mailboxes named by id or by address in the caller's workspace. */
  private CampaignDraft draft(Request request) throws java.io.IOException {
    long workspaceId = request.workspaceId();
    return request.json(
        body -> CampaignRequests.draft(body, address -> mailboxes.idOf(workspaceId, address)));
  }

  void register(Router router) {
    router.post("/api/v1/campaigns", this::create);
    router.add("PUT", "/api/v1/campaigns/{id}", this::update);
    router.post(
        "/api/v1/campaigns/{id}/move-enrollments",
        request -> {
          CampaignEdit.Moves moves =
              campaigns.moveToCurrentVersion(request.workspaceId(), request.pathId("id"));
          return Response.ok(moves(moves));
        });
    router.get(
        "/api/v1/campaigns",
        request ->
            Response.ok(Json.items(campaigns.list(request.workspaceId()), CampaignJson::render)));
    router.get(
        "/api/v1/campaigns/{id}",
        request ->
            Response.ok(
                CampaignJson.render(campaigns.get(request.workspaceId(), request.pathId("id")))));
    // Starting a campaign again sends from its mailboxes: a member may if they may send from each.
    lifecycle(router, "activate", this::sendingFrom, campaigns::activate);
    lifecycle(router, "pause", (request, id) -> {}, campaigns::pause);
    lifecycle(router, "resume", this::sendingFrom, campaigns::resume);
    lifecycle(router, "archive", (request, id) -> {}, campaigns::archive);
  }

  /** {@code ?dry_run=true}: checked and shown as it would be, nothing written (201 vs 200). */
  private Response create(Request request) throws java.io.IOException {
    CampaignDraft draft = draft(request);
    mailboxes.access().requireMaySendFrom(request.principal(), draft.sending().mailboxIds());
    if (flag(request, "dry_run")) {
      return Response.ok(
          withoutIds(CampaignJson.render(campaigns.preview(request.workspaceId(), null, draft))));
    }
    return Response.created(CampaignJson.render(campaigns.create(request.workspaceId(), draft)));
  }

  /**
   * Replaces the definition; the steps become the next version. {@code ?move_enrollments=true}
   * moves waiting work of earlier versions too; {@code ?dry_run=true} shows the result only.
   */
  private Response update(Request request) throws java.io.IOException {
    long id = request.pathId("id");
    CampaignDraft draft = draft(request);
    mailboxes.access().requireMaySendFrom(request.principal(), draft.sending().mailboxIds());
    boolean move = flag(request, "move_enrollments");
    if (flag(request, "dry_run")) {
      return Response.ok(
          withoutIds(CampaignJson.render(campaigns.preview(request.workspaceId(), id, draft))));
    }
    CampaignEdit edit = campaigns.update(request.workspaceId(), id, draft, move);
    ObjectNode json = CampaignJson.render(edit.campaign());
    ObjectNode result = json.putObject("edit");
    result.put("version", edit.campaign().version());
    result.put("executions_on_earlier_versions", edit.onEarlierVersions());
    if (edit.moves() != null) {
      result.set("moved", moves(edit.moves()));
    }
    return Response.ok(json);
  }

  private static ObjectNode moves(CampaignEdit.Moves moves) {
    ObjectNode json = Json.object();
    json.put("moved", moves.moved());
    json.put("continued_at_next_step", moves.continuedAtNextStep());
    json.put("ended", moves.ended());
    json.put("left_running", moves.leftRunning());
    return json;
  }

  /** A preview's ids were rolled back with it: they name nothing. */
  private static ObjectNode withoutIds(ObjectNode campaign) {
    campaign.putNull("id");
    campaign.withArray("steps").forEach(step -> ((ObjectNode) step).putNull("id"));
    return campaign;
  }

  private static boolean flag(Request request, String name) {
    String value = request.query().text(name);
    if (value == null || value.equals("false")) {
      return false;
    }
    if (value.equals("true")) {
      return true;
    }
    throw ApiException.badRequest(name, name + " must be true or false");
  }

  /** What must hold before a lifecycle move of campaign {@code id}; throws if it does not. */
  private interface Check {
    void check(Request request, long id);
  }

  private void sendingFrom(Request request, long id) {
    Campaign campaign = campaigns.get(request.workspaceId(), id);
    mailboxes.access().requireMaySendFrom(request.principal(), campaign.sending().mailboxIds());
  }

  private static void lifecycle(Router router, String action, Check check, Move move) {
    router.post(
        "/api/v1/campaigns/{id}/" + action,
        request -> {
          long id = request.pathId("id");
          check.check(request, id);
          return Response.ok(CampaignJson.render(move.apply(request.workspaceId(), id)));
        });
  }
}
