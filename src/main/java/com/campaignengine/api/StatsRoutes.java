package com.campaignengine.api;

import com.campaignengine.app.StatsService;
import com.campaignengine.readmodel.MailboxReading;
import java.util.Map;

/**
 * Statistics: a campaign's counts and rates per step, its activity per day, its upcoming work, and
 * every mailbox's sending against its cap and how well its inbox is read.
 */
final class StatsRoutes {
  private static final int DEFAULT_DAYS = 30;
  private static final int DEFAULT_UPCOMING = 20;

  private final StatsService stats;

  StatsRoutes(StatsService stats) {
    this.stats = stats;
  }

  void register(Router router) {
    router.get(
        "/api/v1/campaigns/{id}/stats",
        request ->
            Response.ok(
                StatsJson.render(
                    stats.campaignStats(request.workspaceId(), request.pathId("id")))));
    router.get(
        "/api/v1/campaigns/{id}/stats/daily",
        request -> {
          int days = request.query().number("days", DEFAULT_DAYS, StatsService.MAX_DAYS);
          return Response.ok(
              StatsJson.daily(stats.daily(request.workspaceId(), request.pathId("id"), days)));
        });
    router.get(
        "/api/v1/campaigns/{id}/upcoming",
        request -> {
          int limit = request.query().number("limit", DEFAULT_UPCOMING, StatsService.MAX_UPCOMING);
          return Response.ok(
              Json.items(
                  stats.upcoming(request.workspaceId(), request.pathId("id"), limit),
                  StatsJson::upcoming));
        });
    router.get(
        "/api/v1/stats/mailboxes",
        request -> {
          Map<Long, MailboxReading> readings = stats.mailboxReadings(request.workspaceId());
          return Response.ok(
              Json.items(
                  stats.mailboxes(request.workspaceId()),
                  m -> StatsJson.mailbox(m, readings.get(m.mailboxId()))));
        });
  }
}
