package com.campaignengine.testing;

import com.icegreen.greenmail.imap.ImapHostManager;
import com.icegreen.greenmail.mail.MailAddress;
import com.icegreen.greenmail.mail.MovingMessage;
import com.icegreen.greenmail.store.MailFolder;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.user.MessageDeliveryHandler;
import com.icegreen.greenmail.user.UserException;
import com.icegreen.greenmail.user.UserManager;
import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.internet.MimeMessage;

/**
 * Makes GreenMail behave like a provider that files every message it accepts over SMTP in the
 * sender's Sent folder (as Gmail and Microsoft 365 do), before it answers the DATA command: the
 * engine's crash reconciliation looks there. Every accepted message is kept only there, one copy
 * per recipient, so the folder is also the test's record of what was delivered.
 */
public final class SentCopies implements MessageDeliveryHandler {
  public static final String FOLDER = "Sent";

  private final UserManager users;
  private final ImapHostManager folders;

  private SentCopies(GreenMail greenMail) {
    this.users = greenMail.getUserManager();
    this.folders = greenMail.getManagers().getImapHostManager();
  }

  /** Installs the handler; senders must exist as GreenMail users with a {@link #FOLDER}. */
  public static void install(GreenMail greenMail) {
    greenMail.getUserManager().setMessageDeliveryHandler(new SentCopies(greenMail));
  }

  /** Creates a sending user and its Sent folder. */
  public static GreenMailUser sender(GreenMail greenMail, String email, String password) {
    GreenMailUser user = greenMail.setUser(email, email, password);
    try {
      greenMail.getManagers().getImapHostManager().createMailbox(user, FOLDER);
    } catch (Exception e) {
      throw new IllegalStateException("could not create the Sent folder of " + email, e);
    }
    return user;
  }

  /** The sender's Sent folder. */
  public static MailFolder folder(GreenMail greenMail, String email) {
    GreenMailUser user = greenMail.getUserManager().getUserByEmail(email);
    return greenMail.getManagers().getImapHostManager().getFolder(user, FOLDER);
  }

  @Override
  public GreenMailUser handle(MovingMessage message, MailAddress recipient) throws UserException {
    GreenMailUser sender = users.getUserByEmail(message.getReturnPath().getEmail());
    if (sender == null) {
      throw new UserException("unknown sender " + message.getReturnPath().getEmail());
    }
    return new FilingUser(sender, folders);
  }

  /** A sender whose "delivery" files the message in its Sent folder. */
  private record FilingUser(GreenMailUser user, ImapHostManager folders) implements GreenMailUser {
    @Override
    public void deliver(MovingMessage message) {
      deliver(message.getMessage());
    }

    @Override
    public void deliver(MimeMessage message) {
      MailFolder sent = folders.getFolder(user, FOLDER);
      try {
        sent.store(message);
      } catch (Exception e) {
        throw new IllegalStateException("could not file a sent copy", e);
      }
    }

    @Override
    public String getEmail() {
      return user.getEmail();
    }

    @Override
    public String getLogin() {
      return user.getLogin();
    }

    @Override
    public void create() {
      user.create();
    }

    @Override
    public void delete() {
      user.delete();
    }

    @Override
    public String getPassword() {
      return user.getPassword();
    }

    @Override
    public void setPassword(String password) {
      user.setPassword(password);
    }

    @Override
    public void authenticate(String password) throws UserException {
      user.authenticate(password);
    }

    @Override
    public String getQualifiedMailboxName() {
      return user.getQualifiedMailboxName();
    }
  }
}
