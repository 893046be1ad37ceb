package com.campaignengine.tracking;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The {@code List-Unsubscribe} (RFC 2369) and {@code List-Unsubscribe-Post} (RFC 8058) headers.
 *
 * <p>RFC 2369 gives each URI in angle brackets, comma-separated, in order of preference; the https
 * URI comes first because it is the one-click one. RFC 8058 requires an HTTPS URI in {@code
 * List-Unsubscribe} and the exact value {@code List-Unsubscribe=One-Click} in {@code
 * List-Unsubscribe-Post}: the mailbox provider then POSTs that body to the URI, without cookies or
 * a browser. Gmail and Yahoo require this of bulk senders. Both headers must be covered by the DKIM
 * signature, which is the signer's business.
 *
 * <p>Values are single-line; a renderer may fold them. Stateless and thread-safe.
 */
public final class ListUnsubscribe {

  /** An https URL that cannot break out of its angle brackets or the header line. */
  private static final Pattern HTTPS_URL = Pattern.compile("(?i)https://[!-~&&[^<>,]]+");

  /** {@code local@domain}, printable ASCII without characters that would end the URI early. */
  private static final Pattern ADDRESS = Pattern.compile("[!-~&&[^<>,?@]]+@[!-~&&[^<>,?@]]+");

  private ListUnsubscribe() {}

  /**
   * The two headers, in order: {@code List-Unsubscribe}, then {@code List-Unsubscribe-Post}.
   *
   * @param httpsUrl the one-click unsubscribe URL; must be https (RFC 8058)
   * @param mailtoAddressOrNull an address that unsubscribes whoever mails it (with or without
   *     {@code mailto:}), offered as a fallback for clients without one-click; {@code null} for
   *     none
   * @return an unmodifiable, ordered map from header name to value
   * @throws IllegalArgumentException for a non-https URL or a malformed address
   */
  public static Map<String, String> headers(String httpsUrl, String mailtoAddressOrNull) {
    if (httpsUrl == null || !HTTPS_URL.matcher(httpsUrl).matches()) {
      throw new IllegalArgumentException("one-click unsubscribe needs an https URL");
    }
    StringBuilder value = new StringBuilder("<").append(httpsUrl).append('>');
    if (mailtoAddressOrNull != null) {
      String address = mailtoAddressOrNull.strip();
      if (address.regionMatches(true, 0, "mailto:", 0, 7)) {
        address = address.substring(7);
      }
      if (!ADDRESS.matcher(address).matches()) {
        throw new IllegalArgumentException("not a usable unsubscribe address");
      }
      value.append(", <mailto:").append(address).append("?subject=unsubscribe>");
    }
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("List-Unsubscribe", value.toString());
    headers.put("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
    return Collections.unmodifiableMap(headers);
  }
}
