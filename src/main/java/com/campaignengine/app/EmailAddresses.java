package com.campaignengine.app;

import java.util.regex.Pattern;

/** A pragmatic email address check: one @, a dotted domain, no spaces or control characters. */
public final class EmailAddresses {
  private static final Pattern ADDRESS =
      Pattern.compile(
          "^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$");

  private EmailAddresses() {}

  public static boolean isValid(String address) {
    return address != null && address.length() <= 254 && ADDRESS.matcher(address).matches();
  }
}
