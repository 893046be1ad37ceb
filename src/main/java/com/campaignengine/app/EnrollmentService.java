package com.campaignengine.app;

import com.campaignengine.campaign.Campaign;
import com.campaignengine.campaign.CampaignStatus;
import com.campaignengine.campaign.CrossCampaignRules;
import com.campaignengine.campaign.EnrollmentStatus;
import com.campaignengine.campaign.Person;
import com.campaignengine.campaign.StepType;
import com.campaignengine.failure.ConflictException;
import com.campaignengine.failure.NotFoundException;
import com.campaignengine.failure.ValidationException;
import com.campaignengine.readmodel.EnrollmentView;
import com.campaignengine.readmodel.Page;
import com.campaignengine.schedule.BusinessTime;
import com.campaignengine.store.EnrollmentStore;
import com.campaignengine.store.EnrollmentStore.NewEnrollment;
import com.campaignengine.store.InboundStore;
import com.campaignengine.store.MailboxStore;
import com.campaignengine.store.PersonStore;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Enrolling people (idempotent, reported per person) and moving enrollments. */
public final class EnrollmentService {
  /** Enrollments are written in chunks of this many per transaction. */
  static final int CHUNK = 5_000;

  private final CampaignService campaigns;
  private final MailboxStore mailboxes;
  private final PersonStore people;
  private final EnrollmentStore enrollments;
  private final InboundStore suppressions;
  private final Clock clock;

  public EnrollmentService(
      CampaignService campaigns,
      MailboxStore mailboxes,
      PersonStore people,
      EnrollmentStore enrollments,
      InboundStore suppressions,
      Clock clock) {
    this.suppressions = suppressions;
    this.campaigns = campaigns;
    this.mailboxes = mailboxes;
    this.people = people;
    this.enrollments = enrollments;
    this.clock = clock;
  }

  /** A person who was not enrolled, and why. */
  public record Skip(long personId, String reason) {}

  /** What an enrollment request did. */
  public record Result(int enrolled, List<Skip> skipped) {}

  public Result enroll(long workspaceId, long campaignId, List<Long> personIds) {
    Campaign campaign = campaigns.get(workspaceId, campaignId);
    if (campaign.status() == CampaignStatus.ARCHIVED) {
      throw new ConflictException("status", "campaign is archived", null);
    }
    if (campaign.status() == CampaignStatus.DRAFT) {
      // Nothing of a draft runs: people enrolled now would be counted as active and wait unseen.
      throw new ConflictException(
          "status",
          "campaign "
              + campaignId
              + " is a draft: activate it first (POST /api/v1/campaigns/"
              + campaignId
              + "/activate), then enroll",
          null);
    }
    if (campaign.sending().mailboxIds().isEmpty()) {
      throw new ConflictException("mailbox_ids", "campaign has no mailbox to send from", null);
    }
    List<Long> unique = new ArrayList<>(new LinkedHashSet<>(personIds));
    List<Skip> skipped = new ArrayList<>();
    int enrolled = 0;
    MailboxAssignment assignment =
        new MailboxAssignment(
            campaign.sending().mailboxIds().stream()
                .map(id -> mailboxes.find(workspaceId, id).orElseThrow())
                .toList(),
            enrollments.activeByMailbox(campaign.id()));
    for (int from = 0; from < unique.size(); from += CHUNK) {
      List<Long> chunk = unique.subList(from, Math.min(unique.size(), from + CHUNK));
      enrolled += enrollChunk(workspaceId, campaign, chunk, skipped, assignment);
    }
    return new Result(enrolled, skipped);
  }

  private int enrollChunk(
      long workspaceId,
      Campaign campaign,
      List<Long> ids,
      List<Skip> skipped,
      MailboxAssignment assignment) {
    Map<Long, Person> found =
        people.findAll(workspaceId, ids).stream()
            .collect(Collectors.toMap(Person::id, Function.identity()));
    Instant now = clock.instant();
    Map<String, String> suppressed =
        suppressions.suppressed(
            workspaceId, found.values().stream().map(Person::emailAddress).toList());
    List<NewEnrollment> batch = new ArrayList<>();
    for (long id : ids) {
      Person person = found.get(id);
      if (person == null) {
        skipped.add(new Skip(id, "unknown_person"));
      } else if (suppressed.containsKey(person.emailAddress().toLowerCase(java.util.Locale.ROOT))) {
        skipped.add(
            new Skip(
                id,
                "suppressed_"
                    + suppressed.get(person.emailAddress().toLowerCase(java.util.Locale.ROOT))));
      } else if (!EmailAddresses.isValid(person.emailAddress())) {
        skipped.add(new Skip(id, "invalid_email"));
      } else {
        batch.add(new NewEnrollment(id, assignment.next(), firstRunAt(campaign, person, now)));
      }
    }
    Map<Long, String> refused =
        enrollments.enroll(
            workspaceId,
            campaign.id(),
            campaign.steps().first().id(),
            campaign.status() == CampaignStatus.ACTIVE,
            batch,
            now);
    refused.forEach((id, reason) -> skipped.add(new Skip(id, reason)));
    return batch.size() - refused.size();
  }

  private static Instant firstRunAt(Campaign campaign, Person person, Instant now) {
    if (campaign.steps().first().type() != StepType.EMAIL) {
      return now;
    }
    return BusinessTime.nextOpening(
        campaign.sending().window(),
        now,
        BusinessTime.zoneFor(person.timezone(), campaign.sending().timezone()));
  }

  /** The workspace's rules across campaigns (all off by default). */
  public CrossCampaignRules rules(long workspaceId) {
    return enrollments.rules(workspaceId);
  }

  /**
   * Sets the workspace's rules across campaigns; a cooldown is 0 to 3650 days, or null for none.
   */
  public CrossCampaignRules setRules(long workspaceId, CrossCampaignRules rules) {
    Integer days = rules.recontactCooldownDays();
    if (days != null && (days < 0 || days > RetentionSettings.MAX_DAYS)) {
      throw new ValidationException(
          "recontact_cooldown_days",
          "recontact_cooldown_days must be between 0 and "
              + RetentionSettings.MAX_DAYS
              + ", or null for none");
    }
    enrollments.setRules(workspaceId, rules, clock.instant());
    return enrollments.rules(workspaceId);
  }

  public Page<EnrollmentView> list(
      long workspaceId, long campaignId, EnrollmentStatus status, long afterId, int limit) {
    campaigns.get(workspaceId, campaignId);
    return enrollments.list(workspaceId, campaignId, status, afterId, limit);
  }

  /** The person's enrollment in the campaign, if any. */
  public Optional<EnrollmentView> findFor(long workspaceId, long campaignId, long personId) {
    return enrollments.findFor(workspaceId, campaignId, personId);
  }

  public EnrollmentView get(long workspaceId, long enrollmentId) {
    return enrollments
        .find(workspaceId, enrollmentId)
        .orElseThrow(() -> new NotFoundException("no enrollment " + enrollmentId));
  }

  public EnrollmentView pause(long workspaceId, long enrollmentId) {
    return move(workspaceId, enrollmentId, EnrollmentStatus.PAUSED, null);
  }

  public EnrollmentView resume(long workspaceId, long enrollmentId) {
    return move(workspaceId, enrollmentId, EnrollmentStatus.ACTIVE, null);
  }

  public EnrollmentView stop(long workspaceId, long enrollmentId) {
    return move(workspaceId, enrollmentId, EnrollmentStatus.STOPPED, "stopped by request");
  }

  /** Records a reply from the enrolled person; stops the sequence when the campaign says so. */
  public List<Long> recordReply(long workspaceId, long enrollmentId, String from, String subject) {
    get(workspaceId, enrollmentId);
    return enrollments.recordReply(workspaceId, enrollmentId, from, subject, clock.instant());
  }

  private EnrollmentView move(
      long workspaceId, long enrollmentId, EnrollmentStatus to, String reason) {
    EnrollmentView current = get(workspaceId, enrollmentId);
    if (!enrollments.move(workspaceId, enrollmentId, to, reason, clock.instant())) {
      throw new ConflictException(
          "status",
          "enrollment is " + current.status().wireName() + " and cannot become " + to.wireName(),
          null);
    }
    return get(workspaceId, enrollmentId);
  }
}
