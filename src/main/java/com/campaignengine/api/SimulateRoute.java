package com.campaignengine.api;

import com.campaignengine.app.CampaignService;
import com.campaignengine.app.PersonService;
import com.campaignengine.app.Simulator;
import com.campaignengine.campaign.Campaign;
import com.campaignengine.campaign.Person;
import com.campaignengine.failure.NotFoundException;
import com.campaignengine.failure.ValidationException;
import com.campaignengine.schedule.BusinessTime;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;

/**
 * {@code POST /api/v1/campaigns/{id}/simulate}: the planned timeline, sending nothing. The zone is
 * the person's (with {@code person_id}), else the body's {@code timezone}, else the campaign's,
 * else UTC.
 */
final class SimulateRoute {
  private final CampaignService campaigns;
  private final PersonService people;
  private final Simulator simulator;
  private final Clock clock;

  SimulateRoute(CampaignService campaigns, PersonService people, Simulator simulator, Clock clock) {
    this.campaigns = campaigns;
    this.people = people;
    this.simulator = simulator;
    this.clock = clock;
  }

  void register(Router router) {
    router.post("/api/v1/campaigns/{id}/simulate", this::simulate);
  }

  private Response simulate(Request request) throws IOException {
    long workspaceId = request.workspaceId();
    Campaign campaign = campaigns.get(workspaceId, request.pathId("id"));
    SimulateRequests.Parsed parsed = request.jsonOrEmpty(SimulateRequests::parse);
    Person person = parsed.personId() == null ? null : person(workspaceId, parsed.personId());
    String preferred =
        person != null && person.timezone() != null && !person.timezone().isBlank()
            ? person.timezone()
            : parsed.timezone();
    ZoneId zone = BusinessTime.zoneFor(preferred, campaign.sending().timezone());
    Instant start = parsed.start() == null ? clock.instant() : parsed.start();
    return Response.ok(
        TimelineJson.render(
            simulator.simulate(campaign, start, zone, person, parsed.assume()), zone));
  }

  private Person person(long workspaceId, long personId) {
    try {
      return people.get(workspaceId, personId);
    } catch (NotFoundException e) {
      throw new ValidationException("person_id", "no person " + personId + " in this workspace");
    }
  }
}
