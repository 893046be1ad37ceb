package com.campaignengine.api;

import com.campaignengine.app.CampaignService;
import com.campaignengine.app.EnrollmentService;
import com.campaignengine.app.MailboxAccess;
import com.campaignengine.campaign.EnrollmentStatus;
import com.campaignengine.failure.ValidationException;
import com.campaignengine.readmodel.EnrollmentView;
import com.campaignengine.readmodel.Page;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Arrays;

/** Enrolling people in a campaign, listing enrollments and moving one. */
final class EnrollmentRoutes {
  /** A move of one enrollment. */
  private interface Move {
    EnrollmentView apply(long workspaceId, long enrollmentId);
  }

  private final EnrollmentService enrollments;
  private final CampaignService campaigns;
  private final MailboxAccess mailboxAccess;

  EnrollmentRoutes(
      EnrollmentService enrollments, CampaignService campaigns, MailboxAccess mailboxAccess) {
    this.enrollments = enrollments;
    this.campaigns = campaigns;
    this.mailboxAccess = mailboxAccess;
  }

  void register(Router router) {
    router.post("/api/v1/campaigns/{id}/enrollments", this::enroll);
    router.get("/api/v1/campaigns/{id}/enrollments", this::list);
    router.get(
        "/api/v1/enrollments/{id}",
        request ->
            Response.ok(
                EnrollmentJson.render(
                    enrollments.get(request.workspaceId(), request.pathId("id")))));
    move(router, "pause", enrollments::pause);
    move(router, "resume", enrollments::resume);
    move(router, "stop", enrollments::stop);
  }

  private Response enroll(Request request) throws IOException {
    long campaignId = request.pathId("id");
    // Enrolling someone sends to them from the campaign's mailboxes.
    mailboxAccess.requireMaySendFrom(
        request.principal(),
        campaigns.get(request.workspaceId(), campaignId).sending().mailboxIds());
    EnrollRequests.Parsed parsed = request.json(EnrollRequests::parse);
    EnrollmentService.Result result =
        enrollments.enroll(request.workspaceId(), campaignId, parsed.ids());
    ObjectNode json = Json.object();
    json.put("enrolled", result.enrolled());
    ArrayNode skipped = json.putArray("skipped");
    for (String notId : parsed.notIds()) {
      skipped.addObject().put("person_id", notId).put("reason", "unknown_person");
    }
    for (EnrollmentService.Skip skip : result.skipped()) {
      skipped.addObject().put("person_id", Json.id(skip.personId())).put("reason", skip.reason());
    }
    return Response.accepted(json);
  }

  private Response list(Request request) {
    long campaignId = request.pathId("id");
    QueryParams query = request.query();
    EnrollmentStatus status = status(query.text("status"));
    int limit = query.limit();
    long cursor = query.cursor();
    Page<EnrollmentView> page =
        enrollments.list(request.workspaceId(), campaignId, status, cursor, limit);
    return Response.ok(Json.page(page, EnrollmentJson::render));
  }

  private static EnrollmentStatus status(String text) {
    if (text == null) {
      return null;
    }
    return Arrays.stream(EnrollmentStatus.values())
        .filter(s -> s.wireName().equals(text))
        .findFirst()
        .orElseThrow(
            () ->
                new ValidationException(
                    "status",
                    "unknown status '"
                        + text
                        + "' (use one of "
                        + Arrays.stream(EnrollmentStatus.values())
                            .map(EnrollmentStatus::wireName)
                            .toList()
                        + ")"));
  }

  private static void move(Router router, String action, Move move) {
    router.post(
        "/api/v1/enrollments/{id}/" + action,
        request ->
            Response.ok(
                EnrollmentJson.render(move.apply(request.workspaceId(), request.pathId("id")))));
  }
}
