package com.campaignengine.inbound;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Whom a sender lookup ({@link InboundSource#messagesFrom}) looks for: exact addresses, and whole
 * domains (a company, for {@code stop_on_company_reply}). Compared case-insensitively; kept
 * lower-case and sorted, so that a lookup's queries are the same for the same people. Immutable.
 *
 * @param addresses exact addresses ({@code grace@navy.example})
 * @param domains domains, without {@code @} ({@code navy.example}); any address there matches
 */
public record Senders(Set<String> addresses, Set<String> domains) {

  public Senders {
    addresses = normalized(addresses, false);
    domains = normalized(domains, true);
  }

  /** Only these addresses. */
  public static Senders addresses(Set<String> addresses) {
    return new Senders(addresses, Set.of());
  }

  public boolean isEmpty() {
    return addresses.isEmpty() && domains.isEmpty();
  }

  /** Whether a message from {@code address} is one looked for. */
  public boolean matches(String address) {
    if (address == null) {
      return false;
    }
    String a = address.strip().toLowerCase(Locale.ROOT);
    int at = a.lastIndexOf('@');
    return addresses.contains(a) || (at >= 0 && domains.contains(a.substring(at + 1)));
  }

  /**
   * Search terms, addresses first, then {@code "@domain"} (as Gmail's {@code from:} takes them).
   * Searches match them loosely ({@code @navy.example} also finds {@code x@navy.example.org}), so
   * sources check each message found with {@link #matches} as well.
   */
  public List<String> terms() {
    List<String> terms = new ArrayList<>(addresses);
    domains.forEach(d -> terms.add("@" + d));
    return terms;
  }

  private static Set<String> normalized(Set<String> values, boolean domain) {
    TreeSet<String> kept = new TreeSet<>();
    if (values != null) {
      for (String value : values) {
        String v = value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
        if (domain && v.startsWith("@")) {
          v = v.substring(1);
        }
        // A term with quotes, spaces or control characters could break out of a search query.
        if (!v.isEmpty() && v.matches("[^\\s\"()\\\\\\p{Cntrl}]+")) {
          kept.add(v);
        }
      }
    }
    return Collections.unmodifiableSortedSet(kept);
  }
}
