package com.campaignengine.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A webhook receiver on a real local HTTP server: records every request (headers and raw body),
 * answers as scripted (204 by default), can stall an answer until released (to make the sender time
 * out), and notices the same {@code webhook-id} arriving while a request with it is still in
 * flight. Verifies Standard Webhooks signatures on its own, from the spec, without our code.
 */
public final class WebhookReceiver implements AutoCloseable {

  /** One request as received. */
  public record Received(
      String path,
      String webhookId,
      String timestamp,
      String signature,
      String contentType,
      String userAgent,
      String body) {}

  /** A scripted reply; {@code stall} holds the request until {@link #release()}. */
  public record Reply(int status, Map<String, String> headers, boolean stall) {
    public static Reply status(int status) {
      return new Reply(status, Map.of(), false);
    }

    public static Reply status(int status, String header, String value) {
      return new Reply(status, Map.of(header, value), false);
    }

    public static Reply stalled() {
      return new Reply(200, Map.of(), true);
    }
  }

  private final HttpServer server;
  private final ExecutorService threads = Executors.newCachedThreadPool();
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private final Queue<Reply> script = new ConcurrentLinkedQueue<>();
  private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
  private final List<String> overlaps = new CopyOnWriteArrayList<>();
  private final CountDownLatch released = new CountDownLatch(1);
  private volatile Reply otherwise = Reply.status(204);

  public WebhookReceiver() {
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.setExecutor(threads);
    server.createContext("/", this::handle);
    server.start();
  }

  /** The URL of a path on this receiver, e.g. {@code url("/hooks/crm")}. */
  public String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  /** The next requests get these answers, in order; then the default. */
  public WebhookReceiver then(Reply... replies) {
    script.addAll(List.of(replies));
    return this;
  }

  /** The answer once the script is used up. */
  public WebhookReceiver otherwise(Reply reply) {
    otherwise = reply;
    return this;
  }

  /** Lets every stalled request finish. */
  public void release() {
    released.countDown();
  }

  public List<Received> received() {
    return new ArrayList<>(received);
  }

  public List<Received> received(String path) {
    return received.stream().filter(r -> r.path().equals(path)).toList();
  }

  /** Ids that arrived while a request with the same id was still being answered. */
  public List<String> overlaps() {
    return new ArrayList<>(overlaps);
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] body = exchange.getRequestBody().readAllBytes();
      String id = exchange.getRequestHeaders().getFirst("webhook-id");
      if (id != null && !inFlight.add(id)) {
        overlaps.add(id);
      }
      try {
        received.add(
            new Received(
                exchange.getRequestURI().getPath(),
                id,
                exchange.getRequestHeaders().getFirst("webhook-timestamp"),
                exchange.getRequestHeaders().getFirst("webhook-signature"),
                exchange.getRequestHeaders().getFirst("Content-Type"),
                exchange.getRequestHeaders().getFirst("User-Agent"),
                new String(body, StandardCharsets.UTF_8)));
        Reply reply = script.poll();
        if (reply == null) {
          reply = otherwise;
        }
        if (reply.stall()) {
          released.await(30, TimeUnit.SECONDS);
        }
        reply.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
        exchange.sendResponseHeaders(reply.status(), -1);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } finally {
        if (id != null) {
          inFlight.remove(id);
        }
      }
    }
  }

  /**
   * Whether the request carries a valid Standard Webhooks signature under {@code secret} ({@code
   * whsec_<base64>}): HMAC-SHA256 of {@code id.timestamp.body}, base64, as one of the
   * space-separated {@code v1,} entries.
   */
  public static boolean verifies(Received request, String secret) {
    try {
      byte[] key = Base64.getDecoder().decode(secret.substring("whsec_".length()));
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      byte[] expected =
          mac.doFinal(
              (request.webhookId() + "." + request.timestamp() + "." + request.body())
                  .getBytes(StandardCharsets.UTF_8));
      for (String entry : request.signature().split(" ")) {
        if (entry.startsWith("v1,")
            && MessageDigest.isEqual(expected, Base64.getDecoder().decode(entry.substring(3)))) {
          return true;
        }
      }
      return false;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    release();
    server.stop(0);
    threads.shutdownNow();
  }
}
