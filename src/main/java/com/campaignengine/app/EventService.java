package com.campaignengine.app;

import com.campaignengine.campaign.EnrollmentStatus;
import com.campaignengine.campaign.Person;
import com.campaignengine.campaign.PersonDraft;
import com.campaignengine.failure.CampaignEngineException;
import com.campaignengine.failure.ConflictException;
import com.campaignengine.failure.NotFoundException;
import com.campaignengine.failure.ValidationException;
import com.campaignengine.readmodel.EnrollmentView;
import com.campaignengine.readmodel.EventAction;
import com.campaignengine.readmodel.EventRule;
import com.campaignengine.readmodel.Page;
import com.campaignengine.readmodel.StoredEvent;
import com.campaignengine.store.EnrollmentStore;
import com.campaignengine.store.EventStore;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Triggers from the host application or an ATS: the workspace's rules ({@code /api/v1/event-rules})
 * and the events they act on ({@code /api/v1/events}, and the ATS webhooks through {@link
 * AtsWebhooks}). An event is matched against the rules of its type, in the order they were made;
 * each matching rule acts (enroll through {@link EnrollmentService}, with its suppression and
 * campaign checks; stop through the enrollments' own move), and the event is stored with what each
 * did.
 */
public final class EventService {
  /** The event types, as the API names them. */
  public static final List<String> TYPES = List.of("stage_changed", "hired", "rejected", "custom");

  /** The actions a rule may take. */
  public static final List<String> ACTIONS = List.of("enroll", "stop_all", "stop_campaign");

  static final int MAX_MATCH_ENTRIES = 20;
  static final int MAX_MATCH_TEXT = 500;
  private static final Set<EnrollmentStatus> LIVE =
      Set.of(EnrollmentStatus.ACTIVE, EnrollmentStatus.PAUSED);

  /**
   * Who an event is about: a person's id, or email addresses (the first known one is the person;
   * the first is used to create one), or a custom field's value (an ATS's own id of the candidate).
   */
  public record PersonRef(Long id, List<String> emails, String customKey, String customValue) {
    public PersonRef {
      emails = emails == null ? List.of() : List.copyOf(emails);
    }

    public static PersonRef byId(long id) {
      return new PersonRef(id, List.of(), null, null);
    }

    public static PersonRef byEmails(List<String> emails) {
      return new PersonRef(null, emails, null, null);
    }

    public static PersonRef byCustomField(String key, String value) {
      return new PersonRef(null, List.of(), key, value);
    }

    String describe() {
      if (id != null) {
        return "id " + id;
      }
      if (!emails.isEmpty()) {
        return "email_address " + String.join(", ", emails);
      }
      return "custom." + customKey + " '" + customValue + "'";
    }
  }

  private final EventStore store;
  private final PersonService people;
  private final CampaignService campaigns;
  private final EnrollmentService enrollmentService;
  private final EnrollmentStore enrollments;
  private final Clock clock;

  public EventService(
      EventStore store,
      PersonService people,
      CampaignService campaigns,
      EnrollmentService enrollmentService,
      EnrollmentStore enrollments,
      Clock clock) {
    this.store = store;
    this.people = people;
    this.campaigns = campaigns;
    this.enrollmentService = enrollmentService;
    this.enrollments = enrollments;
    this.clock = clock;
  }

  // ---- rules ----------------------------------------------------------------------------------

  public EventRule createRule(
      long workspaceId,
      String eventType,
      Map<String, String> match,
      String action,
      Long campaignId,
      boolean createPerson) {
    String type = type("event_type", eventType);
    if (action == null || action.isBlank()) {
      throw new ValidationException(
          "action", "action is required (" + String.join(", ", ACTIONS) + ")");
    }
    if (!ACTIONS.contains(action)) {
      throw new ValidationException(
          "action", "unknown action '" + action + "' (known: " + String.join(", ", ACTIONS) + ")");
    }
    if (action.equals("stop_all")) {
      if (campaignId != null) {
        throw new ValidationException(
            "campaign_id",
            "stop_all stops the sequences of every campaign: it takes no campaign_id");
      }
    } else {
      if (campaignId == null) {
        throw new ValidationException("campaign_id", "campaign_id is required for " + action);
      }
      campaigns.get(workspaceId, campaignId); // 404 if not the workspace's
    }
    checkMatch(match);
    return store.createRule(
        workspaceId, type, match, action, campaignId, createPerson, clock.instant());
  }

  public List<EventRule> rules(long workspaceId) {
    return store.rules(workspaceId, null);
  }

  public void deleteRule(long workspaceId, long ruleId) {
    if (!store.deleteRule(workspaceId, ruleId)) {
      throw new NotFoundException("no event rule " + ruleId);
    }
  }

  private static void checkMatch(Map<String, String> match) {
    if (match.size() > MAX_MATCH_ENTRIES) {
      throw new ValidationException(
          "match", "match may name at most " + MAX_MATCH_ENTRIES + " data keys");
    }
    for (Map.Entry<String, String> entry : match.entrySet()) {
      if (entry.getKey().isBlank()) {
        throw new ValidationException("match", "match keys must not be empty");
      }
      if (entry.getKey().length() > MAX_MATCH_TEXT || entry.getValue().length() > MAX_MATCH_TEXT) {
        throw new ValidationException(
            "match." + entry.getKey(), "match keys and values are at most 500 characters");
      }
    }
  }

  // ---- events ---------------------------------------------------------------------------------

  public Page<StoredEvent> events(long workspaceId, Long personId, long beforeId, int limit) {
    return store.events(workspaceId, personId, beforeId, limit);
  }

  /**
   * Receives an event: finds the person (or creates them, given an email address, when a matching
   * rule says so), runs every matching rule and stores the event with what each did.
   *
   * @throws ValidationException for an unknown type
   * @throws NotFoundException for an unknown person no rule creates; nothing is stored
   */
  public StoredEvent receive(
      long workspaceId, PersonRef person, String eventType, ObjectNode data, String source) {
    String type = type("type", eventType);
    List<EventRule> matching =
        store.rules(workspaceId, type).stream().filter(rule -> matches(rule, data)).toList();
    long personId = person(workspaceId, person, matching);
    List<EventAction> actions = new ArrayList<>();
    for (EventRule rule : matching) {
      actions.add(act(workspaceId, personId, rule, type));
    }
    return store.record(
        workspaceId, personId, type, source, data.toString(), actions, clock.instant());
  }

  /** Every entry of the rule's match is a top-level value of the data, as exact text. */
  static boolean matches(EventRule rule, JsonNode data) {
    for (Map.Entry<String, String> entry : rule.match().entrySet()) {
      JsonNode value = data.get(entry.getKey());
      if (value == null || !value.isValueNode() || value.isNull()) {
        return false;
      }
      if (!value.asText().equals(entry.getValue())) {
        return false;
      }
    }
    return true;
  }

  private long person(long workspaceId, PersonRef ref, List<EventRule> matching) {
    Optional<Long> found = find(workspaceId, ref);
    if (found.isPresent()) {
      return found.get();
    }
    boolean create = matching.stream().anyMatch(EventRule::createPerson);
    if (!create || ref.emails().isEmpty()) {
      throw new NotFoundException(
          "no person with "
              + ref.describe()
              + (ref.emails().isEmpty()
                  ? ""
                  : " (a rule with create_person: true would create one)"));
    }
    try {
      return people
          .create(
              workspaceId,
              new PersonDraft(ref.emails().get(0).strip(), null, null, null, null, null, Map.of()))
          .id();
    } catch (ConflictException e) {
      if (e.existingId() != null) {
        return e.existingId(); // created meanwhile by another request
      }
      throw e;
    }
  }

  private Optional<Long> find(long workspaceId, PersonRef ref) {
    if (ref.id() != null) {
      try {
        return Optional.of(people.get(workspaceId, ref.id()).id());
      } catch (NotFoundException e) {
        return Optional.empty();
      }
    }
    for (String email : ref.emails()) {
      if (email == null || email.isBlank()) {
        continue;
      }
      List<Person> found = people.list(workspaceId, email.strip(), 0, 1).items();
      if (!found.isEmpty()) {
        return Optional.of(found.get(0).id());
      }
    }
    if (ref.customKey() != null && ref.customValue() != null) {
      return store.personByCustomField(workspaceId, ref.customKey(), ref.customValue());
    }
    return Optional.empty();
  }

  private EventAction act(long workspaceId, long personId, EventRule rule, String type) {
    String reason = "event " + type + " (rule " + rule.id() + ")";
    return switch (rule.action()) {
      case "enroll" -> enroll(workspaceId, personId, rule);
      case "stop_all" -> {
        List<Long> stopped = new ArrayList<>();
        for (long enrollmentId : store.liveEnrollments(workspaceId, personId)) {
          if (enrollments.move(
              workspaceId, enrollmentId, EnrollmentStatus.STOPPED, reason, clock.instant())) {
            stopped.add(enrollmentId);
          }
        }
        yield stopped.isEmpty()
            ? outcome(rule, "skipped", "no_active_enrollment", List.of())
            : outcome(rule, "stopped", null, stopped);
      }
      case "stop_campaign" -> {
        Optional<EnrollmentView> enrollment =
            enrollments.findFor(workspaceId, rule.campaignId(), personId);
        if (enrollment.isEmpty()) {
          yield outcome(rule, "skipped", "not_enrolled", List.of());
        }
        EnrollmentView view = enrollment.get();
        if (!LIVE.contains(view.status())
            || !enrollments.move(
                workspaceId, view.id(), EnrollmentStatus.STOPPED, reason, clock.instant())) {
          yield outcome(rule, "skipped", "already_" + view.status().wireName(), List.of());
        }
        yield outcome(rule, "stopped", null, List.of(view.id()));
      }
      default -> throw new IllegalStateException("unknown action " + rule.action());
    };
  }

  private EventAction enroll(long workspaceId, long personId, EventRule rule) {
    EnrollmentService.Result result;
    try {
      result = enrollmentService.enroll(workspaceId, rule.campaignId(), List.of(personId));
    } catch (ConflictException e) {
      return outcome(
          rule,
          "skipped",
          "status".equals(e.field()) ? "campaign_not_active" : "campaign_" + e.field(),
          List.of());
    } catch (CampaignEngineException e) {
      return outcome(rule, "skipped", "campaign_unavailable", List.of());
    }
    if (result.enrolled() == 0) {
      String why = result.skipped().isEmpty() ? "not_enrolled" : result.skipped().get(0).reason();
      return outcome(rule, "skipped", why, List.of());
    }
    List<Long> ids =
        enrollments
            .findFor(workspaceId, rule.campaignId(), personId)
            .map(view -> List.of(view.id()))
            .orElse(List.of());
    return outcome(rule, "enrolled", null, ids);
  }

  private static EventAction outcome(
      EventRule rule, String result, String reason, List<Long> enrollmentIds) {
    return new EventAction(
        rule.id(), rule.action(), rule.campaignId(), result, reason, enrollmentIds);
  }

  private static String type(String field, String type) {
    if (type == null || type.isBlank()) {
      throw new ValidationException(
          field, field + " is required (" + String.join(", ", TYPES) + ")");
    }
    if (!TYPES.contains(type)) {
      throw new ValidationException(
          field, "unknown event type '" + type + "' (known: " + String.join(", ", TYPES) + ")");
    }
    return type;
  }
}
