package com.campaignengine.app;

import com.campaignengine.secrets.SecretBox;
import com.campaignengine.secrets.SecretUnavailableException;
import com.campaignengine.store.MailboxStore;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.HashMap;
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

  /**
   * Replaces one secret of a mailbox (a refresh token the provider rotated), keeping the others;
   * nothing happens when the mailbox is gone.
   *
   * @throws SecretUnavailableException if its secrets do not open with this node's key
   */
  public void replace(long mailboxId, String name, String value) {
    mailboxes.changeSealedSecrets(
        mailboxId,
        stored -> {
          Map<String, String> secrets =
              new HashMap<>(stored == null ? Map.of() : opened(mailboxId, stored));
          secrets.put(name, value);
          return seal(secrets);
        });
  }

  /**
   * The opened secrets of a mailbox (empty if it has none).
   *
   * @throws SecretUnavailableException if they do not open with this node's key, or are damaged
   */
  public Map<String, String> open(long mailboxId) {
    Optional<byte[]> sealed = mailboxes.sealedSecrets(mailboxId);
    if (sealed.isEmpty() || sealed.get() == null) {
      return Map.of();
    }
    return opened(mailboxId, sealed.get());
  }

  private Map<String, String> opened(long mailboxId, byte[] sealed) {
    String opened;
    try {
      opened = box.open(sealed);
    } catch (SecretUnavailableException e) {
      // A wrong key or damaged bytes: the mailbox's sends must wait, not fail (issue 12). Thrown
      // again naming the mailbox, for the engine's event and alert.
      throw new SecretUnavailableException(
          "the credentials of mailbox " + mailboxId + " cannot be unsealed: " + e.getMessage(), e);
    }
    try {
      return JSON.readValue(opened, SECRETS);
    } catch (JsonProcessingException e) {
      // Not chained: the parser's message would quote the opened text.
      throw new SecretUnavailableException(
          "the credentials of mailbox " + mailboxId + " are damaged (not JSON)", null);
    }
  }
}
