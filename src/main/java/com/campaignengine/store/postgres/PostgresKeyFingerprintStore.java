package com.campaignengine.store.postgres;

import com.campaignengine.store.KeyFingerprintStore;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Optional;

/** The one-row table {@code secret_key_fingerprint}, and a sample of the sealed columns. */
public final class PostgresKeyFingerprintStore implements KeyFingerprintStore {
  private final Database db;

  public PostgresKeyFingerprintStore(Database db) {
    this.db = db;
  }

  @Override
  public Optional<String> recorded() {
    return db.withConnection(
        c -> {
          try (PreparedStatement query =
                  c.prepareStatement("SELECT fingerprint FROM secret_key_fingerprint");
              ResultSet row = query.executeQuery()) {
            return row.next() ? Optional.of(row.getString(1)) : Optional.empty();
          }
        });
  }

  @Override
  public String recordIfAbsent(String fingerprint) {
    return db.inTransaction(
        c -> {
          try (PreparedStatement insert =
              c.prepareStatement(
                  "INSERT INTO secret_key_fingerprint (fingerprint) VALUES (?)"
                      + " ON CONFLICT (id) DO NOTHING")) {
            insert.setString(1, fingerprint);
            insert.executeUpdate();
          }
          try (PreparedStatement query =
                  c.prepareStatement("SELECT fingerprint FROM secret_key_fingerprint");
              ResultSet row = query.executeQuery()) {
            row.next();
            return row.getString(1);
          }
        });
  }

  @Override
  public Optional<byte[]> anySealedSecret() {
    return db.withConnection(
        c -> {
          try (PreparedStatement query =
                  c.prepareStatement(
                      "(SELECT secrets FROM mailboxes WHERE secrets IS NOT NULL LIMIT 1)"
                          + " UNION ALL (SELECT secret FROM webhook_subscriptions LIMIT 1)"
                          + " LIMIT 1");
              ResultSet row = query.executeQuery()) {
            return row.next() ? Optional.of(row.getBytes(1)) : Optional.empty();
          }
        });
  }
}
