package com.campaignengine.mail.smtp;

import com.campaignengine.mailbox.SmtpSettings;
import com.icegreen.greenmail.util.DummySSLServerSocketFactory;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * A minimal SMTP server for replies GreenMail cannot produce (4xx, quotas, dropped connections).
 * Serves one connection at a time on a daemon thread. Replies to MAIL, RCPT and the end of DATA are
 * taken from per-command queues, "250 OK" once a queue is empty.
 */
final class ScriptedSmtpServer implements AutoCloseable {

  private final ServerSocket server;
  private final Map<String, Deque<String>> replies = new ConcurrentHashMap<>();
  private final AtomicInteger connections = new AtomicInteger();
  private final AtomicInteger messages = new AtomicInteger();
  private final AtomicInteger messagesOverTls = new AtomicInteger();
  private volatile boolean dropAfterEachMessage;
  private volatile boolean offerStartTls;

  ScriptedSmtpServer() throws IOException {
    server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread thread = new Thread(this::serve, "scripted-smtp");
    thread.setDaemon(true);
    thread.start();
  }

  /** Queues a reply for "MAIL", "RCPT" or "DATA" (the reply after the message's final dot). */
  ScriptedSmtpServer reply(String command, String reply) {
    replies.computeIfAbsent(command, c -> new ArrayDeque<>()).add(reply);
    return this;
  }

  /** Closes the connection right after each accepted message, like a server's idle timeout. */
  ScriptedSmtpServer dropAfterEachMessage() {
    dropAfterEachMessage = true;
    return this;
  }

  /** Advertises STARTTLS and upgrades the connection when asked. */
  ScriptedSmtpServer offerStartTls() {
    offerStartTls = true;
    return this;
  }

  SmtpSettings settings() {
    return settings(SmtpSettings.Security.NONE);
  }

  SmtpSettings settings(SmtpSettings.Security security) {
    return new SmtpSettings(
        "127.0.0.1",
        server.getLocalPort(),
        null,
        null,
        security,
        SmtpTestServers.TIMEOUT,
        SmtpTestServers.TIMEOUT,
        security != SmtpSettings.Security.NONE);
  }

  int connections() {
    return connections.get();
  }

  int messagesAccepted() {
    return messages.get();
  }

  int messagesAcceptedOverTls() {
    return messagesOverTls.get();
  }

  @Override
  public void close() throws IOException {
    server.close();
  }

  private void serve() {
    while (!server.isClosed()) {
      try (Socket socket = server.accept()) {
        connections.incrementAndGet();
        converse(socket, true);
      } catch (IOException e) {
        // Closed by the test or by the client; wait for the next connection.
      }
    }
  }

  private void converse(Socket socket, boolean greet) throws IOException {
    BufferedReader in =
        new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
    OutputStream out = socket.getOutputStream();
    boolean tls = socket instanceof SSLSocket;
    if (greet) {
      write(out, "220 scripted ESMTP");
    }
    String line;
    while ((line = in.readLine()) != null) {
      String verb = line.split(" ", 2)[0].toUpperCase(Locale.ROOT);
      switch (verb) {
        case "EHLO" ->
            write(out, offerStartTls && !tls ? "250-scripted\r\n250 STARTTLS" : "250 scripted");
        case "STARTTLS" -> {
          write(out, "220 ready to start TLS");
          converse(upgrade(socket), false);
          return;
        }
        case "MAIL", "RCPT" -> write(out, next(verb));
        case "DATA" -> {
          write(out, "354 go ahead");
          while ((line = in.readLine()) != null && !line.equals(".")) {
            // The body is of no interest.
          }
          String reply = next("DATA");
          boolean accepted = reply.startsWith("250");
          // Counted before replying: the client's send returns as soon as it reads the reply.
          if (accepted) {
            messages.incrementAndGet();
            if (tls) {
              messagesOverTls.incrementAndGet();
            }
          }
          write(out, reply);
          if (accepted && dropAfterEachMessage) {
            return;
          }
        }
        case "QUIT" -> {
          write(out, "221 bye");
          return;
        }
        default -> write(out, "250 OK");
      }
    }
  }

  private String next(String command) {
    Deque<String> queue = replies.get(command);
    String reply = queue == null ? null : queue.poll();
    return reply == null ? "250 OK" : reply;
  }

  private static Socket upgrade(Socket plain) throws IOException {
    try {
      KeyStore keyStore = new DummySSLServerSocketFactory().getKeyStore();
      KeyManagerFactory keys =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      keys.init(keyStore, "changeit".toCharArray());
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keys.getKeyManagers(), null, null);
      SSLSocket tls =
          (SSLSocket) context.getSocketFactory().createSocket(plain, null, plain.getPort(), true);
      tls.setUseClientMode(false);
      tls.startHandshake();
      return tls;
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot set up TLS with GreenMail's certificate", e);
    }
  }

  private static void write(OutputStream out, String reply) throws IOException {
    out.write((reply + "\r\n").getBytes(StandardCharsets.UTF_8));
    out.flush();
  }
}
