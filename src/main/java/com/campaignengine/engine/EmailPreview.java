package com.campaignengine.engine;

import com.campaignengine.campaign.Campaign;
import com.campaignengine.campaign.EnrollmentStatus;
import com.campaignengine.campaign.Mailbox;
import com.campaignengine.campaign.Person;
import com.campaignengine.campaign.Step;
import com.campaignengine.mail.OutgoingMessage;
import com.campaignengine.store.ClaimedExecution;
import com.campaignengine.store.RunContext;
import com.campaignengine.template.TemplateEngine;
import com.campaignengine.tracking.Tracking;
import java.time.Instant;

/**
 * Renders an email step for a person with the engine's own composer, sending and recording nothing.
 * For an enrolled person, pass the enrollment id: spintax then picks the variant the engine will
 * send.
 */
public final class EmailPreview {
  private final EmailComposer composer;

  public EmailPreview(TemplateEngine templates, Tracking tracking) {
    this.composer = new EmailComposer(templates, tracking);
  }

  /**
   * The variables an email step prints bare that this person has no value for: what lint reports
   * and what {@code on_missing_value: skip} acts on. Empty for other steps.
   */
  public java.util.Set<String> missingValues(Step step, Person person) {
    return composer.missingValues(step, person);
  }

  public OutgoingMessage render(
      Campaign campaign,
      Step step,
      Person person,
      Mailbox mailbox,
      long enrollmentId,
      Instant now) {
    ClaimedExecution preview =
        new ClaimedExecution(
            0, campaign.workspaceId(), campaign.id(), enrollmentId, step.id(), 0, 0, now, 0);
    StepRun run =
        new StepRun(
            preview,
            campaign,
            step,
            new RunContext(enrollmentId, EnrollmentStatus.ACTIVE, person, mailbox));
    return composer.compose(run, null, now).message();
  }
}
