package com.campaignengine.mail;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds the Message-IDs of the messages we send.
 *
 * <p>Ids are deterministic: the same step execution always gets the same id. That is what makes
 * crash recovery possible: if the process dies after the provider accepted a message but before the
 * engine recorded it, the engine recomputes the id and asks {@link MailTransport#lookup} instead of
 * blindly sending a duplicate. A random id would be lost with the crashed process.
 *
 * <p>Stateless and thread-safe.
 */
public final class MessageIds {

  private static final Pattern DOMAIN = Pattern.compile("[a-z0-9](?:[a-z0-9.-]*[a-z0-9])?");
  private static final Pattern OURS = Pattern.compile("<ce\\.(\\d+)\\.([0-9a-f]{8})@([^>]+)>");

  private MessageIds() {}

  /**
   * The Message-ID for sending one step execution, e.g. {@code <ce.42.1a2b3c4d@mail.example.com>}.
   *
   * @param executionId the step execution's id, not negative
   * @param senderDomain the sending domain; compared case-insensitively (domains are)
   */
  public static String forSend(long executionId, String senderDomain) {
    if (executionId < 0) {
      throw new IllegalArgumentException("executionId must not be negative: " + executionId);
    }
    String domain = normalizeDomain(senderDomain);
    return "<ce." + executionId + "." + hash(executionId, domain) + "@" + domain + ">";
  }

  /**
   * The execution id inside one of our Message-IDs (e.g. from a reply's In-Reply-To), or empty when
   * the id is not ours. The short hash acts as a checksum, so a truncated or hand-edited id that
   * merely looks like ours is not attributed to the wrong execution.
   */
  public static OptionalLong executionIdOf(String messageId) {
    Matcher m = messageId == null ? null : OURS.matcher(messageId.trim());
    if (m == null || !m.matches()) {
      return OptionalLong.empty();
    }
    try {
      long id = Long.parseLong(m.group(1));
      String domain = m.group(3).toLowerCase(Locale.ROOT);
      return hash(id, domain).equals(m.group(2)) ? OptionalLong.of(id) : OptionalLong.empty();
    } catch (NumberFormatException e) {
      return OptionalLong.empty();
    }
  }

  private static String normalizeDomain(String senderDomain) {
    String domain = senderDomain == null ? "" : senderDomain.trim().toLowerCase(Locale.ROOT);
    if (!DOMAIN.matcher(domain).matches()) {
      throw new IllegalArgumentException("not a usable sender domain: " + senderDomain);
    }
    return domain;
  }

  private static String hash(long executionId, String domain) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      byte[] digest = sha.digest((executionId + "@" + domain).getBytes(StandardCharsets.US_ASCII));
      return HexFormat.of().formatHex(digest, 0, 4);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JVM", e);
    }
  }
}
