package com.campaignengine;

import com.campaignengine.cli.RootCommand;

/** Entry point: {@code campaign-engine <command> [options]}. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.exit(RootCommand.commandLine().execute(args));
  }
}
