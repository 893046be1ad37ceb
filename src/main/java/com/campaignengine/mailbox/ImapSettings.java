package com.campaignengine.mailbox;

import com.campaignengine.mailbox.SmtpSettings.Security;

/**
 * How to reach the IMAP side of a mailbox: the SMTP transport uses it to find (and optionally file)
 * sent messages in its Sent folder, the IMAP source to read its inbox. Immutable and thread-safe;
 * {@link #toString()} redacts the password. Timeouts are the {@link SmtpSettings}' ones.
 *
 * @param host the IMAP server's host name, non-blank
 * @param port the IMAP server's port, 1 to 65535 (usually 993 with TLS, 143 otherwise)
 * @param username the IMAP login, non-null
 * @param password the IMAP password, non-null
 * @param security how the connection is encrypted
 * @param sentFolder full name of the Sent folder, or {@code null} to discover it: the folder with
 *     the {@code \Sent} special-use attribute, else "Sent", "[Gmail]/Sent Mail" and similar well
 *     known names, else "Sent"
 * @param sentFolderHasCopies whether the provider itself files every message sent over SMTP in the
 *     Sent folder (Gmail does; many servers do not). Only then, or with {@code appendToSent}, may
 *     the SMTP transport's {@code lookup} answer NOT_DELIVERED for a message it cannot find
 * @param appendToSent whether the SMTP transport itself appends each sent message to the Sent
 *     folder, for servers that do not keep a copy; never enable both flags with a server that keeps
 *     copies, or the Sent folder shows every message twice
 * @param trustAllCertificates accept any certificate; for tests only, see {@link SmtpSettings}
 */
public record ImapSettings(
    String host,
    int port,
    String username,
    String password,
    Security security,
    String sentFolder,
    boolean sentFolderHasCopies,
    boolean appendToSent,
    boolean trustAllCertificates) {

  /**
   * Settings for a provider that files sent messages by itself (the common case: {@code
   * sentFolderHasCopies} true, {@code appendToSent} false), verifying certificates.
   */
  public ImapSettings(
      String host,
      int port,
      String username,
      String password,
      Security security,
      String sentFolder) {
    this(host, port, username, password, security, sentFolder, true, false, false);
  }

  public ImapSettings {
    host = SmtpSettings.requireHost(host);
    SmtpSettings.requirePort(port);
    // IllegalArgumentException like the other checks: these come from user-supplied settings.
    if (username == null || password == null || security == null) {
      throw new IllegalArgumentException("IMAP username, password and security are required");
    }
    if (sentFolder != null && sentFolder.isBlank()) {
      sentFolder = null;
    }
  }

  /** A copy that appends every sent message to the Sent folder itself (or not). */
  public ImapSettings withAppendToSent(boolean append) {
    return new ImapSettings(
        host,
        port,
        username,
        password,
        security,
        sentFolder,
        sentFolderHasCopies,
        append,
        trustAllCertificates);
  }

  /** A copy stating whether the provider keeps a copy of every sent message. */
  public ImapSettings withSentFolderHasCopies(boolean hasCopies) {
    return new ImapSettings(
        host,
        port,
        username,
        password,
        security,
        sentFolder,
        hasCopies,
        appendToSent,
        trustAllCertificates);
  }

  /** A copy that accepts any certificate: tests with self-signed certificates only. */
  public ImapSettings withTrustAllCertificates(boolean trustAll) {
    return new ImapSettings(
        host,
        port,
        username,
        password,
        security,
        sentFolder,
        sentFolderHasCopies,
        appendToSent,
        trustAll);
  }

  /** Whether every sent message is expected in the Sent folder, by the provider or by us. */
  public boolean sentCopiesExpected() {
    return sentFolderHasCopies || appendToSent;
  }

  @Override
  public String toString() {
    return "ImapSettings[host=%s, port=%d, username=%s, password=%s, security=%s, sentFolder=%s, sentFolderHasCopies=%s, appendToSent=%s, trustAllCertificates=%s]"
        .formatted(
            host,
            port,
            username,
            SmtpSettings.redact(password),
            security,
            sentFolder,
            sentFolderHasCopies,
            appendToSent,
            trustAllCertificates);
  }
}
