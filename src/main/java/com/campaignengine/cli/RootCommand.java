package com.campaignengine.cli;

import com.campaignengine.cli.client.ApiFailure;
import com.campaignengine.cli.client.ServerUnreachable;
import com.campaignengine.cli.code.FileProblem;
import com.campaignengine.failure.StartupException;
import java.io.PrintWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code campaign-engine}: lists the commands. */
@Command(
    name = "campaign-engine",
    mixinStandardHelpOptions = true,
    version = "campaign-engine 0.1.0",
    description = {
      "Runs multi-step email campaigns durably on PostgreSQL.",
      "serve, demo and bench run the engine here; the other commands talk to a running server"
          + " (--url, --api-key or CAMPAIGN_ENGINE_URL, CAMPAIGN_ENGINE_API_KEY)."
    },
    subcommands = {
      ServeCommand.class,
      DemoCommand.class,
      BenchCommand.class,
      StatusCommand.class,
      CampaignsCommand.class,
      StatsCommand.class,
      EnrollCommand.class,
      DlqCommand.class,
      LifecycleCommands.Pause.class,
      LifecycleCommands.Resume.class,
      MailboxCommand.class,
      RetentionCommand.class,
      ApplyCommand.class,
      ExportCommand.class,
      WorkspacesCommand.class
    },
    footer = ExitCodes.HELP)
public final class RootCommand implements Runnable {
  private static final Logger LOG = LoggerFactory.getLogger(RootCommand.class);

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  /**
   * The configured command line: a failure is one {@code error:} line on stderr and an exit code
   * from {@link ExitCodes} (bad options exit 2 too; a server that cannot start exits 1), never a
   * stack trace.
   */
  public static CommandLine commandLine() {
    CommandLine line = new CommandLine(new RootCommand());
    line.setCaseInsensitiveEnumValuesAllowed(true); // --output JSON, --format YAML
    line.setExecutionExceptionHandler(
        (e, cmd, parsed) -> {
          PrintWriter err = cmd.getErr();
          int code;
          String message;
          if (e instanceof UserException || e instanceof FileProblem) {
            code = ExitCodes.REFUSED;
            message = e.getMessage();
          } else if (e instanceof CommandFailure failure) {
            code = failure.exitCode();
            message = failure.getMessage();
          } else if (e instanceof ApiFailure failure) {
            code = ExitCodes.forStatus(failure.status());
            message = failure.describe();
          } else if (e instanceof ServerUnreachable unreachable) {
            code = ExitCodes.SERVER;
            message = unreachable.getMessage();
          } else if (e instanceof StartupException startup) {
            code = ExitCodes.SERVER;
            message = startup.getMessage();
          } else {
            code = ExitCodes.SERVER;
            message =
                "unexpected failure: "
                    + e
                    + " (CAMPAIGN_ENGINE_LOG_LEVEL=DEBUG logs where it happened)";
            LOG.debug("unexpected failure", e);
          }
          err.println("error: " + oneLine(message));
          err.flush();
          return code;
        });
    // A bad flag or value: one line that says which, not the whole usage text.
    line.setParameterExceptionHandler(
        (e, args) -> {
          CommandLine cmd = e.getCommandLine();
          PrintWriter err = cmd.getErr();
          err.println(
              "error: "
                  + oneLine(e.getMessage())
                  + " (see "
                  + cmd.getCommandSpec().qualifiedName()
                  + " --help)");
          err.flush();
          return ExitCodes.REFUSED;
        });
    return line;
  }

  /** The message on one line, its control characters made visible (see {@link Terminal}). */
  private static String oneLine(String message) {
    return Terminal.safe(String.valueOf(message).replaceAll("\\s*\\R\\s*", " ").strip());
  }
}
