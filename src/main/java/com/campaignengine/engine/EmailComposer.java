package com.campaignengine.engine;

import com.campaignengine.campaign.Mailbox;
import com.campaignengine.campaign.Person;
import com.campaignengine.campaign.Step;
import com.campaignengine.mail.Address;
import com.campaignengine.mail.MessageIds;
import com.campaignengine.mail.OutgoingMessage;
import com.campaignengine.template.CompanyFields;
import com.campaignengine.template.PersonFields;
import com.campaignengine.template.SenderFields;
import com.campaignengine.template.TemplateEngine;
import com.campaignengine.template.TemplateVariables;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Renders an email step for one person into the message to send. */
final class EmailComposer {
  private final TemplateEngine templates;

  EmailComposer(TemplateEngine templates) {
    this.templates = templates;
  }

  OutgoingMessage compose(StepRun run, Instant now) {
    Person person = run.context().person();
    Mailbox mailbox = run.context().mailbox();
    Step.EmailContent email = run.step().email();
    TemplateVariables vars =
        TemplateVariables.of(
            new PersonFields(
                person.firstName(), person.lastName(), person.title(), person.emailAddress()),
            person.company() == null
                ? null
                : new CompanyFields(person.company().name(), person.company().domain()),
            person.custom(),
            new SenderFields(mailbox.displayName(), mailbox.email()),
            run.campaign().name(),
            null);
    String subject = templates.renderText(email.subject(), vars).strip();
    String text = templates.renderText(email.body(), vars);
    String html = email.bodyHtml() == null ? null : templates.renderHtml(email.bodyHtml(), vars);
    return new OutgoingMessage(
        MessageIds.forSend(run.execution().id(), domainOf(mailbox.email())),
        now,
        new Address(mailbox.email(), mailbox.displayName()),
        new Address(person.emailAddress(), fullName(person)),
        subject,
        text,
        html,
        null,
        List.of(),
        Map.of());
  }

  private static String domainOf(String email) {
    return email.substring(email.lastIndexOf('@') + 1);
  }

  private static String fullName(Person person) {
    String first = person.firstName() == null ? "" : person.firstName();
    String last = person.lastName() == null ? "" : person.lastName();
    String name = (first + " " + last).strip();
    return name.isEmpty() ? null : name;
  }
}
