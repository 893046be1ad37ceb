package com.campaignengine.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.campaignengine.testing.TestPostgres;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The import bench runs end to end on a small file and checks what the server answered. */
class ImportBenchTest {

  @Test
  void a_small_import_bench_creates_then_updates_every_row_and_prints_its_json_line(
      @TempDir Path scratch) throws Exception {
    ByteArrayOutputStream printed = new ByteArrayOutputStream();

    new ImportBench(new PrintStream(printed, true, StandardCharsets.UTF_8))
        .run(2_000, TestPostgres.newDatabaseUrl(), scratch);

    String out = printed.toString(StandardCharsets.UTF_8);
    assertThat(out)
        .contains("Importing 2,000 rows (200 companies)")
        .contains("imported 2,000, updated 0, skipped 0")
        .contains("imported 0, updated 2,000, skipped 0")
        .containsPattern("\\{\"import_rows\": 2000, \"new_rows_per_s\": [0-9]+");
  }
}
