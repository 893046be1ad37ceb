package com.campaignengine.mail.smtp;

import com.campaignengine.mail.SendResult;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.ParseException;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Classifies jakarta.mail failures into {@link SendResult}s; this decides whether the engine
 * retries a message, drops it or pauses the whole mailbox. Stateless and thread-safe.
 *
 * <p>Reasons carry the server's reply on one line (or the connection problem), never message
 * content.
 */
final class SmtpErrors {

  /**
   * Pause after a daily sending quota (Gmail's 5.4.5). Gmail counts a rolling 24 hours and does not
   * say when the oldest message drops out, so the full window is the only safe guess.
   */
  static final Duration DAILY_QUOTA_RESET = Duration.ofHours(24);

  /**
   * Pause after a short-term rate limit (Gmail's 4.7.28, "rate limited", throttling): an hour is
   * what Google and Amazon SES suggest; retrying sooner only prolongs the block.
   */
  static final Duration RATE_LIMIT_RESET = Duration.ofHours(1);

  private static final Set<Integer> AUTH_CODES = Set.of(530, 534, 535, 538);
  private static final Pattern DAILY_QUOTA =
      Pattern.compile(
          "daily\\s+(?:\\w+\\s+){0,2}(?:quota|limit)|sending\\s+(?:quota|limit)|submission\\s*quota",
          Pattern.CASE_INSENSITIVE);
  private static final Pattern RATE_LIMIT =
      Pattern.compile(
          "rate[ -]?limit|throttl|unusual rate|sending rate|too many messages|too many login",
          Pattern.CASE_INSENSITIVE);
  private static final Pattern MAILBOX_FULL = Pattern.compile("[45]\\.2\\.2");

  private SmtpErrors() {}

  /** Classifies a failure while sending one message on an established connection. */
  static SendResult classify(MessagingException e) {
    Optional<SendResult> security = securityProblem(e);
    if (security.isPresent()) {
      return security.get();
    }
    Optional<SmtpReply> reply = SmtpReply.find(e);
    if (reply.isPresent() && reply.get().isReply()) {
      return byReply(reply.get(), e instanceof AuthenticationFailedException);
    }
    if (e instanceof AuthenticationFailedException) {
      return new SendResult.AuthFailure(text(e, "authentication failed"));
    }
    if (reply.isPresent()) {
      return new SendResult.RetryableFailure(
          "SMTP server closed the connection: " + reply.get().line(), null);
    }
    Optional<Throwable> io = inChain(e, IOException.class);
    if (io.isPresent()) {
      return new SendResult.RetryableFailure(
          "SMTP connection problem: " + text(e, "I/O error") + " (" + describe(io.get()) + ")",
          null);
    }
    if (inChain(e, ParseException.class).isPresent()) {
      return new SendResult.PermanentFailure("malformed message or address: " + text(e, ""));
    }
    // Unknown: retrying is cheap and the engine caps attempts; dropping the message is not undone.
    return new SendResult.RetryableFailure("unexpected SMTP failure: " + describe(e), null);
  }

  /**
   * Classifies a failure to connect, say hello or log in. A permanent rejection there concerns the
   * mailbox, not the message (a 554 greeting, a refused EHLO), so it becomes an {@link
   * SendResult.AuthFailure} that pauses the sender instead of failing its messages one by one.
   */
  static SendResult classifyConnect(MessagingException e) {
    SendResult result = classify(e);
    if (result instanceof SendResult.PermanentFailure p) {
      return new SendResult.AuthFailure("SMTP server refused the session: " + p.reason());
    }
    return result;
  }

  /** The reason text of a failure; the provider's reply where there was one. */
  static String reason(SendResult failure) {
    if (failure instanceof SendResult.RetryableFailure r) {
      return r.reason();
    } else if (failure instanceof SendResult.PermanentFailure r) {
      return r.reason();
    } else if (failure instanceof SendResult.AuthFailure r) {
      return r.reason();
    } else if (failure instanceof SendResult.RateLimited r) {
      return r.reason();
    }
    return failure.toString();
  }

  private static SendResult byReply(SmtpReply reply, boolean duringAuth) {
    String reason = reply.line();
    int code = reply.code();
    if (isMailboxFull(reply)) {
      // RFC 5321 4.5.3.1.10: "exceeded storage" is the recipient's transient state.
      return new SendResult.RetryableFailure(reason, null);
    }
    if ("5.4.5".equals(reply.enhancedCode()) || DAILY_QUOTA.matcher(reply.text()).find()) {
      return new SendResult.RateLimited(reason, DAILY_QUOTA_RESET);
    }
    if ("4.7.28".equals(reply.enhancedCode()) || RATE_LIMIT.matcher(reply.text()).find()) {
      return new SendResult.RateLimited(reason, RATE_LIMIT_RESET);
    }
    if (code >= 400 && code < 500) {
      return new SendResult.RetryableFailure(reason, null);
    }
    if (AUTH_CODES.contains(code) || (duringAuth && code >= 500)) {
      return new SendResult.AuthFailure(reason);
    }
    if (code >= 500) {
      return new SendResult.PermanentFailure(reason);
    }
    // A 2xx/3xx where the client expected another: protocol confusion, a new connection may help.
    return new SendResult.RetryableFailure("unexpected SMTP reply: " + reason, null);
  }

  // 552 without detail, or x.2.2 with any code. 552 5.3.4 (too big) or 5.7.x (policy) is final.
  private static boolean isMailboxFull(SmtpReply reply) {
    String enhanced = reply.enhancedCode();
    return enhanced == null ? reply.code() == 552 : MAILBOX_FULL.matcher(enhanced).matches();
  }

  // Certificates and missing STARTTLS fail every message of the mailbox until someone fixes the
  // settings, like a wrong password: pause the sender.
  private static Optional<SendResult> securityProblem(MessagingException e) {
    String message = String.valueOf(e.getMessage());
    if (message.contains("STARTTLS is required")) {
      return Optional.of(
          new SendResult.AuthFailure(
              "server does not offer STARTTLS, which is required: " + message));
    }
    Optional<Throwable> certificate = inChain(e, GeneralSecurityException.class);
    Optional<Throwable> identity =
        inChainMatching(e, t -> String.valueOf(t.getMessage()).contains("verify identity"));
    return certificate
        .or(() -> identity)
        .map(t -> new SendResult.AuthFailure("TLS certificate rejected: " + describe(t)));
  }

  private static Optional<Throwable> inChain(Throwable top, Class<? extends Throwable> type) {
    return inChainMatching(top, type::isInstance);
  }

  private static Optional<Throwable> inChainMatching(Throwable top, Predicate<Throwable> test) {
    int depth = 0;
    for (Throwable t = top; t != null && depth < 16; t = t.getCause(), depth++) {
      if (test.test(t)) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }

  private static String text(Throwable t, String fallback) {
    String message = t.getMessage();
    return message == null || message.isBlank()
        ? fallback
        : message.strip().replaceAll("\\s+", " ");
  }

  private static String describe(Throwable t) {
    return t.getClass().getSimpleName() + ": " + text(t, "(no message)");
  }
}
