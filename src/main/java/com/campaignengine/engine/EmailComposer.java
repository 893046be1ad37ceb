package com.campaignengine.engine;

import com.campaignengine.campaign.Mailbox;
import com.campaignengine.campaign.Person;
import com.campaignengine.campaign.Step;
import com.campaignengine.failure.ValidationException;
import com.campaignengine.mail.Address;
import com.campaignengine.mail.HeaderText;
import com.campaignengine.mail.MessageIds;
import com.campaignengine.mail.OutgoingMessage;
import com.campaignengine.store.EmailThread;
import com.campaignengine.template.HtmlToText;
import com.campaignengine.template.SenderFields;
import com.campaignengine.template.Spintax;
import com.campaignengine.template.TemplateEngine;
import com.campaignengine.template.TemplateVariables;
import com.campaignengine.tracking.LinkRewriter;
import com.campaignengine.tracking.ListUnsubscribe;
import com.campaignengine.tracking.Tracking;
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
  private final Tracking tracking;

  EmailComposer(TemplateEngine templates, Tracking tracking) {
    this.templates = templates;
    this.tracking = tracking;
  }

  /** The message, and the original URLs of its tracked links in order (clicks go only there). */
  record Composed(
      OutgoingMessage message,
      List<String> links,
      Map<String, String> aiContext,
      String variantKey) {}

  Composed compose(StepRun run, EmailThread thread, Instant now) {
    long execution = run.execution().id();
    Person person = run.context().person();
    Mailbox mailbox = run.context().mailbox();
    java.util.Optional<Step.Variant> variant =
        Variants.pick(run.step(), run.execution().enrollmentId());
    Step.EmailContent email = variant.map(run.step().email()::as).orElse(run.step().email());
    TemplateVariables vars =
        PersonVariables.of(
            person,
            new SenderFields(mailbox.displayName(), mailbox.email()),
            run.campaign().name(),
            tracking.unsubscribeUrl(execution));
    // Spintax picks the same variant for this enrollment and step every time (retries included).
    long seed = run.execution().enrollmentId() * 1_000_003L + run.step().id();
    String subject = templates.renderText(Spintax.spin(email.subject(), seed), vars).strip();
    String html =
        email.bodyHtml() == null
            ? null
            : templates.renderHtml(Spintax.spin(email.bodyHtml(), seed), vars);
    String text =
        email.body() == null || email.body().isBlank()
            ? HtmlToText.convert(html)
            : templates.renderText(Spintax.spin(email.body(), seed), vars);
    List<String> links = List.of();
    if (html != null && run.campaign().settings().trackClicks()) {
      LinkRewriter.Rewritten rewritten =
          LinkRewriter.rewrite(html, index -> tracking.clickUrl(execution, index));
      html = rewritten.html();
      links = rewritten.urls();
    }
    if (html != null && run.campaign().settings().trackOpens()) {
      html = LinkRewriter.addOpenPixel(html, tracking.openUrl(execution));
    }
    boolean reply = email.sameThread() && thread != null;
    OutgoingMessage message =
        new OutgoingMessage(
            MessageIds.forSend(run.execution().id(), domainOf(mailbox.email())),
            now,
            new Address(mailbox.email(), HeaderText.fold(mailbox.displayName())),
            new Address(person.emailAddress(), HeaderText.fold(fullName(person))),
            headerSubject(reply ? replySubject(subject, thread.firstSubject()) : subject),
            new OutgoingMessage.Body(text, html),
            new OutgoingMessage.Threading(
                reply ? thread.lastMessageId() : null,
                reply ? thread.messageIds() : List.of(),
                reply ? thread.providerThreadId() : null),
            unsubscribeHeaders(execution, mailbox));
    Map<String, String> aiContext = new java.util.TreeMap<>();
    if (email.ai() != null) {
      email
          .ai()
          .context()
          .forEach((name, template) -> aiContext.put(name, templates.renderText(template, vars)));
    }
    return new Composed(message, links, aiContext, variant.map(Step.Variant::key).orElse(null));
  }

  /**
   * Every campaign email can be left in one click (RFC 8058, required by Gmail and Yahoo for bulk
   * senders); a mailto alternative when the mailbox reads its inbox (the reply is recognised).
   */
  private Map<String, String> unsubscribeHeaders(long execution, Mailbox mailbox) {
    String url = tracking.unsubscribeUrl(execution);
    String mailto = mailbox.connection().settings().containsKey("imap") ? mailbox.email() : null;
    if (tracking.oneClickCapable()) {
      return ListUnsubscribe.headers(url, mailto);
    }
    String value =
        "<" + url + ">" + (mailto == null ? "" : ", <mailto:" + mailto + "?subject=unsubscribe>");
    return Map.of("List-Unsubscribe", value);
  }

  /**
   * The variables this step prints bare ({@code {{title}}}) that the person has no value for: they
   * would render empty.
   */
  java.util.Set<String> missingValues(Step step, Person person) {
    if (step.type() != com.campaignengine.campaign.StepType.EMAIL) {
      return java.util.Set.of();
    }
    Step.EmailContent email = step.email();
    java.util.Set<String> used = new java.util.TreeSet<>(templates.bareVariables(email.subject()));
    if (email.body() != null) {
      used.addAll(templates.bareVariables(email.body()));
    }
    if (email.bodyHtml() != null) {
      used.addAll(templates.bareVariables(email.bodyHtml()));
    }
    java.util.Set<String> missing = new java.util.TreeSet<>();
    for (String name : used) {
      String value = person.field(name);
      if (Person.isKnownField(name) && (value == null || value.isBlank())) {
        missing.add(name);
      }
    }
    return missing;
  }

  /**
   * The one place where rendered text becomes header text: a line break that a person's data (or a
   * value stored before line breaks were refused) brought into the subject is folded to a space
   * rather than failing the send; a subject too long for a header line is this send's template
   * error (a 422 in a preview).
   */
  private static String headerSubject(String rendered) {
    String subject = HeaderText.fold(rendered);
    if (subject.length() > HeaderText.MAX_LENGTH) {
      throw new ValidationException(
          "subject",
          "the rendered subject is "
              + subject.length()
              + " characters; a subject is at most "
              + HeaderText.MAX_LENGTH);
    }
    return subject;
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
