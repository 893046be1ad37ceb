package com.campaignengine.mail;

/**
 * A mailbox: an e-mail address with an optional display name ({@code "Zoë Example"}).
 *
 * <p>Only header-safety is validated here (no CR/LF, which would allow header injection); full
 * address syntax is the importer's and the provider's business.
 *
 * @param email the address, non-blank
 * @param displayName the human-readable name, or {@code null} for none
 */
public record Address(String email, String displayName) {

  public Address {
    if (email == null || email.isBlank()) {
      throw new IllegalArgumentException("email address must not be blank");
    }
    HeaderValues.requireSingleLine("email address", email);
    if (displayName != null) {
      HeaderValues.requireSingleLine("display name", displayName);
    }
  }

  /** An address without display name. */
  public static Address of(String email) {
    return new Address(email, null);
  }
}
