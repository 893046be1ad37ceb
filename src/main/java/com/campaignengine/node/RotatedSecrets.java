package com.campaignengine.node;

import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a secret a provider replaced while a mailbox was in use: Microsoft rotates refresh tokens
 * on every redemption, and a stored token that is never replaced ends with its own lifetime. A
 * failure to store it is logged (without the secret) and costs nothing until then: the new token is
 * in use in memory, and the stored one still works.
 */
@FunctionalInterface
interface RotatedSecrets {
  Logger LOG = LoggerFactory.getLogger(RotatedSecrets.class);

  /** Nothing kept: for a transport built only to verify settings. */
  RotatedSecrets NONE = (mailboxId, name, value) -> {};

  void keep(long mailboxId, String name, String value);

  /** A listener for one secret of one mailbox. */
  default Consumer<String> of(long mailboxId, String name) {
    return value -> {
      try {
        keep(mailboxId, name, value);
      } catch (RuntimeException e) {
        LOG.warn(
            "Mailbox(id={}) could not store its rotated {}: {}", mailboxId, name, e.toString());
      }
    };
  }
}
