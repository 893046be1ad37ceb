package com.campaignengine.testing;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code campaign-engine serve …} (or any command) as a real program: its own JVM from the test's
 * class path, stdout and stderr kept apart in files. For what only a process shows: exit codes,
 * what reaches the terminal, SIGKILL.
 */
public final class ServeProcess implements AutoCloseable {
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private final Process process;
  private final Path out;
  private final Path err;

  private ServeProcess(Process process, Path out, Path err) {
    this.process = process;
    this.out = out;
    this.err = err;
  }

  /** What a finished run printed and returned. */
  public record Result(int exit, String out, String err) {
    /** Standard error's lines, without blank ones. */
    public List<String> errLines() {
      return err.lines().filter(line -> !line.isBlank()).toList();
    }

    @Override
    public String toString() {
      return "exit " + exit + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
  }

  /** Starts {@code com.campaignengine.Main args…} with {@code environment} added to this one's. */
  public static ServeProcess start(Path workDir, Map<String, String> environment, String... args) {
    try {
      Files.createDirectories(workDir);
      String name = "run-" + System.nanoTime();
      Path out = workDir.resolve(name + ".out");
      Path err = workDir.resolve(name + ".err");
      List<String> command = new ArrayList<>();
      command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      command.addAll(List.of("-Xmx384m", "-XX:+UseSerialGC", "-Xss512k"));
      command.addAll(List.of("-cp", System.getProperty("java.class.path")));
      command.add("com.campaignengine.Main");
      command.addAll(List.of(args));
      ProcessBuilder builder =
          new ProcessBuilder(command)
              .redirectOutput(ProcessBuilder.Redirect.to(out.toFile()))
              .redirectError(ProcessBuilder.Redirect.to(err.toFile()));
      // "Picked up JAVA_TOOL_OPTIONS" would be a line on stderr that the program did not print.
      builder.environment().remove("JAVA_TOOL_OPTIONS");
      builder.environment().putAll(environment);
      return new ServeProcess(builder.start(), out, err);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Runs to the end (at most {@code within}) and returns what it did. */
  public static Result run(
      Path workDir, Map<String, String> environment, Duration within, String... args) {
    try (ServeProcess run = start(workDir, environment, args)) {
      return run.awaitExit(within);
    }
  }

  public long pid() {
    return process.pid();
  }

  public boolean alive() {
    return process.isAlive();
  }

  /** Waits until {@code GET /health/ready} on {@code port} answers 200. */
  public void awaitReady(int port) {
    await("serve ready on port " + port)
        .atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofMillis(200))
        .until(() -> ready(port));
  }

  private boolean ready(int port) {
    if (!process.isAlive()) {
      throw new IllegalStateException("serve exited: " + result());
    }
    try {
      return HTTP.send(
                  HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/health/ready"))
                      .timeout(Duration.ofSeconds(2))
                      .build(),
                  HttpResponse.BodyHandlers.discarding())
              .statusCode()
          == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Waits for the program to end (at most {@code within}). */
  public Result awaitExit(Duration within) {
    try {
      if (!process.waitFor(within.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly().waitFor();
        throw new AssertionError("still running after " + within + ": " + result());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    return result();
  }

  /** What it printed so far (and its exit code, or -1 while it runs). */
  public Result result() {
    try {
      return new Result(
          process.isAlive() ? -1 : process.exitValue(),
          Files.readString(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** SIGKILL: the JVM dies at once; no shutdown hook runs. */
  public void kill() {
    process.destroyForcibly();
    try {
      process.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** SIGTERM and wait: a graceful shutdown (SIGKILL if it takes more than a minute). */
  @Override
  public void close() {
    if (!process.isAlive()) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        kill();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      kill();
    }
  }
}
