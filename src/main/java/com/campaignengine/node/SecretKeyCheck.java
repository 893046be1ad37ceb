package com.campaignengine.node;

import com.campaignengine.failure.StartupException;
import com.campaignengine.secrets.SecretBox;
import com.campaignengine.secrets.SecretKeys;
import com.campaignengine.secrets.SecretUnavailableException;
import com.campaignengine.store.KeyFingerprintStore;
import java.util.Optional;

/**
 * A node starts only with the key its database's secrets are sealed with. Otherwise it would claim
 * sends it cannot make (it cannot open the mailboxes' credentials) while the other nodes could: one
 * misconfigured node would fail a whole campaign. The first node records its key's fingerprint; on
 * a database from before fingerprints, it first checks that its key opens a secret there.
 */
final class SecretKeyCheck {
  private SecretKeyCheck() {}

  /**
   * @param source where the key came from, for the message
   * @throws StartupException if the database's secrets are sealed with another key
   */
  static void verify(KeyFingerprintStore store, SecretBox box, byte[] key, String source) {
    String mine = SecretKeys.fingerprint(key);
    Optional<String> recorded = store.recorded();
    if (recorded.isEmpty()) {
      Optional<byte[]> sample = store.anySealedSecret();
      if (sample.isPresent()) {
        try {
          box.open(sample.get());
        } catch (SecretUnavailableException e) {
          throw new StartupException(
              "the secrets in this database were sealed with another key than this node's ("
                  + source
                  + "): start it with the CAMPAIGN_ENGINE_SECRET_KEY they were sealed with",
              e);
        }
      }
      recorded = Optional.of(store.recordIfAbsent(mine));
    }
    if (!recorded.get().equals(mine)) {
      throw new StartupException(
          "this node's secret key ("
              + source
              + ", fingerprint "
              + mine.substring(0, 12)
              + ") is not the key this database's secrets are sealed with (fingerprint "
              + recorded.get().substring(0, Math.min(12, recorded.get().length()))
              + "): start every node with the same CAMPAIGN_ENGINE_SECRET_KEY");
    }
  }
}
