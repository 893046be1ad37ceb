package com.campaignengine.template;

/**
 * Spintax: {@code {Hi|Hello|Hey}} picks one option, nested groups included. The choice is
 * deterministic for a seed (the engine uses the enrollment and step), so a retry renders exactly
 * the same text. Handlebars tags ({@code {{…}}}) are left alone; a brace group without {@code |} is
 * kept as written.
 */
public final class Spintax {
  private Spintax() {}

  public static String spin(String text, long seed) {
    if (text == null || text.indexOf('|') < 0) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length());
    int[] counter = {0};
    spinInto(text, 0, text.length(), seed, counter, out);
    return out.toString();
  }

  private static void spinInto(
      String s, int from, int to, long seed, int[] counter, StringBuilder out) {
    int i = from;
    while (i < to) {
      char c = s.charAt(i);
      if (c == '{' && i + 1 < to && s.charAt(i + 1) == '{') {
        int close = s.indexOf("}}", i + 2);
        int end = close < 0 || close + 2 > to ? to : close + 2;
        out.append(s, i, end); // a Handlebars tag, verbatim
        i = end;
      } else if (c == '{') {
        int close = matchingBrace(s, i, to);
        if (close < 0 || !hasTopLevelBar(s, i + 1, close)) {
          out.append(c);
          i++;
          continue;
        }
        java.util.List<int[]> options = options(s, i + 1, close);
        int pick = (int) Math.floorMod(mix(seed, counter[0]++), (long) options.size());
        int[] chosen = options.get(pick);
        spinInto(s, chosen[0], chosen[1], seed, counter, out);
        i = close + 1;
      } else {
        out.append(c);
        i++;
      }
    }
  }

  private static int matchingBrace(String s, int open, int to) {
    int depth = 0;
    for (int i = open; i < to; i++) {
      char c = s.charAt(i);
      if (c == '{' && i + 1 < to && s.charAt(i + 1) == '{') {
        int close = s.indexOf("}}", i + 2);
        if (close < 0) {
          return -1;
        }
        i = close + 1;
      } else if (c == '{') {
        depth++;
      } else if (c == '}' && --depth == 0) {
        return i;
      }
    }
    return -1;
  }

  private static boolean hasTopLevelBar(String s, int from, int to) {
    return options(s, from, to).size() > 1;
  }

  /** The [start, end) ranges of the top-level options between the braces. */
  private static java.util.List<int[]> options(String s, int from, int to) {
    java.util.List<int[]> ranges = new java.util.ArrayList<>();
    int depth = 0;
    int start = from;
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c == '{' && i + 1 < to && s.charAt(i + 1) == '{') {
        int close = s.indexOf("}}", i + 2);
        i = close < 0 ? to : close + 1;
      } else if (c == '{') {
        depth++;
      } else if (c == '}') {
        depth--;
      } else if (c == '|' && depth == 0) {
        ranges.add(new int[] {start, i});
        start = i + 1;
      }
    }
    ranges.add(new int[] {start, to});
    return ranges;
  }

  /** SplitMix64 of the seed and the group's position: stable across runs and JVMs. */
  private static long mix(long seed, int position) {
    long z = seed + 0x9E3779B97F4A7C15L * (position + 1);
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
