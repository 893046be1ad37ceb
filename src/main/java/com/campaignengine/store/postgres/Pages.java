package com.campaignengine.store.postgres;

import com.campaignengine.readmodel.Page;
import java.util.List;
import java.util.function.ToLongFunction;

/** Keyset pagination: fetch limit + 1 rows; the cursor is the last id returned. */
final class Pages {
  private Pages() {}

  static <T> Page<T> of(List<T> rows, int limit, ToLongFunction<T> id) {
    if (rows.size() <= limit) {
      return new Page<>(rows, null);
    }
    List<T> page = rows.subList(0, limit);
    return new Page<>(List.copyOf(page), Long.toString(id.applyAsLong(page.get(limit - 1))));
  }
}
