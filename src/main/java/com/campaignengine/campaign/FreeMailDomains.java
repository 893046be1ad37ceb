package com.campaignengine.campaign;

import java.util.Locale;
import java.util.Set;

/**
 * Consumer mail domains: people at gmail.com are not colleagues, so a reply from one of them never
 * stops another person's sequence as a "company reply".
 */
public final class FreeMailDomains {
  private static final Set<String> DOMAINS =
      Set.of(
          "gmail.com",
          "googlemail.com",
          "yahoo.com",
          "yahoo.co.uk",
          "yahoo.fr",
          "yahoo.de",
          "ymail.com",
          "hotmail.com",
          "hotmail.co.uk",
          "hotmail.fr",
          "hotmail.de",
          "outlook.com",
          "live.com",
          "msn.com",
          "icloud.com",
          "me.com",
          "mac.com",
          "aol.com",
          "proton.me",
          "protonmail.com",
          "gmx.de",
          "gmx.net",
          "gmx.com",
          "web.de",
          "t-online.de",
          "yandex.ru",
          "yandex.com",
          "mail.ru",
          "qq.com",
          "163.com",
          "126.com",
          "zoho.com",
          "fastmail.com",
          "orange.fr",
          "free.fr",
          "laposte.net",
          "libero.it",
          "hey.com",
          "tutanota.com",
          "uol.com.br",
          "bol.com.br",
          "terra.com.br");

  private FreeMailDomains() {}

  public static boolean isFreeMail(String domain) {
    return domain != null && DOMAINS.contains(domain.toLowerCase(Locale.ROOT));
  }

  /** The domain part of an address, lower-case, or null. */
  public static String domainOf(String address) {
    int at = address == null ? -1 : address.lastIndexOf('@');
    return at < 0 ? null : address.substring(at + 1).toLowerCase(Locale.ROOT);
  }
}
