package com.campaignengine.bench;

import com.campaignengine.campaign.Mailbox;
import com.campaignengine.engine.TransportResolver;
import com.campaignengine.mail.MailTransport;
import com.campaignengine.mail.memory.InMemoryTransport;
import com.campaignengine.mail.smtp.SmtpTransport;
import com.campaignengine.mailbox.SmtpSettings;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where the benchmark's emails go: the in-process transport (engine cost only), or real SMTP — one
 * connection per mailbox as in production — to a given server or to an in-process GreenMail.
 */
final class BenchTransport implements TransportResolver, AutoCloseable {
  private final InMemoryTransport memory;
  private final GreenMail greenMail;
  private final String smtpHost;
  private final int smtpPort;
  private final ConcurrentHashMap<Long, SmtpTransport> smtp = new ConcurrentHashMap<>();

  private BenchTransport(InMemoryTransport memory, GreenMail greenMail, String host, int port) {
    this.memory = memory;
    this.greenMail = greenMail;
    this.smtpHost = host;
    this.smtpPort = port;
  }

  static BenchTransport inMemory() {
    return new BenchTransport(new InMemoryTransport(), null, null, 0);
  }

  /** SMTP to {@code host:port}, or to an in-process GreenMail when {@code host} is null. */
  static BenchTransport smtp(String host, int port) {
    if (host != null) {
      return new BenchTransport(null, null, host, port);
    }
    GreenMail greenMail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    greenMail.start();
    return new BenchTransport(null, greenMail, "127.0.0.1", greenMail.getSmtp().getPort());
  }

  String describe() {
    if (memory != null) {
      return "in-process transport";
    }
    return "SMTP to "
        + smtpHost
        + ":"
        + smtpPort
        + (greenMail != null ? " (in-process GreenMail)" : "");
  }

  @Override
  public MailTransport forMailbox(Mailbox mailbox) {
    if (memory != null) {
      return memory;
    }
    return smtp.computeIfAbsent(
        mailbox.id(),
        id ->
            new SmtpTransport(
                new SmtpSettings(
                    smtpHost, smtpPort, null, null, SmtpSettings.Security.NONE, null, null),
                null));
  }

  /** Emails delivered twice (same Message-ID), or -1 where this cannot be checked. */
  long duplicates() {
    if (memory != null) {
      return memory.duplicateCount();
    }
    if (greenMail == null) {
      return -1;
    }
    Set<String> seen = new HashSet<>();
    long duplicates = 0;
    for (MimeMessage message : greenMail.getReceivedMessages()) {
      try {
        if (!seen.add(message.getMessageID())) {
          duplicates++;
        }
      } catch (MessagingException e) {
        return -1;
      }
    }
    return duplicates;
  }

  @Override
  public void close() {
    smtp.values().forEach(SmtpTransport::close);
    if (greenMail != null) {
      greenMail.stop();
    }
  }
}
