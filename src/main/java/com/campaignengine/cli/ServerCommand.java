package com.campaignengine.cli;

import com.campaignengine.cli.client.ApiClient;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * A command that talks to a running server. Failures are thrown ({@link CommandFailure}, or the
 * client's {@code ApiFailure} and {@code ServerUnreachable}) and turned into one {@code error:}
 * line and an exit code by {@link RootCommand}.
 */
abstract class ServerCommand implements Callable<Integer> {
  @Mixin ServerOptions server;
  @Spec CommandSpec spec;
  private ApiClient client;

  /** Runs the command; returns its exit code. */
  abstract int run() throws Exception;

  @Override
  public final Integer call() throws Exception {
    return run();
  }

  ApiClient client() {
    if (client == null) {
      if (server.apiKey == null || server.apiKey.isBlank()) {
        throw new CommandFailure(
            ExitCodes.AUTHENTICATION, "no API key: pass --api-key or set CAMPAIGN_ENGINE_API_KEY");
      }
      client = new ApiClient(server.url, server.apiKey);
    }
    return client;
  }

  /** A client for the open endpoints ({@code /health/…}): no key needed. */
  ApiClient openClient() {
    return new ApiClient(server.url, server.apiKey);
  }

  boolean json() {
    return server.output == ServerOptions.Format.json;
  }

  PrintWriter out() {
    return spec.commandLine().getOut();
  }

  PrintWriter err() {
    return spec.commandLine().getErr();
  }

  /** Prints a JSON document (pretty) to standard output. */
  void printJson(JsonNode json) {
    try {
      out()
          .println(
              ApiClient.JSON
                  .writerWithDefaultPrettyPrinter()
                  .with(new Terminal.JsonEscapes())
                  .writeValueAsString(json));
      out().flush();
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree always serialises", e);
    }
  }

  /**
   * Prints the server's answer: as JSON with {@code --output json}, else as the one line {@code
   * line} makes of it. Returns {@link ExitCodes#OK}.
   */
  int answer(JsonNode answer, Function<JsonNode, String> line) {
    if (json()) {
      printJson(answer);
    } else {
      say(line.apply(answer));
    }
    return ExitCodes.OK;
  }

  /**
   * Prints a listing: as JSON with {@code --output json}, else its {@code items} in the table, one
   * {@code row} each. Returns {@link ExitCodes#OK}.
   */
  int listing(JsonNode listing, Table table, Function<JsonNode, Object[]> row) {
    if (json()) {
      printJson(listing);
      return ExitCodes.OK;
    }
    for (JsonNode item : listing.path("items")) {
      table.row(row.apply(item));
    }
    table.print(out());
    return ExitCodes.OK;
  }

  /** Prints one line to standard output, its control characters made visible. */
  void say(String line) {
    out().println(Terminal.safe(line));
    out().flush();
  }

  /** Ids on the command line are path segments: only digits are accepted. */
  static String id(String value, String what) {
    if (value == null || !value.matches("[0-9]{1,19}")) {
      throw new CommandFailure(
          ExitCodes.REFUSED, what + " must be an id (digits), not '" + value + "'");
    }
    return value;
  }
}
