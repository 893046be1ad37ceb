package com.campaignengine.api;

import com.campaignengine.campaign.CampaignDraft;
import com.campaignengine.campaign.CampaignSettings;
import com.campaignengine.campaign.Holidays;
import com.campaignengine.campaign.SendingPolicy;
import com.campaignengine.campaign.SendingWindow;
import com.campaignengine.campaign.StepDraft;
import com.campaignengine.failure.ValidationException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/** {@code POST /api/v1/campaigns} bodies to drafts; the campaign service checks the rest. */
final class CampaignRequests {
  private CampaignRequests() {}

  /**
   * The draft; {@code mailbox_ids} lists ids or email addresses, which {@code mailboxByAddress}
   * turns into ids (an address not in the workspace is a 422 at its entry).
   */
  static CampaignDraft draft(JsonInput body, Function<String, Optional<Long>> mailboxByAddress) {
    String name = body.optionalText("name");
    List<Long> mailboxIds = new ArrayList<>();
    for (JsonInput.Element element : body.array("mailbox_ids")) {
      if (element.node().isTextual() && element.node().textValue().contains("@")) {
        String address = element.node().textValue().strip();
        mailboxIds.add(
            mailboxByAddress
                .apply(address)
                .orElseThrow(
                    () ->
                        new ValidationException(
                            element.path(), "no mailbox " + address + " in this workspace")));
      } else {
        mailboxIds.add(element.id());
      }
    }
    String timezone = body.optionalText("timezone");
    List<StepDraft> steps = new ArrayList<>();
    for (JsonInput step : body.objects("steps")) {
      steps.add(StepRequests.draft(step));
    }
    // Read in this order, so that of several bad fields the same one is reported first.
    SendingWindow window = SendingWindows.parse(body);
    boolean stopOnReply = body.optionalBool("stop_on_reply", true);
    boolean stopOnCompanyReply = body.optionalBool("stop_on_company_reply", false);
    boolean trackOpens = body.optionalBool("track_opens", false);
    boolean trackClicks = body.optionalBool("track_clicks", false);
    int maxAttempts = body.optionalInt("max_attempts", SendingPolicy.DEFAULT_MAX_ATTEMPTS);
    boolean skipMissingValues = skipMissingValues(body);
    boolean autoPauseOnSpike = body.optionalBool("auto_pause_on_spike", false);
    Holidays holidays = holidays(body.optionalObject("holidays"));
    return new CampaignDraft(
        name,
        new CampaignSettings(
            stopOnReply,
            stopOnCompanyReply,
            trackOpens,
            trackClicks,
            skipMissingValues,
            autoPauseOnSpike),
        new SendingPolicy(mailboxIds, timezone, window, holidays, maxAttempts),
        steps);
  }

  /** {@code holidays: {country: "US" | "DE-BY" | null, dates: ["2026-12-24", ...]}}. */
  static Holidays holidays(JsonInput holidays) {
    if (holidays == null) {
      return Holidays.NONE;
    }
    Set<LocalDate> dates = new TreeSet<>();
    for (JsonInput.Element element : holidays.array("dates")) {
      String text = element.text();
      try {
        dates.add(LocalDate.parse(text.strip()));
      } catch (DateTimeParseException e) {
        throw new ValidationException(
            element.path(), "'" + text + "' is not a date (use YYYY-MM-DD)");
      }
    }
    String country = holidays.optionalText("country");
    return new Holidays(country == null ? null : country.strip().toUpperCase(Locale.ROOT), dates);
  }

  /** {@code on_missing_value}: "send" (default) or "skip" (stop that person's sequence). */
  private static boolean skipMissingValues(JsonInput body) {
    String value = body.optionalText("on_missing_value");
    if (value == null || value.equals("send")) {
      return false;
    }
    if (value.equals("skip")) {
      return true;
    }
    throw new ValidationException("on_missing_value", "on_missing_value must be send or skip");
  }
}
