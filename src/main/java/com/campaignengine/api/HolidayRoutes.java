package com.campaignengine.api;

import com.campaignengine.app.HolidayService;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * {@code /api/v1/holidays}: the workspace's holidays ({@code {"country": "US", "dates": [...]}},
 * closed for every campaign), and {@code /api/v1/holidays/calendars/{code}?year=} to see a preset.
 */
final class HolidayRoutes {
  private final HolidayService holidays;

  HolidayRoutes(HolidayService holidays) {
    this.holidays = holidays;
  }

  void register(Router router) {
    router.get(
        "/api/v1/holidays",
        request ->
            Response.ok(CampaignJson.holidays(holidays.workspaceHolidays(request.workspaceId()))));
    router.add(
        "PUT",
        "/api/v1/holidays",
        request ->
            Response.ok(
                CampaignJson.holidays(
                    holidays.setWorkspaceHolidays(
                        request.workspaceId(), request.json(CampaignRequests::holidays)))));
    router.get(
        "/api/v1/holidays/calendars/{code}",
        request -> {
          int year = request.query().number("year", LocalDate.now(ZoneOffset.UTC).getYear(), 2200);
          String code = request.pathText("code");
          ObjectNode json = Json.object();
          json.put("calendar", code.toUpperCase(java.util.Locale.ROOT));
          json.put("year", year);
          ArrayNode dates = json.putArray("dates");
          holidays.presetDates(code, year).stream()
              .sorted()
              .forEach(date -> dates.add(date.toString()));
          return Response.ok(json);
        });
  }
}
