package com.campaignengine.store.postgres;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/** Accepts {@code jdbc:postgresql://…} or {@code postgres(ql)://user:pass@host:port/db?…}. */
public final class DatabaseUrls {
  private DatabaseUrls() {}

  /** A JDBC URL with user and password split out (null when not in the URL). */
  public record Jdbc(String url, String user, String password) {}

  public static Jdbc parse(String url) {
    if (url.startsWith("jdbc:postgresql:")) {
      return new Jdbc(url, null, null);
    }
    if (!url.startsWith("postgres://") && !url.startsWith("postgresql://")) {
      throw new IllegalArgumentException(
          "database URL must start with jdbc:postgresql:, postgres:// or postgresql://");
    }
    URI uri = URI.create(url);
    if (uri.getHost() == null) {
      throw new IllegalArgumentException("database URL has no host");
    }
    String user = null;
    String password = null;
    if (uri.getRawUserInfo() != null) {
      String[] parts = uri.getRawUserInfo().split(":", 2);
      user = URLDecoder.decode(parts[0], StandardCharsets.UTF_8);
      password = parts.length > 1 ? URLDecoder.decode(parts[1], StandardCharsets.UTF_8) : null;
    }
    int port = uri.getPort() == -1 ? 5432 : uri.getPort();
    String path =
        uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/postgres" : uri.getRawPath();
    String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
    return new Jdbc(
        "jdbc:postgresql://" + uri.getHost() + ":" + port + path + query, user, password);
  }
}
