package com.campaignengine.app;

import static com.campaignengine.testing.Mailboxes.anSmtpMailbox;
import static org.assertj.core.api.Assertions.assertThat;

import com.campaignengine.campaign.Mailbox;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MailboxAssignmentTest {
  private static Mailbox mailbox(long id, int dailyLimit, String status) {
    return anSmtpMailbox(id + "@x.example").dailyLimit(dailyLimit).stored(id, status);
  }

  private static Map<Long, Integer> assign(MailboxAssignment assignment, int people) {
    Map<Long, Integer> counts = new HashMap<>();
    for (int i = 0; i < people; i++) {
      counts.merge(assignment.next(), 1, Integer::sum);
    }
    return counts;
  }

  @Test
  void people_are_spread_in_proportion_to_each_mailboxs_daily_limit() {
    MailboxAssignment assignment =
        new MailboxAssignment(
            List.of(mailbox(1, 100, "connected"), mailbox(2, 300, "connected")), Map.of());
    assertThat(assign(assignment, 400)).containsEntry(1L, 100).containsEntry(2L, 300);
  }

  @Test
  void existing_load_is_taken_into_account() {
    MailboxAssignment assignment =
        new MailboxAssignment(
            List.of(mailbox(1, 100, "connected"), mailbox(2, 100, "connected")), Map.of(1L, 50L));
    assertThat(assign(assignment, 50)).containsEntry(2L, 50).doesNotContainKey(1L);
  }

  @Test
  void a_disconnected_mailbox_gets_no_one_while_another_is_connected() {
    MailboxAssignment assignment =
        new MailboxAssignment(
            List.of(mailbox(1, 500, "disconnected"), mailbox(2, 100, "connected")), Map.of());
    assertThat(assign(assignment, 10)).containsOnlyKeys(2L);
  }
}
