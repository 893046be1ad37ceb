package com.campaignengine.inbound.gmail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.campaignengine.inbound.InboundException;
import com.campaignengine.inbound.Poll;
import com.campaignengine.inbound.RawInbound;
import com.campaignengine.testing.GmailStub;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class GmailHistoryTest {

  private static final long RECEIVED = 1_717_000_000_123L;
  private static final Instant SINCE = Instant.ofEpochMilli(RECEIVED).minusSeconds(86_400);

  @RegisterExtension final GmailStub google = GmailStub.start();
  private final GmailHistory history = new GmailHistory(google.settings());

  @Test
  void a_first_poll_reads_mail_received_since_then_by_date_and_goes_on_with_the_history() {
    google.message("old", raw("old"), SINCE.minusSeconds(3600).toEpochMilli(), "INBOX");
    google.message("a", raw("a"), SINCE.plusSeconds(60).toEpochMilli(), "INBOX");
    google.message("b", raw("b"), SINCE.plusSeconds(120).toEpochMilli(), "INBOX");
    google.message("c", raw("c"), SINCE.plusSeconds(180).toEpochMilli(), "INBOX");
    google.message("mine", raw("mine"), SINCE.plusSeconds(200).toEpochMilli(), "SENT");
    google.record(1001, "a", "b", "c");

    Poll poll = history.poll(null, SINCE, 10);

    assertThat(poll.messages()).extracting(RawInbound::sourceId).containsExactly("a", "b", "c");
    assertThat(poll.checkpoint()).isEqualTo("1004");
    assertThat(poll.complete()).isTrue();
    List<GmailStub.Request> listings = google.requests(GmailStub.LIST);
    assertThat(listings).hasSize(2); // two pages of two
    assertThat(listings.get(0).params())
        .containsEntry("q", "after:" + SINCE.getEpochSecond() + " -in:sent -in:drafts")
        .doesNotContainKey("pageToken");
    assertThat(listings.get(1).params()).containsEntry("pageToken", "2");
    assertThat(google.requests(GmailStub.HISTORY)).isEmpty();
  }

  @Test
  void a_re_read_by_date_longer_than_max_goes_on_back_in_time_one_page_a_poll() {
    for (int i = 1; i <= 7; i++) {
      google.message("m" + i, raw("m" + i), SINCE.plusSeconds(10L * i).toEpochMilli(), "INBOX");
    }

    List<String> read = new ArrayList<>();
    List<Poll> polls = new ArrayList<>();
    Poll poll = history.poll(null, SINCE, 3);
    polls.add(poll);
    while (!poll.complete()) {
      poll.messages().forEach(m -> read.add(m.sourceId()));
      poll = history.poll(poll.checkpoint(), SINCE, 3);
      polls.add(poll);
    }
    poll.messages().forEach(m -> read.add(m.sourceId()));

    assertThat(polls.get(0).messages())
        .extracting(RawInbound::sourceId)
        .as("the newest three, oldest first")
        .containsExactly("m5", "m6", "m7");
    assertThat(polls.get(0).checkpoint())
        .isEqualTo("reread:1000:" + SINCE.getEpochSecond() + ":" + (SINCE.getEpochSecond() + 51));
    assertThat(read)
        .as("each boundary message comes twice; the intake knows it")
        .containsExactlyInAnyOrder("m1", "m2", "m3", "m3", "m4", "m5", "m5", "m6", "m7");
    assertThat(poll.checkpoint()).isEqualTo("1000");
    assertThat(polls).hasSize(3);
    assertThat(google.requests(GmailStub.LIST))
        .as("max + 1 ids a poll: two of the stub's pages of two (one of Gmail's 500)")
        .hasSize(6);
  }

  @Test
  void added_messages_are_read_across_pages_deduplicated_and_without_our_own_sends() {
    google.record(1001, inbox("m1"));
    google.record(1002, sent("s1"), inbox("m2"));
    google.record(1003, "m1"); // Gmail may list a message again in a later record.
    google.record(1004, inbox("m3"));

    Poll poll = history.poll("1000", SINCE, 10);

    assertThat(poll.messages()).extracting(RawInbound::sourceId).containsExactly("m1", "m2", "m3");
    RawInbound first = poll.messages().get(0);
    assertThat(first.raw()).isEqualTo(raw("m1"));
    assertThat(first.receivedAt()).isEqualTo(Instant.ofEpochMilli(RECEIVED));
    assertThat(poll.checkpoint()).isEqualTo("1007");
    List<GmailStub.Request> listings = google.requests(GmailStub.HISTORY);
    assertThat(listings).hasSize(2);
    assertThat(listings.get(0).params())
        .containsEntry("startHistoryId", "1000")
        .containsEntry("historyTypes", "messageAdded")
        .containsEntry("labelId", "INBOX")
        .doesNotContainKey("pageToken");
    assertThat(listings.get(1).params()).containsEntry("pageToken", "2");
    assertThat(google.requests(GmailStub.MESSAGES + "s1")).isEmpty();
    assertThat(google.requests(GmailStub.MESSAGES + "m1")).hasSize(1);

    assertThat(history.poll(poll.checkpoint(), SINCE, 10).messages()).isEmpty();
  }

  @Test
  void max_is_honoured_by_whole_history_records_and_the_next_poll_continues() {
    google.record(1001, inbox("a"));
    google.record(1002, inbox("b"), inbox("c"));
    google.record(1003, inbox("d"));

    Poll first = history.poll("1000", SINCE, 2);
    Poll second = history.poll(first.checkpoint(), SINCE, 2);
    Poll third = history.poll(second.checkpoint(), SINCE, 2);

    assertThat(first.messages()).extracting(RawInbound::sourceId).containsExactly("a");
    assertThat(first.checkpoint()).isEqualTo("1001");
    assertThat(second.messages()).extracting(RawInbound::sourceId).containsExactly("b", "c");
    assertThat(second.checkpoint()).isEqualTo("1002");
    assertThat(third.messages()).extracting(RawInbound::sourceId).containsExactly("d");
    assertThat(third.checkpoint()).isEqualTo("1006");
  }

  @Test
  void a_record_larger_than_max_is_returned_whole_so_polls_progress() {
    google.record(1001, inbox("a"), inbox("b"), inbox("c"));

    Poll poll = history.poll("1000", SINCE, 2);

    assertThat(poll.messages()).hasSize(3);
    assertThat(poll.checkpoint()).isEqualTo("1004");
  }

  @Test
  void expired_history_is_replaced_by_a_re_read_by_date_so_no_reply_is_lost() {
    google.message("gap", raw("gap"), SINCE.plusSeconds(60).toEpochMilli(), "INBOX");
    google.record(1001, "gap");
    google.expireHistoryBefore(900);

    Poll poll = history.poll("42", SINCE, 10);

    assertThat(poll.messages()).extracting(RawInbound::sourceId).containsExactly("gap");
    assertThat(poll.checkpoint()).isEqualTo("1004");
    assertThat(google.requests(GmailStub.PROFILE)).hasSize(1);
    assertThat(history.poll(poll.checkpoint(), SINCE, 10).messages()).isEmpty();
  }

  @Test
  void deleted_messages_are_skipped_and_truncated_ones_kept() {
    byte[] big = new byte[RawInbound.MAX_BYTES + 1000];
    Arrays.fill(big, (byte) 'x');
    google.message("big", big, RECEIVED, "INBOX", "UNREAD");
    google.record(1001, "big", "gone");

    Poll poll = history.poll("1000", SINCE, 10);

    assertThat(poll.messages())
        .singleElement()
        .satisfies(
            m -> {
              assertThat(m.sourceId()).isEqualTo("big");
              assertThat(m.raw()).hasSize(RawInbound.MAX_BYTES);
            });
  }

  @Test
  void a_rejected_access_token_is_refreshed_once() {
    history.poll(null, SINCE, 10);
    google.revokeAccessTokens();
    google.record(1001, inbox("m1"));

    Poll poll = history.poll("1000", SINCE, 10);

    assertThat(poll.messages()).hasSize(1);
    assertThat(google.tokenRequests()).isEqualTo(2);
  }

  @Test
  void a_revoked_refresh_token_fails_with_invalid_grant() {
    GmailHistory revoked = new GmailHistory(google.settings("1//revoked"));

    assertThatThrownBy(() -> revoked.poll("1000", SINCE, 10))
        .isInstanceOf(InboundException.class)
        .hasMessageContaining("invalid_grant")
        .hasMessageNotContaining("1//revoked")
        .extracting(e -> ((InboundException) e).kind())
        .isEqualTo(InboundException.Kind.CREDENTIALS);
  }

  @Test
  void server_errors_and_unreachable_servers_throw_inbound_exception() {
    google.failNext(GmailStub.HISTORY, 503);
    assertThatThrownBy(() -> history.poll("1000", SINCE, 10))
        .isInstanceOf(InboundException.class)
        .hasMessageContaining("gmail 503 backendError")
        .extracting(e -> ((InboundException) e).kind())
        .isEqualTo(InboundException.Kind.UNREACHABLE);

    google.close();
    assertThatThrownBy(() -> history.poll("1000", SINCE, 10))
        .isInstanceOf(InboundException.class)
        .extracting(e -> ((InboundException) e).kind())
        .isEqualTo(InboundException.Kind.UNREACHABLE);
  }

  @Test
  void malformed_history_ids_and_max_are_rejected() {
    assertThatThrownBy(() -> history.poll("1000&labelId=SPAM", SINCE, 10))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> history.poll("1000", SINCE, 0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private String inbox(String id) {
    google.message(id, raw(id), RECEIVED, "INBOX", "UNREAD");
    return id;
  }

  private String sent(String id) {
    google.message(id, raw(id), RECEIVED, "SENT", "INBOX");
    return id;
  }

  private static byte[] raw(String id) {
    return ("Message-ID: <" + id + "@mail.example>\r\nSubject: Re: hi\r\n\r\nThanks " + id + "\r\n")
        .getBytes(StandardCharsets.UTF_8);
  }
}
