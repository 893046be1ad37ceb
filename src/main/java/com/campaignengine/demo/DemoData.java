package com.campaignengine.demo;

import com.campaignengine.campaign.CampaignDraft;
import com.campaignengine.campaign.CampaignSettings;
import com.campaignengine.campaign.Company;
import com.campaignengine.campaign.ConditionType;
import com.campaignengine.campaign.Holidays;
import com.campaignengine.campaign.PersonDraft;
import com.campaignengine.campaign.SendingPolicy;
import com.campaignengine.campaign.SendingWindow;
import com.campaignengine.campaign.Step;
import com.campaignengine.campaign.StepDraft;
import com.campaignengine.campaign.WaitUnit;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The demo's campaign and its 25 candidates, spread over nine time zones. */
final class DemoData {
  private DemoData() {}

  static CampaignDraft campaign(long mailboxId) {
    return new CampaignDraft(
        "Senior backend engineers — spring outreach",
        new CampaignSettings(true, false, false, false, false, false),
        new SendingPolicy(
            List.of(mailboxId),
            "America/New_York",
            new SendingWindow(SendingWindow.WEEKDAYS, LocalTime.of(9, 0), LocalTime.of(17, 0)),
            Holidays.NONE,
            SendingPolicy.DEFAULT_MAX_ATTEMPTS),
        List.of(
            email(
                "intro",
                "Quick question, {{default first_name \"there\"}}",
                "Hi {{default first_name \"there\"}},\n\nI lead hiring at Analytical Engines. Your work as "
                    + "{{title}} at {{company.name}} caught my eye — we are building a distributed "
                    + "scheduler in Java and your {{custom.skill}} experience would matter here.\n\n"
                    + "Open to a 20-minute chat next week?\n\n{{sender.name}}"),
            wait("pause_1", 2),
            replied("check_1", "bump"),
            email(
                "bump",
                "Re: Quick question, {{default first_name \"there\"}}",
                "Hi {{default first_name \"there\"}}, bumping this in case it got buried. "
                    + "Happy to share the role description first.\n\n{{sender.name}}"),
            wait("pause_2", 3),
            replied("check_2", "breakup"),
            email(
                "breakup",
                "Closing the loop, {{default first_name \"there\"}}",
                "Hi {{default first_name \"there\"}}, I will not keep filling your inbox. If the timing "
                    + "changes, just reply to this email.\n\n{{sender.name}}")));
  }

  private static StepDraft email(String key, String subject, String body) {
    return StepDraft.ofEmail(key, new Step.EmailContent(subject, body, null, false));
  }

  private static StepDraft wait(String key, int businessDays) {
    return StepDraft.ofWait(key, new Step.WaitSpec(businessDays, WaitUnit.BUSINESS_DAYS, true));
  }

  private static StepDraft replied(String key, String otherwise) {
    return StepDraft.ofCondition(
        key, new Step.ConditionSpec(ConditionType.REPLIED, null, null, null), null, otherwise);
  }

  private static final String[][] CANDIDATES = {
    {"Grace", "Hopper", "America/New_York", "Navy Labs", "navy.example", "COBOL"},
    {"Linus", "Torvalds", "America/Los_Angeles", "Kernel Works", "kernel.example", "C"},
    {"Barbara", "Liskov", "America/New_York", "MIT Systems", "mitsys.example", "CLU"},
    {"Ken", "Thompson", "America/Los_Angeles", "Bell Studio", "bell.example", "Go"},
    {"Margaret", "Hamilton", "America/Chicago", "Apollo Soft", "apollo.example", "Ada"},
    {"Edsger", "Dijkstra", "Europe/Amsterdam", "Structured BV", "structured.example", "ALGOL"},
    {"Niklaus", "Wirth", "Europe/Zurich", "Pascal AG", "pascal.example", "Oberon"},
    {"Tim", "Berners-Lee", "Europe/London", "Web Ltd", "web.example", "HTTP"},
    {"Sophie", "Wilson", "Europe/London", "Acorn", "acorn.example", "ARM assembly"},
    {"Konrad", "Zuse", "Europe/Berlin", "Z Rechner", "zrechner.example", "Plankalkül"},
    {"Anders", "Hejlsberg", "Europe/Copenhagen", "Turbo ApS", "turbo.example", "C#"},
    {"Guido", "van Rossum", "Europe/Amsterdam", "Snake BV", "snake.example", "Python"},
    {"Bjarne", "Stroustrup", "Europe/Copenhagen", "Classes ApS", "classes.example", "C++"},
    {"Radia", "Perlman", "America/Denver", "Spanning", "spanning.example", "networking"},
    {"James", "Gosling", "America/Vancouver", "Oak Inc", "oak.example", "Java"},
    {"Yukihiro", "Matsumoto", "Asia/Tokyo", "Gem KK", "gem.example", "Ruby"},
    {"Shafi", "Goldwasser", "Asia/Jerusalem", "Proofs Ltd", "proofs.example", "cryptography"},
    {"Raj", "Reddy", "Asia/Kolkata", "Speech Labs", "speech.example", "AI"},
    {"Vint", "Cerf", "America/New_York", "TCP Corp", "tcp.example", "TCP/IP"},
    {"Leslie", "Lamport", "America/Los_Angeles", "Paxos Inc", "paxos.example", "TLA+"},
    {"Lynn", "Conway", "America/Detroit", "VLSI Co", "vlsi.example", "chip design"},
    {"Fernando", "Corbató", "America/Sao_Paulo", "Time Sharing", "ctss.example", "Multics"},
    {"Ada", "Yonath", "Asia/Jerusalem", "Ribosome", "ribosome.example", "crystallography"},
    {"John", "O'Sullivan", "Australia/Sydney", "CSIRO", "csiro.example", "Wi-Fi"},
    {"Frances", "Allen", "America/New_York", "Optimizers", "optim.example", "compilers"},
  };

  static List<PersonDraft> people() {
    List<PersonDraft> people = new ArrayList<>();
    for (String[] c : CANDIDATES) {
      String email =
          (c[0] + "." + c[1]).toLowerCase(Locale.ROOT).replaceAll("[^a-z.]", "") + "@" + c[4];
      people.add(
          new PersonDraft(
              email,
              c[0],
              c[1],
              "Staff Engineer",
              c[2],
              new Company(null, c[3], c[4]),
              Map.of("skill", c[5])));
    }
    return people;
  }
}
