package com.campaignengine.api;

/** Whether an unknown field name is a likely typo of a known one, to suggest it. */
final class Typos {
  private Typos() {}

  /**
   * Close enough to suggest: an edit distance (insertions, deletions, substitutions, swaps of
   * neighbours) of at most a quarter of the name's length, at least 1 and at most 3.
   */
  static boolean close(String typed, String known) {
    int allowed = Math.min(3, Math.max(1, typed.length() / 4));
    return Math.abs(typed.length() - known.length()) <= allowed
        && distance(typed, known) <= allowed;
  }

  /** Optimal string alignment distance (Damerau-Levenshtein without repeated edits). */
  static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1
            && j > 1
            && a.charAt(i - 1) == b.charAt(j - 2)
            && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }
}
