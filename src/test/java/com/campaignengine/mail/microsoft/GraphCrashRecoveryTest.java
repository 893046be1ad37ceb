package com.campaignengine.mail.microsoft;

import static org.assertj.core.api.Assertions.assertThat;

import com.campaignengine.testing.CrashAfterAccept;
import com.campaignengine.testing.GraphStub;
import com.campaignengine.testing.Sql;
import java.nio.file.Path;
import java.util.HashSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Through the engine: a crash after Graph accepted leaves exactly one sent message, because the
 * recovering node finds it by {@code internetMessageId} (the engine's Message-ID, set on the draft)
 * before sending again.
 */
class GraphCrashRecoveryTest {
  @TempDir Path dataDir;

  @Test
  void a_crash_after_graph_accepted_leaves_exactly_one_sent_message_after_recovery() {
    try (GraphStub graph = GraphStub.start()) {
      String url = CrashAfterAccept.run(dataDir, new GraphTransport(graph.settings()), 3);

      assertThat(graph.sentCount()).isEqualTo(3);
      assertThat(graph.requests(GraphStub.Call.SEND)).hasSize(3);
      assertThat(new HashSet<>(graph.sent().stream().map(m -> m.internetMessageId).toList()))
          .hasSize(3);
      assertThat(graph.requests(GraphStub.Call.LIST))
          .as("the send in doubt was looked up by internetMessageId")
          .isNotEmpty();
      assertThat(Sql.count(url, "SELECT count(*) FROM email_sends WHERE status = 'sent'"))
          .isEqualTo(3);
    }
  }
}
