package io.platformlogger.core.redact;

import io.platformlogger.core.internal.SignalLanes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks well-known secrets in free text: {@code Bearer} tokens, JWTs, the password of {@code
 * scheme://user:password@host}, {@code password=…} and {@code "token": "…"} pairs (any secret key,
 * see {@link SecretKeys}), AWS access key ids, private key blocks and card numbers that pass the
 * Luhn check, plus the configured patterns.
 *
 * <p>Cost: most text holds no secret, so {@link #scan} first looks for each family's trigger at
 * the occurrences of one signal char ({@code =}, {@code :}, {@code B}, {@code J}, {@code I}): a
 * secret key before {@code =}/{@code :}, {@code ://} before {@code @}, "Bearer", "-----BEGIN",
 * "eyJ", "AKIA"/"ASIA"; and for a run of 13 digits by a probe every 13 chars. A short text is
 * first counted in one branch-free pass so that only families whose chars turned up are looked
 * at; a long one is walked char by char with {@link String#indexOf(int, int)}. When nothing is
 * found the text comes back as the same instance; a family's regular expression runs only when
 * its trigger was found. Configured patterns have no trigger and run over every text
 * (docs/benchmarks.md, "Redaction"). Immutable and thread-safe.
 */
final class TextMasker {
  static final String MASK = "[REDACTED]";

  /** The shortest text in which a built-in rule can find a secret. */
  private static final int SHORTEST_SECRET = 5;

  private static final int KV = 1;
  private static final int URL = 1 << 1;
  private static final int BEARER = 1 << 2;
  private static final int JWT = 1 << 3;
  private static final int AWS = 1 << 4;
  private static final int PEM = 1 << 5;
  private static final int CARD = 1 << 6;

  private static final Pattern PEM_BLOCK =
      Pattern.compile("-----BEGIN ([A-Z0-9 ]*)PRIVATE KEY-----.*?(?:-----END \\1PRIVATE KEY-----|\\z)", Pattern.DOTALL);
  private static final Pattern URL_PASSWORD =
      Pattern.compile("([A-Za-z][A-Za-z0-9+.\\-]*://)([^/\\s:@\\[]*):([^/\\s@]+)@");
  private static final Pattern BEARER_TOKEN =
      Pattern.compile("\\b((?i:bearer)[ \\t]+)[A-Za-z0-9\\-._~+/]+=*");
  private static final Pattern JWT_TOKEN =
      Pattern.compile("\\beyJ[A-Za-z0-9_\\-]+\\.[A-Za-z0-9_\\-]+\\.[A-Za-z0-9_\\-]*");
  private static final Pattern AWS_KEY_ID = Pattern.compile("\\b(?:AKIA|ASIA)[A-Z0-9]{16}\\b");
  private static final Pattern CARD_NUMBER =
      Pattern.compile("(?<![0-9])[2-6](?:[ \\-]?[0-9]){12,18}(?![0-9])");

  private final SecretKeys keys;
  private final List<Pattern> extra;

  TextMasker(SecretKeys keys, Map<String, Pattern> extraPatterns) {
    this.keys = keys;
    this.extra = new ArrayList<>(extraPatterns.values());
  }

  /** {@code s} with every secret found replaced by {@value #MASK}; {@code s} itself when none. */
  String mask(String s) {
    if (s == null) {
      return null;
    }
    // Nothing the built-in rules look for fits in fewer chars ("pwd=x" is the shortest).
    int found = s.length() < SHORTEST_SECRET ? 0 : scan(s);
    // Kept small so that the common case (nothing found) compiles into the caller, without a call.
    return found == 0 && extra.isEmpty() ? s : mask(s, found);
  }

  /** Every family: what the pre-scan finds at most, for tests that check it finds enough. */
  static final int ALL = KV | URL | BEARER | JWT | AWS | PEM | CARD;

  /** {@code s} with the secrets of the families in {@code found} and the configured patterns masked. */
  String mask(String s, int found) {
    if (found == 0 && extra.isEmpty()) {
      return s;
    }
    String out = s;
    // Blocks first: a key inside a private key block must not be half-masked by another family.
    if ((found & PEM) != 0) {
      out = PEM_BLOCK.matcher(out).replaceAll(MASK);
    }
    if ((found & KV) != 0) {
      out = keyValues(out);
    }
    if ((found & URL) != 0) {
      out = replaceGroup(URL_PASSWORD, out, 3);
    }
    if ((found & BEARER) != 0) {
      out = replaceAfterGroup1(BEARER_TOKEN, out);
    }
    if ((found & JWT) != 0) {
      out = JWT_TOKEN.matcher(out).replaceAll(MASK);
    }
    if ((found & AWS) != 0) {
      out = AWS_KEY_ID.matcher(out).replaceAll(MASK);
    }
    if ((found & CARD) != 0) {
      out = cards(out);
    }
    for (Pattern p : extra) {
      out = configured(p, out);
    }
    return out.equals(s) ? s : out;
  }

  // The pre-scan's lanes of a short text (SignalLanes): the sanitizer may have counted them already.
  private static final int EQUALS = SignalLanes.EQUALS;
  private static final int COLON = SignalLanes.COLON;
  private static final int AT = SignalLanes.AT;
  private static final int CAPITAL_B = SignalLanes.CAPITAL_B;
  private static final int CAPITAL_J = SignalLanes.CAPITAL_J;
  private static final int CAPITAL_I = SignalLanes.CAPITAL_I;

  private static boolean has(long lanes, int lane) {
    return ((lanes >>> lane) & 0xFF) != 0;
  }

  /**
   * The families whose trigger occurs in {@code s}, allocating nothing. Runs over every message
   * and string value. A short text is read once, one table load and one add per char with no
   * branch, and only the families whose signal chars turned up get a closer look. A longer one
   * skips that pass: each closer look walks the occurrences of its family's signal char with
   * {@link String#indexOf(int, int)}, which the JIT compiles to a vector loop, several times
   * faster per char than any loop over {@code charAt} (docs/benchmarks.md, "Redaction").
   */
  int scan(String s) {
    int n = s.length();
    if (n > LANE_LIMIT) {
      return (hasDigitRun(s) ? CARD : 0) | lookCloser(s, -1L);
    }
    long lanes = lanes(s);
    boolean digitRun = (lanes & 0xFF) >= CARD_DIGITS && hasDigitRun(s);
    return (digitRun ? CARD : 0) | lookCloser(s, lanes);
  }

  /** The longest text whose lanes cannot overflow (one 8-bit count per signal char). */
  static final int LANE_LIMIT = SignalLanes.LANE_LIMIT;

  /**
   * The lanes of {@code s} (at most {@value #LANE_LIMIT} chars): bits 0-7 count its digits, and
   * any higher bit set means a signal char ({@code = : @ B J I}) or a non-ASCII char folded onto one.
   */
  static long lanes(String s) {
    return SignalLanes.lanes(s, 0, s.length());
  }

  /** The lanes of {@code s[from, to)}, at most {@value #LANE_LIMIT} chars. */
  static long lanes(String s, int from, int to) {
    return SignalLanes.lanes(s, from, to);
  }

  /**
   * Whether a text of at most {@value #LANE_LIMIT} chars with these {@link SignalLanes lanes} is
   * left as it is by {@link #mask(String)}: no signal char and fewer digits than a card number's,
   * so {@link #scan} finds nothing, and no configured pattern runs over every text.
   */
  boolean isQuiet(long lanes) {
    return (lanes & ~0xFFL) == 0 && (lanes & 0xFF) < CARD_DIGITS && extra.isEmpty();
  }

  /**
   * The families other than cards that {@code s} holds a trigger of, looking only where {@code
   * lanes} saw a family's signal char (all bits set: everywhere). Each look walks the occurrences
   * of one char and checks the text around each, so a trigger at the very start or end of the
   * text is found like any other.
   */
  private int lookCloser(String s, long lanes) {
    int found = has(lanes, EQUALS) && hasSecretKeyBefore(s, '=') ? KV : 0;
    if (has(lanes, COLON)) {
      // One walk for both families of ':': "://" before an '@', or a secret key before it.
      boolean url = !has(lanes, AT);
      for (int i = s.indexOf(':'); i >= 0 && !(url && (found & KV) != 0); i = s.indexOf(':', i + 1)) {
        if (s.startsWith("//", i + 1)) {
          if (!url && s.indexOf('@', i + 3) >= 0) {
            found |= URL;
            url = true;
          }
        } else if ((found & KV) == 0 && keyBefore(s, i)) {
          found |= KV;
        }
      }
    }
    if (has(lanes, CAPITAL_B)) {
      for (int i = s.indexOf('B'); i >= 0 && (found & (BEARER | PEM)) != (BEARER | PEM); i = s.indexOf('B', i + 1)) {
        if (s.startsWith("Bearer", i) || s.startsWith("BEARER", i)) {
          found |= BEARER;
        } else if (s.startsWith("-----BEGIN", i - 5)) {
          found |= PEM;
        }
      }
    }
    if (has(lanes, CAPITAL_J)) {
      for (int i = s.indexOf('J'); i >= 0; i = s.indexOf('J', i + 1)) {
        if (s.startsWith("eyJ", i - 2)) {
          found |= JWT;
          break;
        }
      }
    }
    if (has(lanes, CAPITAL_I)) {
      for (int i = s.indexOf('I'); i >= 0; i = s.indexOf('I', i + 1)) {
        if (s.startsWith("AKIA", i - 2) || s.startsWith("ASIA", i - 2)) {
          found |= AWS;
          break;
        }
      }
    }
    return found;
  }

  /** Internal bits of {@link #scanAnchors}: a {@code ://}, an {@code @} (the URL family needs both). */
  static final int SCHEME_SEEN = 1 << 7;
  static final int AT_SEEN = 1 << 8;

  /**
   * The families whose signal char lies in {@code s[from, to)} and whose trigger holds there, read
   * in the whole of {@code s} (a key before a {@code =} may begin before {@code from}); {@link
   * #SCHEME} and {@link #AT} instead of URL; no cards (see {@link #hasDigitRun(String, int, int)}).
   * A plain loop over every char: for the short stretches {@link TemplateScan} checks per entry.
   */
  int scanAnchors(String s, int from, int to) {
    int found = 0;
    for (int i = from; i < to; i++) {
      switch (s.charAt(i)) {
        case '=':
          found |= keyBefore(s, i) ? KV : 0;
          break;
        case ':':
          found |= s.startsWith("//", i + 1) ? SCHEME_SEEN : keyBefore(s, i) ? KV : 0;
          break;
        case '@':
          found |= AT_SEEN;
          break;
        case 'B':
          found |= s.startsWith("Bearer", i) || s.startsWith("BEARER", i) ? BEARER
              : s.startsWith("-----BEGIN", i - 5) ? PEM : 0;
          break;
        case 'J':
          found |= s.startsWith("eyJ", i - 2) ? JWT : 0;
          break;
        case 'I':
          found |= s.startsWith("AKIA", i - 2) || s.startsWith("ASIA", i - 2) ? AWS : 0;
          break;
        default:
          break;
      }
    }
    return found;
  }

  /**
   * Whether the {@code =} or {@code :} at {@code at} triggers the key=value family, as {@link
   * #scan} decides it: a secret key before it, and for a {@code :} no {@code //} after it.
   */
  boolean keyValueAt(String s, int at) {
    return (s.charAt(at) == '=' || !s.startsWith("//", at + 1)) && keyBefore(s, at);
  }

  /**
   * Whether a run of {@value #CARD_DIGITS} digits (single spaces or dashes between them) lies wholly
   * in {@code s[from, to)}; a plain loop, for short stretches and once per template.
   */
  static boolean hasDigitRun(String s, int from, int to) {
    int digits = 0;
    boolean afterDigit = false;
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c >= '0' && c <= '9') {
        if (++digits >= CARD_DIGITS) {
          return true;
        }
        afterDigit = true;
      } else if ((c == ' ' || c == '-') && afterDigit) {
        afterDigit = false; // one separator keeps the count, a second one ends it
      } else {
        digits = 0;
        afterDigit = false;
      }
    }
    return false;
  }

  /** Whether configured patterns run over every text (then no text can be skipped). */
  boolean hasConfiguredPatterns() {
    return !extra.isEmpty();
  }

  /** Whether a {@code separator} follows a secret key somewhere in {@code s}. */
  private boolean hasSecretKeyBefore(String s, char separator) {
    for (int i = s.indexOf(separator); i >= 0; i = s.indexOf(separator, i + 1)) {
      if (keyBefore(s, i)) {
        return true;
      }
    }
    return false;
  }

  /** The fewest digits of a card number. */
  private static final int CARD_DIGITS = 13;

  /**
   * Whether {@code s} has a run of {@value #CARD_DIGITS} or more digits, single spaces or dashes
   * allowed between them. From its first digit to its last such a run spans at least {@value
   * #CARD_DIGITS} chars, so one of the indexes probed every {@value #CARD_DIGITS} chars lands on
   * one of its digits or on a separator between two of them; only such a probe looks around
   * itself (a space between two words costs one more read).
   */
  static boolean hasDigitRun(String s) {
    int n = s.length();
    for (int k = CARD_DIGITS - 1; k < n; k += CARD_DIGITS) {
      char probe = s.charAt(k);
      if (!isDigit(probe)
          && (!isDigitOrSeparator(probe) || k + 1 == n || !isDigit(s.charAt(k + 1)) || !isDigit(s.charAt(k - 1)))) {
        continue;
      }
      int from = k;
      while (from > 0 && isDigitOrSeparator(s.charAt(from - 1))) {
        from--;
      }
      int digits = 0;
      int end = from;
      for (; end < n && isDigitOrSeparator(s.charAt(end)); end++) {
        char c = s.charAt(end);
        if (c >= '0' && c <= '9') {
          if (++digits >= CARD_DIGITS) {
            return true;
          }
        } else if (end > from && !isDigit(s.charAt(end - 1))) {
          digits = 0; // two separators in a row end a number
        }
      }
      if (end > k + 1) {
        k = end - 1; // the next probe lies beyond this run
        k -= (k - (CARD_DIGITS - 1)) % CARD_DIGITS;
      }
    }
    return false;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isDigitOrSeparator(char c) {
    return (c >= '0' && c <= '9') || c == ' ' || c == '-';
  }

  /** Whether the word before the {@code =} or {@code :} at {@code at} is a secret key. */
  private boolean keyBefore(String s, int at) {
    int end = at;
    while (end > 0 && (s.charAt(end - 1) == ' ' || s.charAt(end - 1) == '\t') && at - end < 4) {
      end--;
    }
    if (end > 0 && (s.charAt(end - 1) == '"' || s.charAt(end - 1) == '\'')) {
      end--;
    }
    // Most keys (status=, page=, at Foo.java:12) end in two letters no secret name ends with:
    // reject them before reading the whole key. Bounded like the key itself (128 chars), so that
    // a crafted run of separators before every '=' cannot make the scan quadratic.
    int last = end - 1;
    while (last >= 0 && end - last < 128 && isSeparatorInKey(s.charAt(last))) {
      last--;
    }
    int second = last - 1;
    while (second >= 0 && end - second < 128 && isSeparatorInKey(s.charAt(second))) {
      second--;
    }
    if (last < 0 || !isKeyChar(s.charAt(last))
        || (second >= 0 && isKeyChar(s.charAt(second)) && !keys.mayEndWith(s.charAt(last), s.charAt(second)))) {
      return false;
    }
    int start = end;
    while (start > 0 && end - start < 128 && isKeyChar(s.charAt(start - 1))) {
      start--;
    }
    return start < end && keys.isSecret(s, start, end);
  }

  /** A key char that is not a letter or digit: skipped when keys are compared. */
  private static boolean isSeparatorInKey(char c) {
    return c == '_' || c == '-' || c == '.';
  }

  private static boolean isKeyChar(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
        || c == '_' || c == '-' || c == '.';
  }

  /** Masks the value after every {@code =} or {@code :} whose key is a secret. */
  private String keyValues(String s) {
    StringBuilder sb = null;
    int copied = 0;
    int n = s.length();
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if ((c != '=' && c != ':') || (c == ':' && s.startsWith("//", i + 1)) || !keyBefore(s, i)) {
        continue;
      }
      int from = valueStart(s, i + 1);
      char quote = from > i + 1 ? s.charAt(from - 1) : 0;
      int closing = quote == '"' || quote == '\'' ? s.indexOf(quote, from) : -1;
      int to = closing >= 0 ? closing : valueEnd(s, from); // a quoted value ends at its quote, blanks and all
      if (to == from || (to - from == MASK.length() && s.startsWith(MASK, from))) {
        continue;
      }
      if (sb == null) {
        sb = new StringBuilder(n);
      }
      sb.append(s, copied, from).append(MASK);
      copied = to;
      i = to - 1;
    }
    return sb == null ? s : sb.append(s, copied, n).toString();
  }

  /** Where the value after a separator begins: past blanks and an opening quote. */
  private static int valueStart(String s, int i) {
    int n = s.length();
    while (i < n && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
      i++;
    }
    if (i < n && (s.charAt(i) == '"' || s.charAt(i) == '\'')) {
      i++;
    }
    return i;
  }

  /**
   * Where the value that starts at {@code from} ends. After an auth scheme word ("Authorization:
   * Basic dXNl...") the credentials that follow it belong to the value.
   */
  private static int valueEnd(String s, int from) {
    int n = s.length();
    int i = from;
    for (String scheme : AUTH_SCHEMES) {
      int after = from + scheme.length();
      if (after < n && s.regionMatches(true, from, scheme, 0, scheme.length())
          && (s.charAt(after) == ' ' || s.charAt(after) == '\t')) {
        i = after;
        while (i < n && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
          i++;
        }
        break;
      }
    }
    while (i < n && !endsValue(s.charAt(i))) {
      i++;
    }
    return i;
  }

  private static final String[] AUTH_SCHEMES = {"bearer", "basic", "digest", "token", "negotiate"};

  private static boolean endsValue(char c) {
    switch (c) {
      case ' ': case '\t': case '\n': case '\r': case '"': case '\'': case '&': case ',': case ';':
      case '<': case '>': case '(': case ')': case '[': case ']': case '{': case '}':
        return true;
      default:
        return false;
    }
  }

  /** Which part of a match to mask: {@code {from, to}}, or null to leave the match alone. */
  private interface Part {
    int[] of(Matcher m);
  }

  /** {@code s} with the chosen part of every match of {@code p} masked; {@code s} itself if none. */
  private static String maskEach(Pattern p, String s, Part part) {
    Matcher m = p.matcher(s);
    StringBuilder sb = null;
    int copied = 0;
    while (m.find()) {
      int[] range = part.of(m);
      if (range == null || range[0] == range[1] || s.substring(range[0], range[1]).equals(MASK)) {
        continue;
      }
      if (sb == null) {
        sb = new StringBuilder(s.length());
      }
      sb.append(s, copied, range[0]).append(MASK);
      copied = range[1];
    }
    return sb == null ? s : sb.append(s, copied, s.length()).toString();
  }

  private static String replaceGroup(Pattern p, String s, int group) {
    return maskEach(p, s, m -> new int[] {m.start(group), m.end(group)});
  }

  /** Keeps group 1 (the scheme word and its blank) and masks the rest of each match. */
  private static String replaceAfterGroup1(Pattern p, String s) {
    return maskEach(p, s, m -> new int[] {m.end(1), m.end()});
  }

  private static String cards(String s) {
    return maskEach(CARD_NUMBER, s, m -> isCard(s, m.start(), m.end()) ? new int[] {m.start(), m.end()} : null);
  }

  /**
   * Whether the digits of {@code s[from, to)} are a card number: standing alone (not part of a
   * word, a path or an id such as {@code junit-3173292836387766948}), of a length and prefix a card
   * network issues, and passing the Luhn check. Each condition cuts the random numbers that look
   * like one (timestamps, ids): Luhn alone lets one in ten through.
   */
  static boolean isCard(String s, int from, int to) {
    if ((from > 0 && isWordChar(s.charAt(from - 1))) || (to < s.length() && isWordChar(s.charAt(to)))) {
      return false;
    }
    StringBuilder digits = new StringBuilder(19);
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c >= '0' && c <= '9') {
        digits.append(c);
      }
    }
    return issued(digits) && luhn(s, from, to);
  }

  private static boolean isWordChar(char c) {
    return Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == '/' || c == '\\';
  }

  /** Whether a card network issues numbers of this prefix and length (ISO/IEC 7812 ranges). */
  private static boolean issued(CharSequence d) {
    int n = d.length();
    int two = (d.charAt(0) - '0') * 10 + (d.charAt(1) - '0');
    int four = two * 100 + (d.charAt(2) - '0') * 10 + (d.charAt(3) - '0');
    switch (d.charAt(0)) {
      case '4': // Visa
        return n == 13 || n == 16 || n == 19;
      case '5': // Mastercard 51-55; Maestro 50, 56-58
        return n >= 12 && n <= 19 && (two >= 51 && two <= 55 ? n == 16 : two != 59);
      case '2': // Mastercard 2221-2720; Mir 2200-2204
        return n == 16 && ((four >= 2221 && four <= 2720) || (four >= 2200 && four <= 2204));
      case '3': // Amex 34, 37; JCB 3528-3589; Diners 300-305, 36, 38, 39
        if (two == 34 || two == 37) {
          return n == 15;
        }
        if (four >= 3528 && four <= 3589) {
          return n >= 16 && n <= 19;
        }
        return (two == 30 || two == 36 || two == 38 || two == 39) && n >= 14 && n <= 19;
      case '6': // Discover 6011, 644-649, 65; UnionPay 62; Maestro 6x
        return n >= 16 && n <= 19;
      default:
        return false;
    }
  }

  /** The Luhn check over the digits of {@code s[from, to)}. */
  static boolean luhn(CharSequence s, int from, int to) {
    int sum = 0;
    boolean twice = false;
    for (int i = to - 1; i >= from; i--) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        continue;
      }
      int d = c - '0';
      if (twice) {
        d *= 2;
        if (d > 9) {
          d -= 9;
        }
      }
      sum += d;
      twice = !twice;
    }
    return sum % 10 == 0;
  }

  private static String configured(Pattern p, String s) {
    boolean secretGroup = p.pattern().contains("(?<secret>");
    return maskEach(p, s, m -> secretGroup ? new int[] {m.start("secret"), m.end("secret")} : new int[] {m.start(), m.end()});
  }
}
