package com.campaignengine.tracking;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Tells open-pixel hits that are probably not a person reading the email: mailbox-provider image
 * proxies that prefetch, security scanners, scripts, and hits too fast for a human.
 *
 * <p>These are heuristics, all in this one class so they can be reviewed and changed together. A
 * machine open is still worth recording (it often means "delivered"); it just must not count as
 * engagement or stop a sequence. False negatives are expected: several scanners send an ordinary
 * browser User-Agent on purpose.
 *
 * <p>Deliberately <b>not</b> a rule: {@code Microsoft Office} / {@code Outlook} in the User-Agent.
 * That is desktop Outlook rendering the mail for its user, i.e. a real open. Microsoft Defender /
 * Safe Links scanners use ordinary browser User-Agents, so they are only caught by the timing rule.
 *
 * <p>Stateless and thread-safe.
 */
public final class MachineOpens {

  /**
   * Hits sooner than this after sending are scanners at delivery time; no human opens that fast.
   */
  static final Duration TOO_SOON = Duration.ofSeconds(2);

  /**
   * Case-insensitive User-Agent substrings, each with why it means a machine.
   *
   * <ul>
   *   <li>{@code googleimageproxy}, {@code ggpht.com}: Gmail's image proxy, UA {@code ... (via
   *       ggpht.com GoogleImageProxy)}; it fetches on the recipient's behalf and hides them.
   *   <li>{@code edge/12.246 mozilla/5.0}: Gmail's prefetch of new mail for a signed-in user, a
   *       fixed stale Edge UA with a trailing {@code Mozilla/5.0} (documented by SparkPost/Bird).
   *   <li>{@code yahoomailproxy}: Yahoo/AOL's image proxy.
   *   <li>{@code barracuda}, {@code mimecast}, {@code proofpoint}: mail security gateways that
   *       fetch remote content to scan it, when they identify themselves.
   *   <li>{@code python-requests}, {@code curl/}, {@code wget}, {@code go-http-client}, {@code
   *       okhttp}, {@code java/}, {@code headlesschrome}: scripts and automation libraries.
   *   <li>{@code crawler}, {@code spider}: self-declared crawlers.
   * </ul>
   */
  private static final List<String> MACHINE_AGENTS =
      List.of(
          "googleimageproxy",
          "ggpht.com",
          "edge/12.246 mozilla/5.0",
          "yahoomailproxy",
          "barracuda",
          "mimecast",
          "proofpoint",
          "python-requests",
          "curl/",
          "wget",
          "go-http-client",
          "okhttp",
          "java/",
          "headlesschrome",
          "crawler",
          "spider");

  /**
   * "bot" ending a word ({@code Googlebot/2.1}, {@code AhrefsBot/7.0}, {@code bot;}) rather than
   * any occurrence, to spare names that merely contain it ({@code CUBOT_X30}). A phone model like
   * {@code CUBOT P30} still matches; that costs one uncounted open, which is the cheap mistake.
   */
  private static final Pattern BOT = Pattern.compile("(?i)bot(?![a-z0-9_])");

  /**
   * Apple's own 17.0.0.0/8. With Mail Privacy Protection, Apple's proxies fetch every image at
   * delivery, whether or not the mail is read; the fetch comes from Apple's network.
   */
  private static final Pattern APPLE_NETWORK =
      Pattern.compile("(?:::ffff:)?17\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}", Pattern.CASE_INSENSITIVE);

  private MachineOpens() {}

  /**
   * Whether an open-pixel hit is probably a machine.
   *
   * @param userAgent the request's User-Agent; {@code null} or blank counts as a machine (every
   *     mail client sends one)
   * @param remoteAddress the client IP as text, or {@code null} when unknown
   * @param sinceSend time from sending to this hit, or {@code null} when unknown; negative (clock
   *     skew between hosts) is treated as "immediately"
   */
  public static boolean likely(String userAgent, String remoteAddress, Duration sinceSend) {
    if (sinceSend != null && sinceSend.compareTo(TOO_SOON) < 0) {
      return true;
    }
    if (remoteAddress != null && APPLE_NETWORK.matcher(remoteAddress.strip()).matches()) {
      return true;
    }
    String ua = userAgent == null ? "" : userAgent.strip().toLowerCase(Locale.ROOT);
    // Apple's MPP proxy sends a bare "Mozilla/5.0"; no real browser or mail client does.
    if (ua.isEmpty() || ua.equals("mozilla/5.0")) {
      return true;
    }
    return BOT.matcher(ua).find() || MACHINE_AGENTS.stream().anyMatch(ua::contains);
  }
}
