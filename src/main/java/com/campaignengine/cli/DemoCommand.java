package com.campaignengine.cli;

import com.campaignengine.demo.DemoScenario;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code demo}: a fresh embedded database in a temporary directory (removed afterwards), the emails
 * kept as .eml files under {@code <data-dir>/demo-outbox}.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = "Run a 7-step recruiting campaign for 25 people on a simulated clock.")
final class DemoCommand implements Callable<Integer> {

  @Mixin DatabaseOptions database;

  @Override
  public Integer call() throws IOException {
    Path outbox = database.dataDir.resolve("demo-outbox");
    Directories.deleteTree(outbox);
    Path scratch = Files.createTempDirectory("campaign-engine-demo");
    try {
      long started = System.nanoTime();
      new DemoScenario(System.out).run(scratch, outbox, database.databaseUrl);
      System.out.printf("Demo finished in %.1f s%n", (System.nanoTime() - started) / 1e9);
      return 0;
    } finally {
      Directories.deleteTree(scratch);
    }
  }
}
