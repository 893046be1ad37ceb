package com.campaignengine.inbound.imap;

import com.campaignengine.inbound.InboundException;
import com.campaignengine.inbound.InboundException.Kind;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.FolderClosedException;
import jakarta.mail.StoreClosedException;
import java.io.EOFException;
import java.io.InterruptedIOException;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.Locale;
import org.eclipse.angus.mail.util.MailConnectException;

/**
 * Tells IMAP failures apart for the caller: refused credentials, rate limits (RFC 5530 response
 * codes, Gmail's THROTTLED), no answer, anything else. Stateless.
 */
final class ImapFailures {

  private ImapFailures() {}

  /** "{@code what} failed: …", with its kind. The message never holds the password. */
  static InboundException of(String what, Exception e) {
    return new InboundException(kind(e), what + " failed: " + e, e);
  }

  static Kind kind(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      String text = String.valueOf(t.getMessage()).toUpperCase(Locale.ROOT);
      if (t instanceof AuthenticationFailedException
          || text.contains("[AUTHENTICATIONFAILED]")
          || text.contains("[AUTHORIZATIONFAILED]")) {
        return Kind.CREDENTIALS;
      }
      if (text.contains("[LIMIT]") || text.contains("THROTTLED") || text.contains("TOO MANY")) {
        return Kind.RATE_LIMITED;
      }
      if (t instanceof MailConnectException
          || t instanceof StoreClosedException
          || t instanceof FolderClosedException
          || t instanceof SocketException
          || t instanceof UnknownHostException
          || t instanceof InterruptedIOException
          || t instanceof EOFException
          || text.contains("[UNAVAILABLE]")) {
        return Kind.UNREACHABLE;
      }
    }
    return Kind.FAILED;
  }
}
