package com.campaignengine.cli;

import com.campaignengine.cli.client.ApiClient;
import com.campaignengine.cli.code.DocumentFiles;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code mailbox add|verify|list}: the sending mailboxes. */
@Command(
    name = "mailbox",
    mixinStandardHelpOptions = true,
    description = "Sending mailboxes.",
    subcommands = {
      MailboxCommand.Add.class,
      MailboxCommand.Verify.class,
      MailboxCommand.ListMailboxes.class
    },
    footer = ExitCodes.HELP)
final class MailboxCommand {

  @Command(
      name = "add",
      mixinStandardHelpOptions = true,
      description = {
        "Add a sending mailbox (the body of POST /api/v1/mailboxes).",
        "Provider settings as --setting section.name=value (smtp.host=…, imap.port=993); keep"
            + " secrets out of the shell history: put them in a YAML or JSON file given with -f."
      },
      footer = ExitCodes.HELP)
  static final class Add extends ServerCommand {
    @Option(
        names = {"-f", "--file"},
        description = "A YAML or JSON mailbox body.")
    Path file;

    @Option(names = "--provider", description = "smtp, gmail, resend or outbox.")
    String provider;

    @Option(names = "--email", description = "The address it sends from.")
    String email;

    @Option(names = "--display-name", description = "The name recipients see.")
    String displayName;

    @Option(names = "--daily-limit", description = "Emails per day at most.")
    Integer dailyLimit;

    @Option(names = "--timezone", description = "The time zone its daily limit counts in.")
    String timezone;

    @Option(
        names = "--setting",
        paramLabel = "SECTION.NAME=VALUE",
        description = "A provider setting, e.g. smtp.host=smtp.example (repeatable).")
    List<String> settings = new ArrayList<>();

    @Option(
        names = "--verify",
        description = "Ask the provider first; refused settings add nothing.")
    boolean verify;

    @Override
    int run() {
      ObjectNode body =
          file == null ? ApiClient.JSON.createObjectNode() : DocumentFiles.read(file).root();
      putIfGiven(body, "provider", provider);
      putIfGiven(body, "email", email);
      putIfGiven(body, "display_name", displayName);
      putIfGiven(body, "timezone", timezone);
      if (dailyLimit != null) {
        body.put("daily_limit", dailyLimit);
      }
      for (String setting : settings) {
        setting(body, setting);
      }
      return answer(
          client().post("/api/v1/mailboxes" + (verify ? "?verify=true" : ""), body),
          mailbox ->
              "mailbox "
                  + mailbox.path("id").asText()
                  + " added: "
                  + mailbox.path("email").asText()
                  + " ("
                  + mailbox.path("provider").asText()
                  + ", "
                  + mailbox.path("status").asText()
                  + ")");
    }

    private static void putIfGiven(ObjectNode body, String name, String value) {
      if (value != null) {
        body.put(name, value);
      }
    }

    /** {@code smtp.port=587}: whole numbers and true/false are sent as such, the rest as text. */
    private static void setting(ObjectNode body, String setting) {
      int eq = setting.indexOf('=');
      int dot = setting.indexOf('.');
      if (eq < 0 || dot < 1 || dot > eq - 2) {
        throw new CommandFailure(
            ExitCodes.REFUSED,
            "--setting must look like section.name=value, not '" + setting + "'");
      }
      String section = setting.substring(0, dot);
      String name = setting.substring(dot + 1, eq);
      String value = setting.substring(eq + 1);
      ObjectNode object =
          body.get(section) instanceof ObjectNode existing ? existing : body.putObject(section);
      if (value.matches("-?[0-9]{1,9}")) {
        object.put(name, Integer.parseInt(value));
      } else if (value.equals("true") || value.equals("false")) {
        object.put(name, Boolean.parseBoolean(value));
      } else {
        object.put(name, value);
      }
    }
  }

  @Command(
      name = "verify",
      mixinStandardHelpOptions = true,
      description =
          "Ask the provider whether a mailbox's stored settings work (a login or token refresh;"
              + " nothing is sent). Exit 0 when they do, 2 with the provider's complaint if not.",
      footer = ExitCodes.HELP)
  static final class Verify extends ServerCommand {
    @Parameters(index = "0", paramLabel = "MAILBOX_ID", description = "The mailbox.")
    String mailboxId;

    @Override
    int run() {
      return answer(
          client().post("/api/v1/mailboxes/" + id(mailboxId, "MAILBOX_ID") + "/verify", null),
          mailbox ->
              "mailbox "
                  + mailbox.path("id").asText()
                  + " ("
                  + mailbox.path("email").asText()
                  + ") works");
    }
  }

  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = "List the mailboxes and their status.",
      footer = ExitCodes.HELP)
  static final class ListMailboxes extends ServerCommand {
    @Override
    int run() {
      return listing(
          client().get("/api/v1/mailboxes"),
          new Table("ID", "EMAIL", "PROVIDER", "STATUS", "DAILY LIMIT", "REASON"),
          mailbox ->
              new Object[] {
                mailbox.path("id").asText(),
                mailbox.path("email").asText(),
                mailbox.path("provider").asText(),
                mailbox.path("status").asText(),
                mailbox.path("daily_limit").asInt(),
                mailbox.path("status_reason").asText(null)
              });
    }
  }
}
