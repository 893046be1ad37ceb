package com.campaignengine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.campaignengine.engine.EngineConfig;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code serve --batch-size}: 500 unless set, 1 to 10000; a bad value stops nothing but itself. */
class BatchSizeFlagTest {

  private static int given(String... args) {
    ServeCommand serve = new ServeCommand();
    new CommandLine(serve).parseArgs(args);
    return serve.batchSize;
  }

  @Test
  void five_hundred_unless_set() {
    assertThat(given()).isEqualTo(EngineConfig.DEFAULT_BATCH_SIZE).isEqualTo(500);
    assertThat(given("--batch-size", "50")).isEqualTo(50);
  }

  @Test
  void a_size_outside_one_to_ten_thousand_is_one_line_and_exit_code_2() {
    for (String bad : List.of("0", "-5", "10001")) {
      CliTestSupport.Run run = CliTestSupport.run("serve", "--batch-size", bad);
      assertThat(run.exit()).as(run.toString()).isEqualTo(2);
      assertThat(run.err().lines().toList()).as(run.toString()).hasSize(1);
      assertThat(run.err()).as(run.toString()).startsWith("error: ").contains("--batch-size");
    }
  }
}
