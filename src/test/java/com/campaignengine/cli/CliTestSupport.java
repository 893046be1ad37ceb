package com.campaignengine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.campaignengine.api.ApiServer;
import com.campaignengine.api.ManagementServer;
import com.campaignengine.mail.memory.InMemoryTransport;
import com.campaignengine.testing.Mailboxes;
import com.campaignengine.testing.MutableClock;
import com.campaignengine.testing.TestApplications;
import com.campaignengine.testing.TestNode;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine;

/**
 * A real application on a fresh PostgreSQL database behind a real {@link ApiServer} on an ephemeral
 * port, and the CLI run in-process through {@link RootCommand#commandLine()} against it, with its
 * output captured. Mail goes to an in-memory transport.
 */
abstract class CliTestSupport {
  static final String KEY = "cli-test-key-0123456789";
  static final Instant START = Instant.parse("2026-03-02T14:00:00Z");
  static final ObjectMapper JSON = new ObjectMapper();

  final InMemoryTransport transport = new InMemoryTransport();
  MutableClock clock;
  TestNode app;
  ApiServer server;
  ManagementServer management;
  long workspace;
  Path dir;

  /** What one CLI run did. */
  record Run(int exit, String out, String err) {
    JsonNode json() {
      try {
        return JSON.readTree(out);
      } catch (IOException e) {
        throw new AssertionError("stdout is not JSON: " + out, e);
      }
    }

    @Override
    public String toString() {
      return "exit " + exit + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
  }

  void startServer(Path dir) {
    this.dir = dir;
    clock = new MutableClock(START);
    app = TestApplications.open(dir, clock, mailbox -> transport);
    assertThat(app.workspaces.createFirstWorkspace(KEY)).contains(KEY);
    workspace = app.workspaces.authenticate(KEY).orElseThrow();
    server = new ApiServer(app.api(), 0, clock);
    server.start();
    management =
        new ManagementServer(app.api(), new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    management.start();
  }

  void stopServer() {
    if (server != null) {
      server.close();
    }
    if (management != null) {
      management.close();
    }
    if (app != null) {
      app.close();
    }
  }

  String url() {
    return "http://localhost:" + server.port();
  }

  /** The management port's URL (metrics). */
  String managementUrl() {
    return "http://127.0.0.1:" + management.port();
  }

  /** Runs the CLI pointed at the test server with the workspace's key. */
  Run cli(String... args) {
    List<String> all = new ArrayList<>(Arrays.asList(args));
    all.addAll(List.of("--url", url(), "--api-key", KEY));
    return run(all.toArray(String[]::new));
  }

  /** Runs the CLI with exactly these arguments. */
  static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine line = RootCommand.commandLine();
    line.setOut(new PrintWriter(out, true));
    line.setErr(new PrintWriter(err, true));
    int exit = line.execute(args);
    return new Run(exit, out.toString(), err.toString());
  }

  long mailbox(String email) {
    return app.mailboxes
        .create(workspace, Mailboxes.anOutboxMailbox(email).named("Ada").dailyLimit(10_000).build())
        .id();
  }

  Path write(String name, String text) {
    try {
      Path file = dir.resolve(name);
      Files.writeString(file, text);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
