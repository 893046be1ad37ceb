package com.campaignengine.app;

import com.campaignengine.campaign.Campaign;
import com.campaignengine.campaign.EnrollmentStatus;
import com.campaignengine.campaign.Mailbox;
import com.campaignengine.campaign.Person;
import com.campaignengine.campaign.Step;
import com.campaignengine.campaign.StepType;
import com.campaignengine.engine.EmailPreview;
import com.campaignengine.failure.ConflictException;
import com.campaignengine.failure.ValidationException;
import com.campaignengine.mail.OutgoingMessage;
import com.campaignengine.readmodel.EnrollmentView;
import com.campaignengine.store.MailboxStore;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Looking at emails before they go: a preview for one person, and the lint of missing values. */
public final class TemplateReview {
  private final CampaignService campaigns;
  private final PersonService people;
  private final EnrollmentService enrollments;
  private final MailboxStore mailboxes;
  private final EmailPreview preview;
  private final Clock clock;

  public TemplateReview(
      CampaignService campaigns,
      PersonService people,
      EnrollmentService enrollments,
      MailboxStore mailboxes,
      EmailPreview preview,
      Clock clock) {
    this.campaigns = campaigns;
    this.people = people;
    this.enrollments = enrollments;
    this.mailboxes = mailboxes;
    this.preview = preview;
    this.clock = clock;
  }

  /** The step rendered for the person, exactly as it would be sent now. */
  public OutgoingMessage preview(long workspaceId, long campaignId, long personId, String stepKey) {
    Campaign campaign = campaigns.get(workspaceId, campaignId);
    Step step =
        campaign
            .steps()
            .byKey(stepKey)
            .filter(s -> s.type() == StepType.EMAIL)
            .orElseThrow(
                () -> new ValidationException("step_key", "no email step '" + stepKey + "'"));
    Person person = people.get(workspaceId, personId);
    Optional<EnrollmentView> enrollment = enrollments.findFor(workspaceId, campaignId, personId);
    List<Long> mailboxIds = campaign.sending().mailboxIds();
    long mailboxId =
        enrollment
            .map(EnrollmentView::mailboxId)
            .orElseGet(() -> mailboxIds.isEmpty() ? -1L : mailboxIds.get(0));
    Mailbox mailbox =
        mailboxes
            .find(workspaceId, mailboxId)
            .orElseThrow(
                () -> new ConflictException("mailbox_ids", "the campaign has no mailbox", null));
    try {
      return preview.render(
          campaign,
          step,
          person,
          mailbox,
          enrollment.map(EnrollmentView::id).orElse(0L),
          clock.instant());
    } catch (IllegalArgumentException e) {
      // What the message model refuses (an address it cannot carry) fails this send as a
      // template error; a preview says so rather than failing itself.
      throw new ValidationException(
          "step_key", "step '" + stepKey + "' cannot be sent to this person: " + e.getMessage());
    }
  }

  /** One enrolled person for whom a bare variable of a step would render empty. */
  public record Finding(long personId, String emailAddress, String stepKey, Set<String> missing) {}

  /** Lint of the enrolled (active or paused) people: who would get an empty value where. */
  public List<Finding> lint(long workspaceId, long campaignId) {
    Campaign campaign = campaigns.get(workspaceId, campaignId);
    List<Finding> findings = new ArrayList<>();
    for (EnrollmentStatus status : List.of(EnrollmentStatus.ACTIVE, EnrollmentStatus.PAUSED)) {
      long after = 0;
      while (true) {
        var page = enrollments.list(workspaceId, campaignId, status, after, 500);
        for (EnrollmentView enrollment : page.items()) {
          Person person = people.get(workspaceId, enrollment.personId());
          for (Step step : campaign.steps().current()) {
            Set<String> missing = preview.missingValues(step, person);
            if (!missing.isEmpty()) {
              findings.add(new Finding(person.id(), person.emailAddress(), step.key(), missing));
            }
          }
        }
        if (page.nextCursor() == null) {
          break;
        }
        after = Long.parseLong(page.nextCursor());
      }
    }
    return findings;
  }
}
