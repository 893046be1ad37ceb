package com.campaignengine.inbound.imap;

import jakarta.mail.MessagingException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.eclipse.angus.mail.iap.Argument;
import org.eclipse.angus.mail.iap.Response;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.protocol.IMAPResponse;

/**
 * {@code UID SEARCH SINCE <date> [OR FROM … HEADER FROM …]} on an open folder (RFC 3501 §6.4.4),
 * written by hand: Angus' own search speaks message numbers and formats dates in the JVM's time
 * zone. Stateless.
 */
final class UidSearch {

  /**
   * One sender to search for: an address ({@code FROM grace@navy.example}), or a whole domain
   * ({@code HEADER FROM "@navy.example"}). Both match substrings (RFC 3501); domains go through
   * HEADER because some servers (GreenMail) compare FROM with whole addresses.
   */
  record Sender(String value, boolean domain) {}

  private static final DateTimeFormatter IMAP_DATE =
      DateTimeFormatter.ofPattern("d-MMM-yyyy", Locale.ENGLISH);

  private UidSearch() {}

  /**
   * The SINCE date that finds every message received at or after {@code since}. SINCE compares
   * INTERNALDATE's date in the server's own time zone, which may be up to a day ahead of UTC, so
   * one day earlier; callers filter by INTERNALDATE afterwards.
   */
  static LocalDate sinceDate(Instant since) {
    return LocalDate.ofInstant(since, ZoneOffset.UTC).minusDays(1);
  }

  /** The UIDs of messages received on or after {@code date} (server's day), ascending. */
  static List<Long> since(IMAPFolder folder, LocalDate date) throws MessagingException {
    return search(folder, date, List.of());
  }

  /**
   * The UIDs of messages received on or after {@code date} from any of {@code senders}
   * (case-insensitive substring match: RFC 3501), ascending. With no senders: all of them.
   */
  static List<Long> search(IMAPFolder folder, LocalDate date, List<Sender> senders)
      throws MessagingException {
    Object found =
        folder.doCommand(
            p -> {
              Argument args = new Argument();
              args.writeAtom("SINCE");
              args.writeAtom(IMAP_DATE.format(date));
              // Prefix OR takes two keys: "OR OR FROM a FROM b FROM c" is (a or b) or c.
              for (int i = 1; i < senders.size(); i++) {
                args.writeAtom("OR");
              }
              for (Sender sender : senders) {
                if (sender.domain()) {
                  args.writeAtom("HEADER");
                  args.writeAtom("FROM");
                  args.writeString("@" + sender.value());
                } else {
                  args.writeAtom("FROM");
                  args.writeString(sender.value());
                }
              }
              Response[] responses = p.command("UID SEARCH", args);
              Response last = responses[responses.length - 1];
              List<Long> uids = new ArrayList<>();
              if (last.isOK()) {
                for (int i = 0; i < responses.length; i++) {
                  if (responses[i] instanceof IMAPResponse r && r.keyEquals("SEARCH")) {
                    for (long uid = r.readLong(); uid != -1; uid = r.readLong()) {
                      uids.add(uid);
                    }
                    responses[i] = null; // consumed here, as Angus' own search does
                  }
                }
              }
              // Untagged EXISTS/EXPUNGE that came along keep the folder's view current.
              p.notifyResponseHandlers(responses);
              p.handleResult(last);
              return uids;
            });
    @SuppressWarnings("unchecked") // the command above returns its list
    List<Long> uids = (List<Long>) found;
    uids.sort(null);
    return uids;
  }
}
