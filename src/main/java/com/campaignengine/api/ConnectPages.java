package com.campaignengine.api;

import com.campaignengine.app.MailboxConnect;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where Google and Microsoft send the browser back after "Connect Gmail" / "Connect Microsoft 365":
 * {@code /oauth/{google|microsoft}/callback?code&state}. No session is needed: the single-use state
 * is the credential, bound to the user who started the flow and to the browser that did (a {@value
 * #STATE_COOKIE} cookie set when the flow started; a callback without it connects nothing). A page,
 * of the login page's look and Content-Security-Policy, says what happened and links back to the
 * dashboard's mailboxes.
 */
final class ConnectPages implements HttpHandler {
  private static final Logger LOG = LoggerFactory.getLogger(ConnectPages.class);
  private static final String BACK =
      "<p><a class=\"button\" id=\"to-mailboxes\" href=\"/#/mailboxes\">Back to the mailboxes</a>"
          + "</p>";

  static final String STATE_COOKIE = "ce_connect_state";

  private final MailboxConnect connect;

  ConnectPages(MailboxConnect connect) {
    this.connect = connect;
  }

  /**
   * The cookie that binds a connect's {@code state} to the browser that started it (Lax: the
   * provider sends the browser back).
   */
  static String stateCookie(String state, boolean secure) {
    return STATE_COOKIE
        + "="
        + state
        + "; Path=/oauth/; Max-Age=600; HttpOnly; SameSite=Lax"
        + (secure ? "; Secure" : "");
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getRawPath();
    String method = exchange.getRequestMethod();
    try (exchange) {
      String[] parts = path.split("/");
      // "", "oauth", provider, "callback"
      if (parts.length != 4 || !parts[3].equals("callback")) {
        TeamPages.page(exchange, 404, "Not found", "<p>There is nothing here.</p>");
      } else if (!method.equals("GET")) {
        exchange.getResponseHeaders().set("Allow", "GET");
        TeamPages.page(exchange, 405, "Not allowed", "<p>Method not allowed.</p>");
      } else {
        callback(exchange, parts[2]);
      }
    } catch (IOException e) {
      LOG.debug("{} {}: the client went away: {}", method, path, e.toString());
    }
  }

  private void callback(HttpExchange exchange, String provider) throws IOException {
    QueryParams query;
    try {
      query = QueryParams.parse(exchange.getRequestURI().getRawQuery());
    } catch (RuntimeException e) {
      refused(exchange, new MailboxConnect.Refused(400, "query", "The answer cannot be read."));
      return;
    }
    String state = query.text("state");
    String bound = Cookies.value(exchange.getRequestHeaders(), STATE_COOKIE);
    if (bound != null) {
      exchange
          .getResponseHeaders()
          .add("Set-Cookie", STATE_COOKIE + "=; Path=/oauth/; Max-Age=0; HttpOnly");
    }
    try {
      MailboxConnect.Connected connected =
          connect.finish(provider, query.text("code"), state, query.text("error"), bound);
      String email = connected.mailbox().email();
      TeamPages.page(
          exchange,
          200,
          connected.reconnected() ? "Mailbox reconnected" : "Mailbox connected",
          TeamPages.paragraph(
                  "connect-done",
                  (connected.reconnected() ? "Reconnected " : "Connected ")
                      + email
                      + (connected.reconnected()
                          ? ": its parked sends go out again."
                          : ": it is yours, with a daily limit of "
                              + connected.mailbox().limits().dailyLimit()
                              + " emails (change it on the API)."))
              + BACK);
    } catch (MailboxConnect.Refused e) {
      refused(exchange, e);
    } catch (RuntimeException e) {
      LOG.error("connecting a {} mailbox failed", provider, e);
      refused(
          exchange,
          new MailboxConnect.Refused(
              500, "failed", "The mailbox could not be connected: try again in a moment."));
    }
  }

  private static void refused(HttpExchange exchange, MailboxConnect.Refused refusal)
      throws IOException {
    TeamPages.page(
        exchange,
        refusal.status(),
        "Mailbox not connected",
        TeamPages.paragraph("connect-error", refusal.getMessage())
                .replace("<p ", "<p class=\"error\" data-reason=\"" + refusal.reason() + "\" ")
            + BACK);
  }
}
