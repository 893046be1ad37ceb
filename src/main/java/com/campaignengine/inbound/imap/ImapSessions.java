package com.campaignengine.inbound.imap;

import com.campaignengine.inbound.RawInbound;
import com.campaignengine.mailbox.ImapSettings;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import java.time.Duration;
import java.util.Properties;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Jakarta Mail sessions and connections for reading an INBOX. Stateless. */
final class ImapSessions {
  private static final Logger LOG = LoggerFactory.getLogger(ImapSessions.class);

  private ImapSessions() {}

  /** A session for these settings; every connect and read is bounded by the timeouts. */
  static Session create(ImapSettings settings, Duration connectTimeout, Duration readTimeout) {
    Properties p = new Properties();
    p.setProperty("mail.imap.connectiontimeout", millis("connectTimeout", connectTimeout));
    p.setProperty("mail.imap.timeout", millis("readTimeout", readTimeout));
    // BODY.PEEK: reading must never mark the user's mail as \Seen, even if a server ignored the
    // read-only EXAMINE.
    p.setProperty("mail.imap.peek", "true");
    // One partial FETCH usually covers a whole message (fewer round trips), and never more than
    // the cap on what we keep.
    p.setProperty("mail.imap.fetchsize", Integer.toString(RawInbound.MAX_BYTES));
    switch (settings.security()) {
      case NONE -> {
        return Session.getInstance(p);
      }
      case STARTTLS -> {
        p.setProperty("mail.imap.starttls.enable", "true");
        // Without "required" jakarta.mail silently continues in plain text if STARTTLS is missing.
        p.setProperty("mail.imap.starttls.required", "true");
      }
      case TLS -> p.setProperty("mail.imap.ssl.enable", "true");
    }
    boolean trustAll = settings.trustAllCertificates();
    p.setProperty("mail.imap.ssl.checkserveridentity", String.valueOf(!trustAll));
    if (trustAll) {
      p.setProperty("mail.imap.ssl.trust", "*");
    }
    return Session.getInstance(p);
  }

  /** A logged-in store; the caller closes it. */
  static IMAPStore connect(Session session, ImapSettings settings) throws MessagingException {
    IMAPStore store = (IMAPStore) session.getStore("imap");
    store.connect(settings.host(), settings.port(), settings.username(), settings.password());
    return store;
  }

  /** Closes a connection if there is one; a failure to close only matters to the debug log. */
  static void closeQuietly(IMAPStore store) {
    if (store == null) {
      return;
    }
    try {
      store.close();
    } catch (MessagingException e) {
      LOG.debug("closing IMAP connection failed: {}", e.toString());
    }
  }

  /** Where, for messages: never the password. */
  static String describe(ImapSettings settings) {
    return settings.username() + "@" + settings.host() + ":" + settings.port();
  }

  // jakarta.mail takes int milliseconds.
  private static String millis(String name, Duration d) {
    if (d == null || d.isNegative() || d.isZero() || d.toMillis() > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(name + " must be positive and below 24 days: " + d);
    }
    return Long.toString(d.toMillis());
  }
}
