package com.campaignengine.engine;

import com.campaignengine.campaign.Mailbox;
import com.campaignengine.campaign.Person;
import com.campaignengine.campaign.Step;
import com.campaignengine.mail.Address;
import com.campaignengine.mail.MessageIds;
import com.campaignengine.mail.OutgoingMessage;
import com.campaignengine.store.EmailThread;
import com.campaignengine.template.CompanyFields;
import com.campaignengine.template.PersonFields;
import com.campaignengine.template.SenderFields;
import com.campaignengine.template.TemplateEngine;
import com.campaignengine.template.TemplateVariables;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Renders an email step for one person into the message to send. A {@code same_thread} step replies
 * in the enrollment's thread: {@code In-Reply-To} the last email, {@code References} all of them,
 * the provider's thread id, and "Re: " + the thread's first subject.
 */
final class EmailComposer {
  private final TemplateEngine templates;

  EmailComposer(TemplateEngine templates) {
    this.templates = templates;
  }

  OutgoingMessage compose(StepRun run, EmailThread thread, Instant now) {
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
    boolean reply = email.sameThread() && thread != null;
    return new OutgoingMessage(
        MessageIds.forSend(run.execution().id(), domainOf(mailbox.email())),
        now,
        new Address(mailbox.email(), mailbox.displayName()),
        new Address(person.emailAddress(), fullName(person)),
        reply ? replySubject(subject, thread.firstSubject()) : subject,
        text,
        html,
        reply ? thread.lastMessageId() : null,
        reply ? thread.messageIds() : List.of(),
        Map.of(),
        reply ? thread.providerThreadId() : null);
  }

  /**
   * Keeps a subject that already reads as a reply; otherwise replies under the thread's subject.
   */
  static String replySubject(String rendered, String threadSubject) {
    if (rendered.toLowerCase(Locale.ROOT).startsWith("re:")) {
      return rendered;
    }
    String base = threadSubject == null || threadSubject.isBlank() ? rendered : threadSubject;
    return base.toLowerCase(Locale.ROOT).startsWith("re:") ? base : "Re: " + base;
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
