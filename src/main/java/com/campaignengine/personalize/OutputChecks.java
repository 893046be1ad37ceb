package com.campaignengine.personalize;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rejects model output that must not be sent in place of the draft. Rules, in order: empty or
 * blank; longer than {@value #MAX_CHARS} characters; more than {@code maxWords × 1.3} words;
 * template braces ({@code {{ }}}) or placeholders such as {@code [Name]} / {@code {name}}; a URL
 * (http, https or www.) not in the draft; an email address other than the recipient's, one in the
 * draft (where a sender's signature lives) or the context's {@code sender_email}; an AI refusal
 * ("As an AI", "I cannot", ...) that the draft does not itself contain.
 *
 * <p>Stateless and thread-safe. Problems never quote the output, so they are safe to log.
 */
public final class OutputChecks {

  static final int MAX_CHARS = 10_000;
  private static final double WORD_SLACK = 1.3;

  private static final Pattern PLACEHOLDER =
      Pattern.compile("\\[\\s*[A-Za-z][\\w .'-]{0,40}\\]|\\{\\s*[A-Za-z_][\\w .-]{0,40}\\}");
  // Stops at whitespace and at characters that usually close a URL in prose.
  private static final Pattern URL =
      Pattern.compile("(?i)\\b(?:https?://|www\\.)[^\\s<>\"'()\\[\\]]+");
  private static final Pattern EMAIL =
      Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}");
  private static final List<String> REFUSALS =
      List.of("as an ai", "as a language model", "i cannot", "i can't", "i'm sorry, but");

  private OutputChecks() {}

  /** The first problem with {@code output}, or empty if it may replace the draft. */
  public static Optional<String> problem(String output, PersonalizeRequest request) {
    if (output == null || output.isBlank()) {
      return Optional.of("empty output");
    }
    if (output.length() > MAX_CHARS) {
      return Optional.of("longer than " + MAX_CHARS + " characters");
    }
    int words = output.strip().split("\\s+").length;
    if (words > request.maxWords() * WORD_SLACK) {
      return Optional.of(words + " words, limit is " + request.maxWords());
    }
    if (output.contains("{{") || output.contains("}}") || PLACEHOLDER.matcher(output).find()) {
      return Optional.of("contains a placeholder");
    }
    Set<String> draftUrls = urls(request.draftText());
    for (String url : urls(output)) {
      if (!draftUrls.contains(url)) {
        return Optional.of("contains a URL that is not in the draft");
      }
    }
    Set<String> allowedEmails = emails(request.draftText());
    addLowerCase(allowedEmails, request.recipientEmail());
    addLowerCase(allowedEmails, request.context().get("sender_email"));
    for (String email : emails(output)) {
      if (!allowedEmails.contains(email)) {
        return Optional.of("contains an email address other than the recipient's or sender's");
      }
    }
    String lowerOutput = output.toLowerCase(Locale.ROOT);
    String lowerDraft = request.draftText().toLowerCase(Locale.ROOT);
    for (String refusal : REFUSALS) {
      if (lowerOutput.contains(refusal) && !lowerDraft.contains(refusal)) {
        return Optional.of("looks like a refusal");
      }
    }
    return Optional.empty();
  }

  /** URLs normalized so a trailing period or slash, scheme or case does not count as new. */
  private static Set<String> urls(String text) {
    Set<String> urls = new HashSet<>();
    Matcher matcher = URL.matcher(text);
    while (matcher.find()) {
      String url = matcher.group().replaceAll("[.,;:!?]+$", "").toLowerCase(Locale.ROOT);
      url = url.replaceFirst("^https?://", "").replaceFirst("^www\\.", "");
      urls.add(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
    }
    return urls;
  }

  private static Set<String> emails(String text) {
    Set<String> emails = new HashSet<>();
    Matcher matcher = EMAIL.matcher(text);
    while (matcher.find()) {
      emails.add(matcher.group().toLowerCase(Locale.ROOT));
    }
    return emails;
  }

  private static void addLowerCase(Set<String> set, String value) {
    if (value != null && !value.isBlank()) {
      set.add(value.strip().toLowerCase(Locale.ROOT));
    }
  }
}
