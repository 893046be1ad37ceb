package com.campaignengine.mailbox;

import java.time.Duration;

/**
 * How to reach and log in to one mailbox's SMTP server. Immutable and thread-safe.
 *
 * <p>{@link #toString()} redacts the password so settings can be logged.
 *
 * @param host the server's host name, non-blank
 * @param port the server's port, 1 to 65535 (usually 25, 465 for {@link Security#TLS}, 587 for
 *     {@link Security#STARTTLS})
 * @param username the login, or {@code null} for a relay that needs no authentication
 * @param password the password (or app password); required when {@code username} is set
 * @param security how the connection is encrypted
 * @param connectTimeout how long to wait for the TCP (and TLS) connection; {@code null} means
 *     {@link #DEFAULT_CONNECT_TIMEOUT}
 * @param readTimeout how long to wait for each server reply and each write; {@code null} means
 *     {@link #DEFAULT_READ_TIMEOUT}. It also bounds IMAP operations, see {@link ImapSettings}
 * @param trustAllCertificates accept any server certificate and host name. Only for tests against
 *     servers with self-signed certificates: it makes TLS useless against an active attacker
 */
public record SmtpSettings(
    String host,
    int port,
    String username,
    String password,
    Security security,
    Duration connectTimeout,
    Duration readTimeout,
    boolean trustAllCertificates) {

  /** Used when {@code connectTimeout} is {@code null}. */
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);

  /** Used when {@code readTimeout} is {@code null}. */
  public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(30);

  /** Transport security of a mail connection. */
  public enum Security {
    /** Plain text; only for local relays and tests. */
    NONE,
    /** Plain connect, then upgrade with STARTTLS; refuses to continue if the server cannot. */
    STARTTLS,
    /** TLS from the first byte ("implicit TLS", SMTPS/IMAPS). */
    TLS
  }

  /** Settings that verify certificates, the only choice outside tests. */
  public SmtpSettings(
      String host,
      int port,
      String username,
      String password,
      Security security,
      Duration connectTimeout,
      Duration readTimeout) {
    this(host, port, username, password, security, connectTimeout, readTimeout, false);
  }

  public SmtpSettings {
    host = requireHost(host);
    requirePort(port);
    if (security == null) {
      throw new IllegalArgumentException("security is required");
    }
    if (username != null && password == null) {
      throw new IllegalArgumentException("password is required when a username is set");
    }
    connectTimeout = positive("connectTimeout", connectTimeout, DEFAULT_CONNECT_TIMEOUT);
    readTimeout = positive("readTimeout", readTimeout, DEFAULT_READ_TIMEOUT);
  }

  /** Whether the server expects us to log in. */
  public boolean authenticates() {
    return username != null;
  }

  @Override
  public String toString() {
    return "SmtpSettings[host=%s, port=%d, username=%s, password=%s, security=%s, connectTimeout=%s, readTimeout=%s, trustAllCertificates=%s]"
        .formatted(
            host,
            port,
            username,
            redact(password),
            security,
            connectTimeout,
            readTimeout,
            trustAllCertificates);
  }

  static String requireHost(String host) {
    if (host == null || host.isBlank()) {
      throw new IllegalArgumentException("host must not be blank");
    }
    return host.strip();
  }

  static void requirePort(int port) {
    if (port < 1 || port > 65_535) {
      throw new IllegalArgumentException("port must be between 1 and 65535: " + port);
    }
  }

  static String redact(String password) {
    return password == null ? "null" : "***";
  }

  // jakarta.mail takes int milliseconds; anything beyond that is a configuration mistake.
  private static Duration positive(String name, Duration value, Duration fallback) {
    Duration d = value == null ? fallback : value;
    if (d.isNegative() || d.isZero() || d.toMillis() > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(name + " must be positive and below 24 days: " + d);
    }
    return d;
  }
}
