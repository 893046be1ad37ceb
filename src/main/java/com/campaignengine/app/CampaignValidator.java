package com.campaignengine.app;

import com.campaignengine.campaign.CampaignDraft;
import com.campaignengine.campaign.ConditionType;
import com.campaignengine.campaign.Person;
import com.campaignengine.campaign.Step;
import com.campaignengine.campaign.StepDraft;
import com.campaignengine.campaign.StepType;
import com.campaignengine.campaign.WaitUnit;
import com.campaignengine.failure.ValidationException;
import com.campaignengine.mail.HeaderText;
import com.campaignengine.template.TemplateEngine;
import com.campaignengine.template.TemplateException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks a campaign before anything is written: names, keys, routing, durations, time zone,
 * templates, and that no step can be reached twice. The first problem is reported with its field
 * path.
 */
final class CampaignValidator {
  static final int MAX_STEPS = 100;
  private static final int MAX_WAIT_MINUTES = 366 * 24 * 60;
  static final int MAX_INSTRUCTIONS = 4000;
  private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_-]{1,64}");

  private final TemplateEngine templates;

  CampaignValidator(TemplateEngine templates) {
    this.templates = templates;
  }

  void check(CampaignDraft draft) {
    if (draft.name() == null || draft.name().isBlank()) {
      throw new ValidationException("name", "name is required");
    }
    if (draft.name().length() > 200
        || draft.name().indexOf('\0') >= 0
        || !HeaderText.isOneLine(draft.name())) {
      // {{campaign.name}} may end in a subject: one line, like every header-bound value.
      throw new ValidationException(
          "name", "name must be one line of at most 200 characters, without NUL");
    }
    TimeZones.check("timezone", draft.sending().timezone());
    checkHolidays("holidays", draft.sending().holidays());
    if (draft.sending().maxAttempts() < 1 || draft.sending().maxAttempts() > 20) {
      throw new ValidationException("max_attempts", "max_attempts must be between 1 and 20");
    }
    List<StepDraft> steps = draft.steps();
    if (steps.isEmpty()) {
      throw new ValidationException("steps", "a campaign needs at least one step");
    }
    if (steps.size() > MAX_STEPS) {
      throw new ValidationException("steps", "a campaign has at most " + MAX_STEPS + " steps");
    }
    Map<String, Integer> index = new HashMap<>();
    for (int i = 0; i < steps.size(); i++) {
      String key = steps.get(i).key();
      if (key == null || !KEY.matcher(key).matches()) {
        throw new ValidationException(
            path(i, "key"), "key must be 1-64 letters, digits, '_' or '-'");
      }
      if (index.put(key, i) != null) {
        throw new ValidationException(path(i, "key"), "duplicate step key '" + key + "'");
      }
    }
    for (int i = 0; i < steps.size(); i++) {
      checkStep(i, steps.get(i), index);
    }
    checkNoLoops(steps, index);
  }

  private void checkStep(int i, StepDraft step, Map<String, Integer> index) {
    switch (step.type()) {
      case EMAIL -> checkEmail(i, step.email());
      case WAIT -> checkWait(i, step.waitSpec());
      case CONDITION -> checkCondition(i, step.condition());
      case TASK -> checkTask(i, step.task());
    }
    if (step.type() == StepType.CONDITION) {
      checkReference(i, "true_next_step", step.trueNextStep(), index);
      checkReference(i, "false_next_step", step.falseNextStep(), index);
    } else if (step.nextStepGiven()) {
      checkReference(i, "next_step", step.nextStep(), index);
    }
  }

  private void checkEmail(int i, Step.EmailContent email) {
    if (email.subject() == null || email.subject().isBlank()) {
      throw new ValidationException(path(i, "subject"), "an email step needs a subject");
    }
    boolean hasText = email.body() != null && !email.body().isBlank();
    boolean hasHtml = email.bodyHtml() != null && !email.bodyHtml().isBlank();
    if (!hasText && !hasHtml) {
      throw new ValidationException(path(i, "body"), "an email step needs a body or a body_html");
    }
    checkSubject(path(i, "subject"), email.subject());
    if (hasText) {
      checkTemplate(path(i, "body"), email.body());
    }
    if (email.bodyHtml() != null) {
      checkTemplate(path(i, "body_html"), email.bodyHtml());
    }
    if (email.ai() != null) {
      for (var field : email.ai().context().entrySet()) {
        checkTemplate(path(i, "ai.context." + field.getKey()), field.getValue());
      }
    }
    checkVariants(i, email);
  }

  private void checkVariants(int i, Step.EmailContent email) {
    if (!email.hasVariants()) {
      if (email.winner() != null) {
        throw new ValidationException(path(i, "pick_winner"), "pick_winner needs variants");
      }
      return;
    }
    if (email.variants().size() < 2 || email.variants().size() > 10) {
      throw new ValidationException(path(i, "variants"), "an A/B test has 2 to 10 variants");
    }
    Set<String> keys = new HashSet<>();
    for (int v = 0; v < email.variants().size(); v++) {
      Step.Variant variant = email.variants().get(v);
      String at = path(i, "variants[" + v + "]");
      if (variant.key() == null || !KEY.matcher(variant.key()).matches()) {
        throw new ValidationException(at + ".key", "key must be 1-64 letters, digits, '_' or '-'");
      }
      if (!keys.add(variant.key())) {
        throw new ValidationException(at + ".key", "duplicate variant key '" + variant.key() + "'");
      }
      if (variant.weight() < 1 || variant.weight() > 1000) {
        throw new ValidationException(at + ".weight", "weight must be between 1 and 1000");
      }
      if (variant.subject() == null && variant.body() == null && variant.bodyHtml() == null) {
        throw new ValidationException(
            at, "a variant sets at least one of subject, body, body_html");
      }
      if (variant.subject() != null) {
        if (variant.subject().isBlank()) {
          throw new ValidationException(at + ".subject", "subject must not be blank");
        }
        checkSubject(at + ".subject", variant.subject());
      }
      if (variant.body() != null) {
        checkTemplate(at + ".body", variant.body());
      }
      if (variant.bodyHtml() != null) {
        checkTemplate(at + ".body_html", variant.bodyHtml());
      }
    }
    if (email.winner() != null) {
      if (!Step.WinnerRule.METRICS.contains(email.winner().metric())) {
        throw new ValidationException(
            path(i, "pick_winner.metric"), "metric must be one of " + Step.WinnerRule.METRICS);
      }
      if (email.winner().afterSends() < 10 || email.winner().afterSends() > 1_000_000) {
        throw new ValidationException(
            path(i, "pick_winner.after_sends"), "after_sends must be between 10 and 1000000");
      }
    }
  }

  /** A country preset the shipped tables know, and at most 1000 explicit dates. */
  static void checkHolidays(String field, com.campaignengine.campaign.Holidays holidays) {
    String prefix = field.isEmpty() ? "" : field + ".";
    if (holidays.country() != null
        && !com.campaignengine.schedule.HolidayCalendars.isKnown(holidays.country())) {
      throw new ValidationException(
          prefix + "country",
          "unknown holiday calendar '"
              + holidays.country()
              + "' (an ISO country code such as US, GB, DE, FR, optionally with a region: US-NY,"
              + " DE-BY)");
    }
    if (holidays.blackoutDates().size() > 1000) {
      throw new ValidationException(prefix + "dates", "at most 1000 blackout dates");
    }
  }

  /** A subject ends in a header: one line, at most 998 characters (RFC 5322), and a template. */
  private void checkSubject(String field, String subject) {
    if (!HeaderText.isOneLine(subject)) {
      throw new ValidationException(
          field, "a subject must be one line: CR and LF would start another header");
    }
    if (subject.length() > HeaderText.MAX_LENGTH) {
      throw new ValidationException(
          field, "a subject is at most " + HeaderText.MAX_LENGTH + " characters");
    }
    checkTemplate(field, subject);
  }

  private void checkTemplate(String field, String source) {
    if (source.indexOf('\0') >= 0) {
      throw new ValidationException(field, "text must not contain NUL characters");
    }
    try {
      templates.check(source);
    } catch (TemplateException e) {
      throw new ValidationException(field, e.getMessage());
    }
  }

  private static void checkWait(int i, Step.WaitSpec wait) {
    checkDuration(path(i, "wait_duration"), wait.duration(), wait.unit());
  }

  private static void checkDuration(String field, int duration, WaitUnit unit) {
    long minutes =
        switch (unit) {
          case MINUTES -> duration;
          case HOURS -> duration * 60L;
          case DAYS -> duration * 24L * 60;
          case BUSINESS_DAYS -> duration * 24L * 60 * 7 / 5;
        };
    if (duration < 0) {
      throw new ValidationException(
          field, field.substring(field.lastIndexOf('.') + 1) + " must not be negative");
    }
    if (minutes > MAX_WAIT_MINUTES) {
      throw new ValidationException(field, "a wait may last at most one year");
    }
  }

  private void checkTask(int i, Step.TaskSpec task) {
    if (task.instructions().isBlank()) {
      throw new ValidationException(path(i, "instructions"), "a task step needs instructions");
    }
    if (task.instructions().length() > MAX_INSTRUCTIONS) {
      throw new ValidationException(
          path(i, "instructions"),
          "instructions must be at most " + MAX_INSTRUCTIONS + " characters");
    }
    checkTemplate(path(i, "instructions"), task.instructions());
    checkDuration(path(i, "due_in"), task.dueIn(), task.dueUnit());
    if (task.assignee() != null && !EmailAddresses.isValid(task.assignee())) {
      throw new ValidationException(
          path(i, "assignee"), "assignee must be the email address of a user of this workspace");
    }
  }

  private static void checkCondition(int i, Step.ConditionSpec condition) {
    if (condition.type() == ConditionType.TASK_OUTCOME) {
      checkOperator(i, condition, "a task_outcome condition");
      return;
    }
    if (condition.type() != ConditionType.FIELD) {
      return;
    }
    if (condition.field() == null || !Person.isKnownField(condition.field())) {
      throw new ValidationException(
          path(i, "field"),
          "unknown field '"
              + condition.field()
              + "' (use first_name, last_name, title, "
              + "email_address, timezone, company.name, company.domain or custom.<key>)");
    }
    checkOperator(i, condition, "a field condition");
  }

  private static void checkOperator(int i, Step.ConditionSpec condition, String what) {
    if (condition.operator() == null) {
      throw new ValidationException(path(i, "operator"), what + " needs an operator");
    }
    if (condition.operator().needsValue() && condition.value() == null) {
      throw new ValidationException(
          path(i, "value"), "operator '" + condition.operator().wireName() + "' needs a value");
    }
  }

  private static void checkReference(int i, String name, String key, Map<String, Integer> index) {
    if (key != null && !index.containsKey(key)) {
      throw new ValidationException(path(i, name), "unknown step key '" + key + "'");
    }
  }

  /**
   * No person may reach a step twice: a loop, even through a wait, would send the same email again
   * and again. The first loop found is refused at the routing field that closes it: the one edge of
   * the loop that leads back to the same or an earlier step (always an explicit {@code next_step},
   * {@code true_next_step} or {@code false_next_step}: the implicit next step lies ahead).
   */
  private static void checkNoLoops(List<StepDraft> steps, Map<String, Integer> index) {
    List<List<Edge>> edges = new ArrayList<>();
    for (int i = 0; i < steps.size(); i++) {
      edges.add(edges(i, steps.get(i), steps.size(), index));
    }
    int[] state = new int[steps.size()]; // 0 unseen, 1 on the current path, 2 done
    for (int start = 0; start < steps.size(); start++) {
      Edge closing = findLoop(start, edges, state, new ArrayList<>());
      if (closing != null) {
        throw new ValidationException(
            path(closing.from(), closing.field()),
            "steps loop back to '"
                + steps.get(closing.to()).key()
                + "' (via '"
                + steps.get(closing.from()).key()
                + "'): a person must never reach a step twice, even after a wait");
      }
    }
  }

  /** A routing edge: the step it leaves, the field that names it, and the step it reaches. */
  private record Edge(int from, String field, int to) {}

  private static List<Edge> edges(int i, StepDraft step, int count, Map<String, Integer> index) {
    List<Edge> edges = new ArrayList<>();
    if (step.type() == StepType.CONDITION) {
      addEdge(edges, i, "true_next_step", step.trueNextStep(), index);
      addEdge(edges, i, "false_next_step", step.falseNextStep(), index);
    } else if (step.nextStepGiven()) {
      addEdge(edges, i, "next_step", step.nextStep(), index);
    } else if (i + 1 < count) {
      edges.add(new Edge(i, "next_step", i + 1));
    }
    return edges;
  }

  private static void addEdge(
      List<Edge> edges, int from, String field, String key, Map<String, Integer> index) {
    if (key != null) {
      edges.add(new Edge(from, field, index.get(key)));
    }
  }

  /** Depth first; a loop's closing edge is the one on it that goes back (to a step not after). */
  private static Edge findLoop(int node, List<List<Edge>> edges, int[] state, List<Edge> path) {
    if (state[node] == 2) {
      return null;
    }
    state[node] = 1;
    for (Edge edge : edges.get(node)) {
      path.add(edge);
      if (state[edge.to()] == 1) {
        List<Edge> loop = path.subList(indexOfLeaving(path, edge.to()), path.size());
        return loop.stream().filter(e -> e.to() <= e.from()).findFirst().orElse(edge);
      }
      Edge found = findLoop(edge.to(), edges, state, path);
      if (found != null) {
        return found;
      }
      path.remove(path.size() - 1);
    }
    state[node] = 2;
    return null;
  }

  private static int indexOfLeaving(List<Edge> path, int step) {
    for (int i = 0; i < path.size(); i++) {
      if (path.get(i).from() == step) {
        return i;
      }
    }
    return path.size() - 1; // a step routed to itself
  }

  private static String path(int i, String field) {
    return "steps[" + i + "]." + field;
  }
}
