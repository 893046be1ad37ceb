package com.campaignengine.app;

import java.util.Map;
import java.util.Optional;

/**
 * Port: tries a mailbox's settings against its provider (an SMTP login, a token refresh) without
 * sending anything. Returns the provider's complaint, or empty when they work.
 */
@FunctionalInterface
public interface MailboxVerifier {
  Optional<String> verify(
      String provider, Map<String, Map<String, Object>> settings, Map<String, String> secrets);

  MailboxVerifier NONE = (provider, settings, secrets) -> Optional.empty();
}
