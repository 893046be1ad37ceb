package com.campaignengine.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.campaignengine.testing.TestPostgres;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoScenarioTest {
  @TempDir Path dir;

  @Test
  void the_demo_runs_the_whole_sequence_and_replies_stop_it() throws Exception {
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    DemoScenario.Outcome outcome =
        new DemoScenario(new PrintStream(printed, true, StandardCharsets.UTF_8))
            .run(dir.resolve("db"), dir.resolve("outbox"), TestPostgres.newDatabaseUrl());

    // 25 intros; the 3 who replied get nothing more; 22 get the bump and the break-up email.
    assertThat(outcome.enrollments()).containsEntry("replied", 3L).containsEntry("completed", 22L);
    assertThat(outcome.stats().sent()).isEqualTo(25 + 22 + 22);
    assertThat(outcome.emlFiles()).isEqualTo(69);
    try (Stream<Path> files = Files.list(outcome.outbox())) {
      Path any = files.findFirst().orElseThrow();
      assertThat(Files.readString(any)).contains("Message-ID: <ce.").contains("From: Ada Lovelace");
    }
    String report = printed.toString(StandardCharsets.UTF_8);
    assertThat(report).contains("intro").contains("breakup").contains(".eml files (69)");
  }
}
