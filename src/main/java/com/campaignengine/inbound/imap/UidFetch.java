package com.campaignengine.inbound.imap;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import org.eclipse.angus.mail.iap.Response;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.protocol.BODY;
import org.eclipse.angus.mail.imap.protocol.ENVELOPE;
import org.eclipse.angus.mail.imap.protocol.FetchResponse;
import org.eclipse.angus.mail.imap.protocol.INTERNALDATE;
import org.eclipse.angus.mail.imap.protocol.UID;

/**
 * {@code UID FETCH <uids> (UID INTERNALDATE ENVELOPE BODY.PEEK[]<0.cap>)}: many messages' senders,
 * dates and raw bytes in one round trip, where Angus' {@code Message.writeTo} fetches each message
 * on its own (two or more round trips a message: about 45 ms each against GreenMail, more against a
 * distant server). {@code PEEK} leaves the messages unread for the mailbox's owner. Stateless.
 */
final class UidFetch {

  /** UIDs per command, to keep the command line short (RFC 7162 §4 asks servers for 8 KB). */
  static final int UIDS_PER_FETCH = 200;

  /** One fetched message; {@code receivedAt} null if the server gave no INTERNALDATE. */
  record Fetched(long uid, Instant receivedAt, List<InternetAddress> from, byte[] raw) {}

  private UidFetch() {}

  /** The messages with these UIDs that still exist, at most {@code cap} bytes of each. */
  static List<Fetched> fetch(IMAPFolder folder, List<Long> uids, int cap)
      throws MessagingException {
    List<Fetched> fetched = new ArrayList<>();
    for (int i = 0; i < uids.size(); i += UIDS_PER_FETCH) {
      fetched.addAll(
          fetchSome(folder, uids.subList(i, Math.min(uids.size(), i + UIDS_PER_FETCH)), cap));
    }
    return fetched;
  }

  private static List<Fetched> fetchSome(IMAPFolder folder, List<Long> uids, int cap)
      throws MessagingException {
    String set = uids.stream().map(String::valueOf).collect(Collectors.joining(","));
    Object result =
        folder.doCommand(
            p -> {
              Response[] responses =
                  p.command(
                      "UID FETCH "
                          + set
                          + " (UID INTERNALDATE ENVELOPE BODY.PEEK[]<0."
                          + cap
                          + ">)",
                      null);
              Response last = responses[responses.length - 1];
              List<Fetched> found = new ArrayList<>();
              if (last.isOK()) {
                for (int i = 0; i < responses.length; i++) {
                  if (responses[i] instanceof FetchResponse f && f.getItem(UID.class) != null) {
                    BODY body = f.getItem(BODY.class);
                    if (body != null) {
                      INTERNALDATE date = f.getItem(INTERNALDATE.class);
                      ENVELOPE envelope = f.getItem(ENVELOPE.class);
                      found.add(
                          new Fetched(
                              f.getItem(UID.class).uid,
                              date == null || date.getDate() == null
                                  ? null
                                  : date.getDate().toInstant(),
                              senders(envelope),
                              atMost(body.getByteArray().getNewBytes(), cap)));
                    }
                    responses[i] = null; // consumed here
                  }
                }
              }
              // Untagged EXISTS/EXPUNGE (and FETCH of flags) keep the folder's view current.
              p.notifyResponseHandlers(responses);
              p.handleResult(last);
              return found;
            });
    @SuppressWarnings("unchecked") // the command above returns its list
    List<Fetched> found = (List<Fetched>) result;
    return found;
  }

  private static List<InternetAddress> senders(ENVELOPE envelope) {
    if (envelope == null || envelope.from == null) {
      return List.of();
    }
    return Arrays.stream(envelope.from).filter(Objects::nonNull).toList();
  }

  /**
   * The server's answer, cut to what was asked for: a server that sends more than {@code <0.cap>}
   * (broken or hostile) must not make the message, and with it the whole lookup, fail.
   */
  static byte[] atMost(byte[] bytes, int cap) {
    return bytes.length <= cap ? bytes : Arrays.copyOf(bytes, cap);
  }
}
