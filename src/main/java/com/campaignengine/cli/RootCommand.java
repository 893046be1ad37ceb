package com.campaignengine.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code campaign-engine}: lists the commands. */
@Command(
    name = "campaign-engine",
    mixinStandardHelpOptions = true,
    version = "campaign-engine 0.1.0",
    description = "Runs multi-step email campaigns durably on PostgreSQL.",
    subcommands = {ServeCommand.class, DemoCommand.class, BenchCommand.class})
public final class RootCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  /** The configured command line: bad options exit with code 2 and a message, no stack trace. */
  public static CommandLine commandLine() {
    CommandLine line = new CommandLine(new RootCommand());
    line.setExecutionExceptionHandler(
        (e, cmd, parsed) -> {
          if (e instanceof UserException) {
            cmd.getErr().println("error: " + e.getMessage());
            return 2;
          }
          throw e;
        });
    return line;
  }
}
