package com.campaignengine.api;

import com.campaignengine.campaign.SendingWindow;
import com.campaignengine.failure.ValidationException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code sending_window} {days: ["MON", …], start: "09:00", end: "17:00"} in both directions; an
 * end of "24:00" is midnight ({@link LocalTime#MAX}). No window means always open.
 */
final class SendingWindows {
  private static final Pattern TIME = Pattern.compile("(\\d{2}):(\\d{2})");

  private SendingWindows() {}

  static SendingWindow parse(JsonInput campaign) {
    JsonInput window = campaign.optionalObject("sending_window");
    if (window == null) {
      return SendingWindow.ALWAYS;
    }
    Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
    List<JsonInput.Element> elements = window.array("days");
    for (JsonInput.Element element : elements) {
      days.add(day(element.text(), element.path()));
    }
    if (days.isEmpty()) {
      throw new ValidationException(window.path("days"), "a sending window needs at least one day");
    }
    LocalTime start = time(window.requiredText("start"), window.path("start"), false);
    LocalTime end = time(window.requiredText("end"), window.path("end"), true);
    if (!start.isBefore(end)) {
      throw new ValidationException(window.path("end"), "the window's end must be after its start");
    }
    return new SendingWindow(days, start, end);
  }

  private static DayOfWeek day(String text, String path) {
    String name = text.strip().toUpperCase(Locale.ROOT);
    for (DayOfWeek day : DayOfWeek.values()) {
      if (day.name().equals(name) || day.name().substring(0, 3).equals(name)) {
        return day;
      }
    }
    throw new ValidationException(path, "unknown day '" + text + "' (use MON, TUE, … SUN)");
  }

  private static LocalTime time(String text, String path, boolean end) {
    Matcher m = TIME.matcher(text.strip());
    if (m.matches()) {
      int hour = Integer.parseInt(m.group(1));
      int minute = Integer.parseInt(m.group(2));
      if (hour < 24 && minute < 60) {
        return LocalTime.of(hour, minute);
      }
      if (end && hour == 24 && minute == 0) {
        return LocalTime.MAX;
      }
    }
    throw new ValidationException(
        path, "'" + text + "' is not a time of day HH:MM" + (end ? " (00:00 to 24:00)" : ""));
  }

  /** The window as JSON, or null when it is always open. */
  static ObjectNode render(SendingWindow window) {
    if (window == null || window.isAlways()) {
      return null;
    }
    ObjectNode json = Json.object();
    var days = json.putArray("days");
    for (DayOfWeek day : DayOfWeek.values()) {
      if (window.days().contains(day)) {
        days.add(day.name().substring(0, 3));
      }
    }
    json.put("start", format(window.start()));
    json.put("end", format(window.end()));
    return json;
  }

  private static String format(LocalTime time) {
    if (time.equals(LocalTime.MAX)) {
      return "24:00";
    }
    return String.format(Locale.ROOT, "%02d:%02d", time.getHour(), time.getMinute());
  }
}
