package com.campaignengine.app;

import com.campaignengine.secrets.SecretBox;
import com.campaignengine.store.MailboxStore;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import java.util.Optional;

/** Seals a mailbox's secrets for storage and opens them for the node that sends. Thread-safe. */
public final class MailboxSecrets {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<Map<String, String>> SECRETS = new TypeReference<>() {};

  private final MailboxStore mailboxes;
  private final SecretBox box;

  public MailboxSecrets(MailboxStore mailboxes, SecretBox box) {
    this.mailboxes = mailboxes;
    this.box = box;
  }

  /** The sealed form, or null when there is nothing to seal. */
  byte[] seal(Map<String, String> secrets) {
    if (secrets.isEmpty()) {
      return null;
    }
    try {
      return box.seal(JSON.writeValueAsString(secrets));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a map of strings is always JSON", e);
    }
  }

  /** The opened secrets of a mailbox (empty if it has none). */
  public Map<String, String> open(long mailboxId) {
    Optional<byte[]> sealed = mailboxes.sealedSecrets(mailboxId);
    if (sealed.isEmpty() || sealed.get() == null) {
      return Map.of();
    }
    try {
      return JSON.readValue(box.open(sealed.get()), SECRETS);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(
          "sealed secrets of mailbox " + mailboxId + " are not JSON", e);
    }
  }
}
