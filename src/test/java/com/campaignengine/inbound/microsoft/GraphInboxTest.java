package com.campaignengine.inbound.microsoft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.campaignengine.inbound.InboundException;
import com.campaignengine.inbound.Poll;
import com.campaignengine.inbound.RawInbound;
import com.campaignengine.inbound.Senders;
import com.campaignengine.testing.GraphStub;
import com.campaignengine.testing.GraphStub.Call;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The Inbox delta reader against Graph's documented delta format (pages of two in the stub). */
class GraphInboxTest {

  @RegisterExtension final GraphStub graph = GraphStub.start();

  private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");

  private GraphInbox inbox() {
    return new GraphInbox(graph.settings());
  }

  private String deliver(String local, String from, Instant at) {
    return graph.receive(
        ("From: <"
                + from
                + ">\r\nTo: "
                + GraphStub.ADDRESS
                + "\r\nSubject: hi\r\nMessage-ID: <"
                + local
                + "@example.org>\r\n\r\nbody "
                + local
                + "\r\n")
            .getBytes(StandardCharsets.UTF_8),
        at);
  }

  private static List<String> bodies(Poll poll) {
    return poll.messages().stream()
        .map(m -> new String(m.raw(), StandardCharsets.UTF_8).replaceAll("(?s).*body ", "").strip())
        .toList();
  }

  @Test
  void the_first_read_is_a_delta_round_since_the_read_through_time_then_the_delta_link_goes_on() {
    deliver("old", "a@example.org", T0.minusSeconds(7200));
    deliver("m1", "a@example.org", T0.plusSeconds(60));
    deliver("m2", "b@example.org", T0.plusSeconds(120));
    deliver("m3", "c@example.org", T0.plusSeconds(180));
    GraphInbox inbox = inbox();

    Poll first = inbox.poll(null, T0, 100);

    assertThat(bodies(first)).containsExactly("m1", "m2", "m3");
    assertThat(first.complete()).isTrue();
    assertThat(first.checkpoint()).startsWith("delta:" + graph.graphUrl());
    assertThat(graph.requests(Call.DELTA)).as("two pages: nextLink, then deltaLink").hasSize(2);
    assertThat(graph.requests(Call.DELTA).get(0).params().get("$filter"))
        .isEqualTo("receivedDateTime ge 2026-03-02T09:00:00Z");
    assertThat(graph.requests(Call.DELTA).get(0).params()).containsEntry("changeType", "created");

    deliver("m4", "d@example.org", T0.plusSeconds(240));
    Poll second = inbox.poll(first.checkpoint(), T0, 100);
    assertThat(bodies(second)).containsExactly("m4");
    assertThat(second.messages().get(0).receivedAt()).isEqualTo(T0.plusSeconds(240));

    Poll third = inbox.poll(second.checkpoint(), T0, 100);
    assertThat(third.messages()).isEmpty();
    assertThat(third.complete()).isTrue();
  }

  @Test
  void a_poll_stops_after_max_messages_and_carries_on_from_the_next_link() {
    for (int i = 1; i <= 5; i++) {
      deliver("m" + i, "a@example.org", T0.plusSeconds(i));
    }
    GraphInbox inbox = inbox();

    Poll first = inbox.poll(null, T0, 2);
    assertThat(bodies(first)).containsExactly("m1", "m2");
    assertThat(first.complete()).isFalse();
    assertThat(first.checkpoint()).startsWith("resync:");

    Poll rest = inbox.poll(first.checkpoint(), T0, 100);
    assertThat(bodies(rest)).containsExactly("m3", "m4", "m5");
    assertThat(rest.complete()).isTrue();
  }

  @Test
  void an_expired_delta_token_resyncs_from_the_read_through_time_without_missing_a_message() {
    deliver("m1", "a@example.org", T0.plusSeconds(60));
    GraphInbox inbox = inbox();
    Poll first = inbox.poll(null, T0, 100);
    assertThat(bodies(first)).containsExactly("m1");

    // Mail arrives while Graph forgets the sync state.
    Instant readThrough = T0.plusSeconds(3600);
    deliver("m2", "b@example.org", T0.plusSeconds(3000));
    deliver("m3", "c@example.org", T0.plusSeconds(4000));
    graph.expireDeltaTokens();

    Poll resync = inbox.poll(first.checkpoint(), readThrough.minusSeconds(3600), 100);

    assertThat(graph.requests(Call.DELTA))
        .as("the stale link answered 410, then a round without a token")
        .anySatisfy(r -> assertThat(r.query()).contains("deltatoken"))
        .anySatisfy(r -> assertThat(r.params()).containsKey("$filter"));
    assertThat(bodies(resync))
        .as("m1 again (the intake knows it), m2 and m3 never missed")
        .containsExactly("m1", "m2", "m3");
    assertThat(resync.complete()).isTrue();
    assertThat(resync.checkpoint()).startsWith("delta:");

    assertThat(bodies(inbox.poll(resync.checkpoint(), T0, 100))).isEmpty();
  }

  @Test
  void a_resync_skips_messages_older_than_the_read_through_time() {
    deliver("old", "a@example.org", T0.minusSeconds(60));
    deliver("new", "a@example.org", T0.plusSeconds(60));
    graph.enqueue(
        Call.DELTA,
        410,
        GraphStub.graphError("SyncStateNotFound", "The sync state generation is out of date."));

    Poll poll =
        inbox()
            .poll(
                "delta:"
                    + graph.graphUrl()
                    + "/me/mailFolders/inbox/messages/delta?$deltatoken=g0.0",
                T0,
                100);

    assertThat(bodies(poll)).containsExactly("new");
  }

  @Test
  void a_revoked_grant_is_a_credentials_failure_and_nothing_is_consumed() {
    graph.revokeGrant();
    assertThatThrownBy(() -> inbox().poll(null, T0, 10))
        .isInstanceOfSatisfying(
            InboundException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(InboundException.Kind.CREDENTIALS);
              assertThat(e.getMessage()).contains("invalid_grant");
            });
  }

  @Test
  void a_checkpoint_of_another_source_is_refused() {
    assertThatThrownBy(() -> inbox().poll("12345", T0, 10))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void messages_from_finds_the_senders_mail_since_a_time() {
    deliver("x1", "grace@navy.example", T0.plusSeconds(10));
    deliver("x2", "someone@else.example", T0.plusSeconds(20));
    deliver("x3", "alan@bletchley.example", T0.minusSeconds(20));
    deliver("x4", "ada@bletchley.example", T0.plusSeconds(30));

    List<RawInbound> found =
        inbox()
            .messagesFrom(
                new Senders(
                    Set.of("grace@navy.example", "alan@bletchley.example"),
                    Set.of("bletchley.example")),
                T0);

    assertThat(found.stream().map(m -> new String(m.raw(), StandardCharsets.UTF_8)))
        .hasSize(2)
        .anySatisfy(t -> assertThat(t).contains("body x1"))
        .anySatisfy(t -> assertThat(t).contains("body x4"));
  }
}
