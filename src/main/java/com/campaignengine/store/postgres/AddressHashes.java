package com.campaignengine.store.postgres;

/**
 * Tells whether an import may hold one address twice, without keeping the addresses: a set of
 * 64-bit hashes of each address as {@code lower()} sees it. Addresses that are equal hash alike, so
 * if no hash repeats, no address does, and the duplicate pass over the staging table is skipped. A
 * repeat, or an address with a character outside ASCII (where Java's lower case and the database's
 * may differ), means the pass must run; it alone decides what is a duplicate. 8 to 16 bytes per
 * row.
 */
final class AddressHashes {
  private long[] table = new long[1 << 10];
  private int size;
  private boolean mayRepeat;

  /** Counts an address in. */
  void add(String address) {
    if (mayRepeat) {
      return;
    }
    long hash = 0xcbf29ce484222325L; // FNV-1a over the lower-cased characters
    for (int i = 0; i < address.length(); i++) {
      char c = address.charAt(i);
      if (c >= 0x80) {
        mayRepeat = true;
        return;
      }
      hash = (hash ^ (c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c)) * 0x100000001b3L;
    }
    insert(mix(hash));
  }

  /** Whether some address may have been given twice. */
  boolean mayRepeat() {
    return mayRepeat;
  }

  private void insert(long hash) {
    if (2 * (size + 1) > table.length) {
      grow();
    }
    int mask = table.length - 1;
    for (int slot = (int) hash & mask; ; slot = (slot + 1) & mask) {
      if (table[slot] == 0) {
        table[slot] = hash;
        size++;
        return;
      }
      if (table[slot] == hash) {
        mayRepeat = true;
        table = null; // the duplicate pass decides now; the set is no longer needed
        return;
      }
    }
  }

  private void grow() {
    long[] old = table;
    table = new long[old.length * 2];
    size = 0;
    for (long hash : old) {
      if (hash != 0) {
        insert(hash);
      }
    }
  }

  /** Spreads the bits (MurmurHash3's finalizer); never 0, which marks an empty slot. */
  private static long mix(long hash) {
    hash ^= hash >>> 33;
    hash *= 0xff51afd7ed558ccdL;
    hash ^= hash >>> 33;
    hash *= 0xc4ceb3f91a8b6d46L;
    hash ^= hash >>> 33;
    return hash == 0 ? 1 : hash;
  }
}
