package com.campaignengine.cli;

import com.campaignengine.bench.Benchmark;
import com.campaignengine.bench.ImportBench;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bench}: the performance instrument (no timed unit tests; this is where numbers come from).
 */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = {
      "Enroll N people in a 3-step campaign, run them to completion, print the rates.",
      "With --import-rows N: time a CSV import of N people through the HTTP API instead."
    })
final class BenchCommand implements Callable<Integer> {

  @Option(
      names = "--enrollments",
      defaultValue = "10000",
      description = "People to enroll. Default: ${DEFAULT-VALUE}")
  int enrollments;

  @Option(
      names = "--database-url",
      description = "External PostgreSQL (JDBC or postgres:// URL). Default: a fresh embedded one.")
  String databaseUrl;

  @Option(
      names = "--workers",
      defaultValue = "2",
      description = "Engine worker threads. Default: ${DEFAULT-VALUE}")
  int workers;

  @Option(
      names = "--batch-size",
      defaultValue = "500",
      description = "Executions claimed per batch. Default: ${DEFAULT-VALUE}")
  int batchSize;

  @Option(
      names = "--transport",
      defaultValue = "memory",
      description = "memory (engine cost only) or smtp. Default: ${DEFAULT-VALUE}")
  String transport;

  @Option(
      names = "--smtp-host",
      description = "SMTP server for --transport smtp. Default: an in-process GreenMail.")
  String smtpHost;

  @Option(names = "--smtp-port", defaultValue = "25", description = "Default: ${DEFAULT-VALUE}")
  int smtpPort;

  @Option(
      names = "--mailboxes",
      defaultValue = "1",
      description = "Sending mailboxes (one SMTP connection each). Default: ${DEFAULT-VALUE}")
  int mailboxes;

  @Option(
      names = "--ai-latency-ms",
      defaultValue = "0",
      description =
          "Personalize every email with an in-process model server (OpenAI format) answering"
              + " after this many ms; 0: no personalization. Default: ${DEFAULT-VALUE}")
  long aiLatencyMillis;

  @Option(
      names = "--stats",
      description =
          "After the run, add opens, clicks and replies for a share of the sends and time the"
              + " stats API's reads on what the run left (e.g. --enrollments 333334: 1,000,002"
              + " executions)")
  boolean stats;

  @Option(
      names = "--idle-probes",
      defaultValue = "20",
      description =
          "After the run, enroll this many people one at a time into the idle engine and report"
              + " their due-to-done latency. Default: ${DEFAULT-VALUE}")
  int idleProbes;

  @Option(
      names = "--import-rows",
      defaultValue = "0",
      description =
          "Instead of the engine: import this many generated people (with companies) through"
              + " POST /api/v1/people/import, all new and then again as updates, and print the"
              + " rates and peak memory. Default: ${DEFAULT-VALUE} (off)")
  int importRows;

  @Override
  public Integer call() throws IOException, InterruptedException {
    if (importRows != 0) {
      return importBench();
    }
    if (!transport.equals("memory") && !transport.equals("smtp")) {
      throw new UserException("--transport must be memory or smtp");
    }
    if (mailboxes < 1 || mailboxes > 100) {
      throw new UserException("--mailboxes must be between 1 and 100");
    }
    if (enrollments < 1 || enrollments > 10_000_000) {
      throw new UserException("--enrollments must be between 1 and 10000000");
    }
    if (idleProbes < 0 || idleProbes > 10_000) {
      throw new UserException("--idle-probes must be between 0 and 10000");
    }
    if (workers < 1 || workers > 64 || batchSize < 1 || batchSize > 10_000) {
      throw new UserException("--workers must be 1-64 and --batch-size 1-10000");
    }
    Path scratch = Files.createTempDirectory("campaign-engine-bench");
    try {
      new Benchmark(System.out)
          .run(
              new Benchmark.Settings(
                  enrollments,
                  databaseUrl,
                  workers,
                  batchSize,
                  scratch,
                  transport,
                  smtpHost,
                  smtpPort,
                  mailboxes,
                  aiLatencyMillis,
                  stats,
                  idleProbes));
      return 0;
    } finally {
      Directories.deleteTree(scratch);
    }
  }

  private int importBench() throws IOException, InterruptedException {
    if (importRows < 1 || importRows > 1_000_000) {
      throw new UserException("--import-rows must be between 1 and 1000000 (one import)");
    }
    Path scratch = Files.createTempDirectory("campaign-engine-bench");
    try {
      new ImportBench(System.out).run(importRows, databaseUrl, scratch);
      return 0;
    } finally {
      Directories.deleteTree(scratch);
    }
  }
}
