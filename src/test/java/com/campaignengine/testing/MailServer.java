package com.campaignengine.testing;

import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.imap.ImapHostManager;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.store.FolderException;
import com.icegreen.greenmail.store.MailFolder;
import com.icegreen.greenmail.store.StoredMessage;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.Flags;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The tests' mail provider: GreenMail, fresh for each test on free ports (other builds on this
 * machine may run GreenMail too), with one user whose mailbox the engine sends from and reads
 * replies in. Register it with {@code @RegisterExtension static final MailServer MAIL = ...}.
 */
public final class MailServer extends GreenMailExtension {
  public static final String PASSWORD = "secret";

  private final String email;
  private final String login;

  private MailServer(String email, String login, ServerSetup[] protocols) {
    super(ServerSetup.dynamicPort(protocols));
    this.email = email;
    this.login = login;
    withConfiguration(GreenMailConfiguration.aConfig().withUser(email, login, PASSWORD));
  }

  /** SMTP and IMAP, with one user. */
  public static MailServer withUser(String email, String login) {
    return withUser(email, login, ServerSetupTest.SMTP, ServerSetupTest.IMAP);
  }

  /** These protocols ({@link ServerSetupTest}), with one user. */
  public static MailServer withUser(String email, String login, ServerSetup... protocols) {
    return new MailServer(email, login, protocols);
  }

  public String email() {
    return email;
  }

  public String login() {
    return login;
  }

  /**
   * An SMTP mailbox of the user on this server, plain text on 127.0.0.1, with the right password;
   * with IMAP too when this server speaks it, so replies are read from the user's inbox.
   */
  public Mailboxes.MailboxBuilder mailbox() {
    return mailbox(email);
  }

  /** The same, as another address of the user (an alias): a second mailbox on this account. */
  public Mailboxes.MailboxBuilder mailbox(String asEmail) {
    Mailboxes.MailboxBuilder mailbox =
        Mailboxes.anSmtpMailbox(asEmail)
            .with("smtp", section(getSmtp().getPort()))
            .secret("smtp.password", PASSWORD);
    if (getImap() != null) {
      mailbox.with("imap", section(getImap().getPort())).secret("imap.password", PASSWORD);
    }
    return mailbox;
  }

  private Map<String, Object> section(int port) {
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("host", "127.0.0.1");
    values.put("port", port);
    values.put("username", login);
    values.put("security", "none");
    return values;
  }

  /** Files a raw RFC 5322 message (line ends made CRLF) in the user's inbox. */
  public void deliverToUser(String raw) {
    deliverToUser(parse(raw));
  }

  /**
   * Files a raw RFC 5322 message in the user's inbox as received at {@code receivedAt} (its IMAP
   * INTERNALDATE), e.g. at a test's simulated time.
   */
  public void deliverToUser(String raw, Instant receivedAt) {
    try {
      inbox().appendMessage(parse(raw), new Flags(), Date.from(receivedAt));
    } catch (FolderException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The user's INBOX's UIDVALIDITY. */
  public long uidValidity() {
    try {
      return inbox().getUidValidity();
    } catch (FolderException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Renumbers the user's INBOX, as a server does after a rebuild: the same messages, with their
   * received dates, under a new UIDVALIDITY and new UIDs. GreenMail derives UIDVALIDITY from the
   * clock's second, so this recreates the mailbox until the value differs.
   */
  public void renumberInbox() {
    long before = uidValidity();
    List<StoredMessage> kept;
    try {
      kept = List.copyOf(inbox().getMessages());
    } catch (FolderException e) {
      throw new IllegalStateException(e);
    }
    GreenMailUser user = getUserManager().getUserByEmail(email);
    ImapHostManager imap = getManagers().getImapHostManager();
    await()
        .atMost(Duration.ofSeconds(5))
        .until(
            () -> {
              imap.deletePrivateMailAccount(user);
              imap.createPrivateMailAccount(user);
              return uidValidity() != before;
            });
    try {
      for (StoredMessage message : kept) {
        inbox().appendMessage(message.getMimeMessage(), new Flags(), message.getReceivedDate());
      }
    } catch (FolderException e) {
      throw new IllegalStateException(e);
    }
  }

  private MailFolder inbox() throws FolderException {
    return getManagers().getImapHostManager().getInbox(getUserManager().getUserByEmail(email));
  }

  private static MimeMessage parse(String raw) {
    byte[] bytes = raw.replace("\r\n", "\n").replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);
    try {
      return new MimeMessage(
          Session.getInstance(new Properties()), new ByteArrayInputStream(bytes));
    } catch (MessagingException e) {
      throw new IllegalStateException("not a message: " + raw, e);
    }
  }

  /** Files a message in the user's inbox, as if it had arrived from outside. */
  public void deliverToUser(MimeMessage message) {
    getUserManager().getUserByEmail(email).deliver(message);
  }
}
