package com.campaignengine.api;

import com.campaignengine.app.EngagementService;
import com.campaignengine.tracking.UnsubscribePage;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The links inside emails, open to anyone holding a token: {@code GET /t/o/{token}} (open pixel),
 * {@code GET /t/c/{token}} (click redirect), {@code GET /u/{token}} (confirmation page) and {@code
 * POST /u/{token}} (RFC 8058 one-click unsubscribe). A bad token gets 404 and changes nothing.
 */
final class PublicPages implements HttpHandler {
  private static final Logger LOG = LoggerFactory.getLogger(PublicPages.class);

  /** A transparent 1×1 GIF. */
  private static final byte[] PIXEL =
      Base64.getDecoder().decode("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7");

  private final EngagementService engagement;
  private final String publicUrl;

  PublicPages(EngagementService engagement, String publicUrl) {
    this.engagement = engagement;
    this.publicUrl = publicUrl;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      String method = exchange.getRequestMethod();
      String userAgent = exchange.getRequestHeaders().getFirst("User-Agent");
      String remote = exchange.getRemoteAddress().getAddress().getHostAddress();
      exchange.getResponseHeaders().set("Cache-Control", "no-store");
      try {
        if (path.startsWith("/t/o/") && method.equals("GET")) {
          boolean known = engagement.open(path.substring(5), userAgent, remote);
          send(exchange, known ? 200 : 404, "image/gif", known ? PIXEL : new byte[0]);
        } else if (path.startsWith("/t/c/") && method.equals("GET")) {
          Optional<String> url = engagement.click(path.substring(5), userAgent, remote);
          if (url.isPresent()) {
            exchange.getResponseHeaders().set("Location", url.get());
            send(exchange, 302, "text/plain", new byte[0]);
          } else {
            notFound(exchange);
          }
        } else if (path.startsWith("/u/") && method.equals("GET")) {
          Optional<EngagementService.Recipient> who =
              engagement.unsubscribeTarget(path.substring(3));
          if (who.isPresent()) {
            html(exchange, 200, UnsubscribePage.confirmation(publicUrl + path, "the sender"));
          } else {
            notFound(exchange);
          }
        } else if (path.startsWith("/u/") && method.equals("POST")) {
          exchange
              .getRequestBody()
              .readNBytes(4096); // "List-Unsubscribe=One-Click"; nothing else matters
          Optional<EngagementService.Recipient> who =
              engagement.unsubscribeTarget(path.substring(3));
          if (who.isPresent() && engagement.unsubscribe(path.substring(3))) {
            html(exchange, 200, UnsubscribePage.done(who.get().maskedAddress()));
          } else {
            notFound(exchange);
          }
        } else {
          notFound(exchange);
        }
      } catch (RuntimeException e) {
        LOG.error("Public link {} {} failed", method, path, e);
        send(exchange, 500, "text/plain", "internal error".getBytes(StandardCharsets.UTF_8));
      }
    }
  }

  private static void notFound(HttpExchange exchange) throws IOException {
    send(exchange, 404, "text/plain", "not found".getBytes(StandardCharsets.UTF_8));
  }

  private static void html(HttpExchange exchange, int status, String page) throws IOException {
    send(exchange, status, "text/html; charset=utf-8", page.getBytes(StandardCharsets.UTF_8));
  }

  private static void send(HttpExchange exchange, int status, String type, byte[] body)
      throws IOException {
    exchange.getResponseHeaders().set("Content-Type", type);
    exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    if (body.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }
}
