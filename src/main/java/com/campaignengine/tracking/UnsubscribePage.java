package com.campaignengine.tracking;

import static com.campaignengine.tracking.LinkRewriter.htmlEscape;

import java.util.regex.Pattern;

/**
 * The two small HTML pages of the unsubscribe flow, self-contained (inline CSS, no scripts, no
 * external resources) so they render anywhere and leak nothing to third parties.
 *
 * <p>The link in the email only shows {@link #confirmation}; unsubscribing takes a POST. That is on
 * purpose: link scanners (Safe Links, security gateways) GET every URL in a message, and a GET that
 * unsubscribed would unsubscribe people who never clicked. The form posts the same body as an RFC
 * 8058 one-click request ({@code List-Unsubscribe=One-Click}), so one endpoint serves both.
 *
 * <p>Every argument is HTML-escaped. Stateless and thread-safe.
 */
public final class UnsubscribePage {

  private static final Pattern HTTP_URL = Pattern.compile("(?i)https?://[^\\s]+");

  /** Everything up to the title text; {@code page} closes it. */
  private static final String HEAD =
      "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
          + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
          + "<meta name=\"robots\" content=\"noindex\">"
          + "<meta name=\"referrer\" content=\"no-referrer\">"
          + "<style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:4rem auto;"
          + "padding:0 1rem;color:#222;line-height:1.5}button{font:inherit;padding:.6rem 1.2rem;"
          + "border:0;border-radius:.3rem;background:#222;color:#fff;cursor:pointer}</style>"
          + "<title>";

  private UnsubscribePage() {}

  /**
   * The page behind the unsubscribe link: one button that POSTs to {@code actionUrl}.
   *
   * @param actionUrl the absolute http(s) URL to post to (normally the same unsubscribe URL)
   * @param companyOrSenderName who the emails come from, or {@code null}
   * @throws IllegalArgumentException when {@code actionUrl} is not http(s): another scheme (e.g.
   *     {@code javascript:}) in a form action would be a script injection
   */
  public static String confirmation(String actionUrl, String companyOrSenderName) {
    if (actionUrl == null || !HTTP_URL.matcher(actionUrl).matches()) {
      throw new IllegalArgumentException("action URL must be an absolute http(s) URL");
    }
    String from =
        companyOrSenderName == null || companyOrSenderName.isBlank()
            ? "this sender"
            : htmlEscape(companyOrSenderName.strip());
    return page(
        "Unsubscribe",
        "<h1>Unsubscribe</h1><p>Stop receiving emails from "
            + from
            + "?</p><form method=\"post\" action=\""
            + htmlEscape(actionUrl)
            + "\"><input type=\"hidden\" name=\"List-Unsubscribe\" value=\"One-Click\">"
            + "<button type=\"submit\">Unsubscribe</button></form>");
  }

  /**
   * The page after a successful unsubscribe.
   *
   * @param emailAddressMasked the address in a masked form (e.g. {@code j***@example.com}), or
   *     {@code null}; the page is reachable by anyone holding the link, so never pass it unmasked
   */
  public static String done(String emailAddressMasked) {
    String who =
        emailAddressMasked == null || emailAddressMasked.isBlank()
            ? "You"
            : "<strong>" + htmlEscape(emailAddressMasked.strip()) + "</strong>";
    return page(
        "Unsubscribed",
        "<h1>You are unsubscribed</h1><p>"
            + who
            + " will not receive further emails from this sender.</p>");
  }

  private static String page(String title, String body) {
    return HEAD + title + "</title></head><body>" + body + "</body></html>\n";
  }
}
