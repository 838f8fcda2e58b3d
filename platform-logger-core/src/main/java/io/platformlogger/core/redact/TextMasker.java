package io.platformlogger.core.redact;

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
 * <p>Cost: most text holds no secret, so one pass over its chars looks for what each family
 * needs to be present (a {@code =} or {@code :} after a secret key, {@code ://} then {@code @},
 * "bearer", "eyJ", "AKIA"/"ASIA", "-----BEGIN", a run of 13 digits) and returns the same instance
 * when nothing is found; a family's regular expression runs only when its trigger was seen.
 * Configured patterns have no trigger and run over every text. Immutable and thread-safe.
 */
final class TextMasker {
  static final String MASK = "[REDACTED]";

  private static final int KV = 1;
  private static final int URL = 1 << 1;
  private static final int BEARER = 1 << 2;
  private static final int JWT = 1 << 3;
  private static final int AWS = 1 << 4;
  private static final int PEM = 1 << 5;
  private static final int CARD = 1 << 6;

  private static final Pattern PEM_BLOCK =
      Pattern.compile("-----BEGIN ([A-Z0-9 ]*)PRIVATE KEY-----.*?(?:-----END \\1PRIVATE KEY-----|\\z)", Pattern.DOTALL);
  /** A key, its separator ({@code =} or {@code :}, quotes and blanks around), and its value. */
  private static final Pattern KEY_VALUE =
      Pattern.compile(
          "([A-Za-z0-9_.\\-]+)([\"']?[ \\t]*[=:][ \\t]*[\"']?)"
              + "((?:(?i:bearer|basic|digest|token|negotiate)[ \\t]+)?[^\\s\"'&,;<>()\\[\\]{}]+)");
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
    int found = scan(s);
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

  /**
   * The families whose trigger occurs in {@code s}: one pass, no allocation. Cheap enough to run
   * over every message and string value.
   */
  int scan(String s) {
    int found = 0;
    int digits = 0;
    boolean separatorBefore = false;
    boolean scheme = false;
    int n = s.length();
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c >= '0' && c <= '9') {
        if (++digits >= 13) {
          found |= CARD;
        }
        separatorBefore = false;
        continue;
      }
      switch (c) {
        case ' ':
        case '-':
          if (c == '-' && s.startsWith("-----BEGIN", i)) {
            found |= PEM;
          }
          if (separatorBefore) {
            digits = 0; // two separators end a card number
          }
          separatorBefore = digits > 0;
          continue;
        case ':':
          if (i + 2 < n && s.charAt(i + 1) == '/' && s.charAt(i + 2) == '/') {
            scheme = true;
          } else if (keyBefore(s, i)) {
            found |= KV;
          }
          break;
        case '=':
          if (keyBefore(s, i)) {
            found |= KV;
          }
          break;
        case '@':
          if (scheme) {
            found |= URL;
          }
          break;
        case 'b':
        case 'B':
          if (s.regionMatches(true, i, "bearer", 0, 6)) {
            found |= BEARER;
          }
          break;
        case 'e':
          if (i + 2 < n && s.charAt(i + 1) == 'y' && s.charAt(i + 2) == 'J') {
            found |= JWT;
          }
          break;
        case 'A':
          if (i + 3 < n
              && (s.charAt(i + 1) == 'K' || s.charAt(i + 1) == 'S')
              && s.charAt(i + 2) == 'I'
              && s.charAt(i + 3) == 'A') {
            found |= AWS;
          }
          break;
        default:
          break;
      }
      digits = 0;
      separatorBefore = false;
    }
    return found;
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
    int start = end;
    while (start > 0 && end - start < 128 && isKeyChar(s.charAt(start - 1))) {
      start--;
    }
    return start < end && keys.isSecret(s, start, end);
  }

  private static boolean isKeyChar(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
        || c == '_' || c == '-' || c == '.';
  }

  private String keyValues(String s) {
    Matcher m = KEY_VALUE.matcher(s);
    StringBuilder sb = null;
    int copied = 0;
    int from = 0;
    while (from < s.length() && m.find(from)) {
      if (!keys.isSecret(s, m.start(1), m.end(1)) || m.group(3).equals(MASK)) {
        // Not a secret: its "value" may hold one (jdbc:...?password=x), so look on right after the separator.
        from = m.end(2);
        continue;
      }
      if (sb == null) {
        sb = new StringBuilder(s.length());
      }
      sb.append(s, copied, m.start(3)).append(MASK);
      copied = m.end(3);
      from = copied;
    }
    return sb == null ? s : sb.append(s, copied, s.length()).toString();
  }

  private static String replaceGroup(Pattern p, String s, int group) {
    Matcher m = p.matcher(s);
    StringBuilder sb = null;
    int copied = 0;
    while (m.find()) {
      if (m.group(group).equals(MASK)) {
        continue;
      }
      if (sb == null) {
        sb = new StringBuilder(s.length());
      }
      sb.append(s, copied, m.start(group)).append(MASK);
      copied = m.end(group);
    }
    return sb == null ? s : sb.append(s, copied, s.length()).toString();
  }

  /** Keeps group 1 (the scheme word and its blank) and masks the rest of each match. */
  private static String replaceAfterGroup1(Pattern p, String s) {
    Matcher m = p.matcher(s);
    StringBuilder sb = null;
    int copied = 0;
    while (m.find()) {
      if (sb == null) {
        sb = new StringBuilder(s.length());
      }
      sb.append(s, copied, m.end(1)).append(MASK);
      copied = m.end();
    }
    return sb == null ? s : sb.append(s, copied, s.length()).toString();
  }

  private static String cards(String s) {
    Matcher m = CARD_NUMBER.matcher(s);
    StringBuilder sb = null;
    int copied = 0;
    while (m.find()) {
      if (!luhn(s, m.start(), m.end())) {
        continue;
      }
      if (sb == null) {
        sb = new StringBuilder(s.length());
      }
      sb.append(s, copied, m.start()).append(MASK);
      copied = m.end();
    }
    return sb == null ? s : sb.append(s, copied, s.length()).toString();
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
    Matcher m = p.matcher(s);
    StringBuilder sb = null;
    int copied = 0;
    boolean hasSecretGroup = p.pattern().contains("(?<secret>");
    while (m.find()) {
      int from = hasSecretGroup ? m.start("secret") : m.start();
      int to = hasSecretGroup ? m.end("secret") : m.end();
      if (from < 0 || from == to || s.startsWith(MASK, from) && to - from == MASK.length()) {
        continue;
      }
      if (sb == null) {
        sb = new StringBuilder(s.length());
      }
      sb.append(s, copied, from).append(MASK);
      copied = to;
    }
    return sb == null ? s : sb.append(s, copied, s.length()).toString();
  }
}
