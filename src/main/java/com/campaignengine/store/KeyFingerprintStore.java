package com.campaignengine.store;

import java.util.Optional;

/**
 * The fingerprint of the key that seals the database's secrets, recorded by the first node, so a
 * node started with another key can tell before it claims any work.
 */
public interface KeyFingerprintStore {

  /** The fingerprint recorded, if a node has recorded one. */
  Optional<String> recorded();

  /**
   * Records {@code fingerprint} unless one is recorded already (another node may have won the
   * race); returns the one recorded now.
   */
  String recordIfAbsent(String fingerprint);

  /** One sealed secret from the database (a mailbox's or a webhook's), or empty if none exists. */
  Optional<byte[]> anySealedSecret();
}
