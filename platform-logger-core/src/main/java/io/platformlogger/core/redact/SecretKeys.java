package io.platformlogger.core.redact;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Decides whether a key names a secret: its letters and digits, lower-cased (so {@code API-Key},
 * {@code api_key} and {@code apiKey} are all {@code apikey}), end with one of the secret names
 * ({@code db_password} and {@code X-Auth-Token} are secrets, {@code max_tokens} and {@code
 * password_hint} are not), unless the whole key is on the allow-list. Allocates nothing per call.
 * Immutable and thread-safe.
 */
final class SecretKeys {
  /** The built-in secret names, normalized. */
  static final List<String> BUILT_IN =
      List.of(
          "password", "passwd", "pwd", "passphrase", "secret", "token", "apikey", "authorization",
          "cookie", "privatekey", "secretkey", "accesskey", "credential", "credentials", "jwt");

  /** Normalized names by their last character: index 0-25 for a-z, 26-35 for 0-9. */
  private final char[][][] byLast = new char[36][][];

  /** Bit {@code 36 * last + secondLast} set when a name ends with those two slots: a quick reject. */
  private final boolean[] endings = new boolean[36 * 36];

  /** Normalized allowed keys, compared whole. */
  private final char[][] allowed;

  SecretKeys(List<String> extra, List<String> allow) {
    List<List<char[]>> buckets = new ArrayList<>();
    for (int i = 0; i < 36; i++) {
      buckets.add(new ArrayList<>());
    }
    List<String> names = new ArrayList<>(BUILT_IN);
    names.addAll(extra);
    for (String name : names) {
      String n = normalize(name);
      if (!n.isEmpty()) {
        int last = slot(n.charAt(n.length() - 1));
        buckets.get(last).add(n.toCharArray());
        if (n.length() == 1) {
          for (int second = 0; second < 36; second++) {
            endings[36 * last + second] = true;
          }
        } else {
          endings[36 * last + slot(n.charAt(n.length() - 2))] = true;
        }
      }
    }
    for (int i = 0; i < 36; i++) {
      byLast[i] = buckets.get(i).toArray(new char[0][]);
    }
    List<char[]> a = new ArrayList<>();
    for (String key : allow) {
      String n = normalize(key);
      if (!n.isEmpty()) {
        a.add(n.toCharArray());
      }
    }
    allowed = a.toArray(new char[0][]);
  }

  /** The letters and digits of {@code key}, lower-cased. */
  static String normalize(String key) {
    StringBuilder sb = new StringBuilder(key.length());
    for (int i = 0; i < key.length(); i++) {
      char c = Character.toLowerCase(key.charAt(i));
      if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
        sb.append(c);
      }
    }
    return sb.toString().toLowerCase(Locale.ROOT);
  }

  /*
   * Keys recently found not to be secrets, by identity, in a slot picked by their hash. Data and
   * MDC keys are mostly the same String instances call after call (literals), so the common case
   * is one array load and one compare. Racy on purpose: a slot read stale or overwritten by
   * another thread only sends the key through the full check again.
   */
  private final String[] plainKeys = new String[64];

  boolean isSecret(String key) {
    int slot = key.hashCode() & (plainKeys.length - 1);
    if (plainKeys[slot] == key) {
      return false;
    }
    boolean secret = isSecret(key, 0, key.length());
    if (!secret) {
      plainKeys[slot] = key;
    }
    return secret;
  }

  /**
   * False when no secret name ends with the letters or digits {@code second} then {@code last}
   * (either case): a key ending so is no secret, whatever comes before. True otherwise, or when
   * either is no letter or digit.
   */
  boolean mayEndWith(char last, char second) {
    int l = slotOf(last);
    int s = slotOf(second);
    return l < 0 || s < 0 || endings[36 * l + s];
  }

  /** Whether {@code s[from, to)}, read as a key, names a secret. */
  boolean isSecret(CharSequence s, int from, int to) {
    int last = to - 1;
    while (last >= from && slotOf(s.charAt(last)) < 0) {
      last--;
    }
    if (last < from) {
      return false;
    }
    int lastSlot = slotOf(s.charAt(last));
    int second = last - 1;
    while (second >= from && slotOf(s.charAt(second)) < 0) {
      second--;
    }
    if (second >= from && !endings[36 * lastSlot + slotOf(s.charAt(second))]) {
      return false; // no name ends with these two chars: most keys stop here
    }
    char[][] candidates = byLast[lastSlot];
    for (char[] name : candidates) {
      if (endsWith(s, from, last, name)) {
        return !isAllowed(s, from, to);
      }
    }
    return false;
  }

  /** Whether the normalized {@code s[from, last]} ends with {@code name}. */
  private static boolean endsWith(CharSequence s, int from, int last, char[] name) {
    int j = name.length - 1;
    for (int i = last; i >= from && j >= 0; i--) {
      int slot = slotOf(s.charAt(i));
      if (slot < 0) {
        continue; // a separator
      }
      if (lower(s.charAt(i)) != name[j]) {
        return false;
      }
      j--;
    }
    return j < 0;
  }

  private boolean isAllowed(CharSequence s, int from, int to) {
    for (char[] a : allowed) {
      int j = 0;
      boolean same = true;
      for (int i = from; i < to && same; i++) {
        if (slotOf(s.charAt(i)) < 0) {
          continue;
        }
        same = j < a.length && lower(s.charAt(i)) == a[j++];
      }
      if (same && j == a.length) {
        return true;
      }
    }
    return false;
  }

  private static char lower(char c) {
    return c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
  }

  /** Per ASCII char: 0-25 for a letter of either case, 26-35 for a digit, -1 for anything else. */
  private static final byte[] SLOTS = new byte[128];

  static {
    java.util.Arrays.fill(SLOTS, (byte) -1);
    for (char c = 'a'; c <= 'z'; c++) {
      SLOTS[c] = (byte) (c - 'a');
      SLOTS[c - 'a' + 'A'] = (byte) (c - 'a');
    }
    for (char c = '0'; c <= '9'; c++) {
      SLOTS[c] = (byte) (26 + c - '0');
    }
  }

  /** 0-25 for a letter of either case, 26-35 for a digit, -1 for anything else. */
  private static int slotOf(char c) {
    return c < 128 ? SLOTS[c] : -1;
  }

  private static int slot(char normalized) {
    return slotOf(normalized);
  }
}
