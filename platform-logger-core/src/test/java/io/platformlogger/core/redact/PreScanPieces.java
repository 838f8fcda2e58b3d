package io.platformlogger.core.redact;

import io.platformlogger.core.internal.TextSanitizer;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.ToIntFunction;

/**
 * Where the redaction pre-scan's time goes on a 1 KB text, piece by piece, next to the sanitizer's
 * pass over the same text and the alternatives that were tried (docs/benchmarks.md, "Redaction").
 * Main-driven, CPU time per call, median of 30 rounds after 10 warm-up rounds, every piece in
 * each round. A diagnostic, not a test and not a claim beside an anchor (the redaction ratios come
 * from benchmarks/caller-cost's EntryBuildRatio): it lives among core's test sources, in
 * TextMasker's package, because it times package-private pieces that no benchmark may reach
 * (docs/api-boundary.md).
 *
 * <p>Run after {@code ./mvnw -pl platform-logger-core -am test-compile}: {@code java -cp
 * platform-logger-core/target/classes:platform-logger-core/target/test-classes
 * io.platformlogger.core.redact.PreScanPieces}.
 */
public final class PreScanPieces {
  private PreScanPieces() {}

  private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();
  private static long sink;

  public static void main(String[] args) {
    TextMasker masker = new TextMasker(new SecretKeys(List.of(), List.of()), Map.of());
    String plain = "shipment batch ".repeat(70);
    String prose =
        ("GET /api/v1/orders?page=2&size=50 completed: status=200 duration=153ms user=u-8f3K2 "
                + "items=[A-1001, B-2002] Note: IAM role lookup for JSON body took 12 ms; Batch 7 of 9. ")
            .repeat(6);
    String[] names = {
      "scan (this pre-scan)", "sanitizer pass", "indexOf('=')", "indexOf(\"://\")", "indexOf(\"eyJ\")",
      "lastIndexOf('@')", "digit probe", "alt: table pass over every char", "alt: sanitizer pass + table"
    };
    List<ToIntFunction<String>> pieces =
        List.of(
            masker::scan,
            s -> TextSanitizer.clean(s, Integer.MAX_VALUE, null) == s ? 1 : 0,
            s -> s.indexOf('='),
            s -> s.indexOf("://"),
            s -> s.indexOf("eyJ"),
            s -> s.lastIndexOf('@'),
            s -> TextMasker.hasDigitRun(s) ? 1 : 0,
            PreScanPieces::tablePass,
            PreScanPieces::sanitizerWithTable);
    for (String text : new String[] {plain, prose}) {
      double[][] ns = new double[pieces.size()][30];
      for (int round = 0; round < 40; round++) {
        for (int p = 0; p < pieces.size(); p++) {
          double t = time(pieces.get(p), text, 10_000);
          if (round >= 10) {
            ns[p][round - 10] = t;
          }
        }
      }
      System.out.printf("[pre-scan] %s text, %d chars (ns per call, median of 30 rounds)%n",
          text == plain ? "plain" : "log-line", text.length());
      for (int p = 0; p < pieces.size(); p++) {
        Arrays.sort(ns[p]);
        System.out.printf("  %-34s %8.1f%n", names[p], ns[p][15]);
      }
    }
    if (sink == 42) {
      System.out.println();
    }
  }

  private static double time(ToIntFunction<String> piece, String text, int calls) {
    long start = CPU.getCurrentThreadCpuTime();
    for (int i = 0; i < calls; i++) {
      sink += piece.applyAsInt(text);
    }
    return (CPU.getCurrentThreadCpuTime() - start) / (double) calls;
  }

  private static final byte[] SIGNALS = new byte[128];

  static {
    for (char c = '0'; c <= '9'; c++) {
      SIGNALS[c] = 1;
    }
    SIGNALS['='] = 2;
    SIGNALS[':'] = 4;
    SIGNALS['@'] = 8;
    SIGNALS['B'] = 16;
    SIGNALS['J'] = 32;
    SIGNALS['I'] = 64;
  }

  /** The previous pre-scan's kernel: one table load per char. */
  private static int tablePass(String s) {
    int seen = 0;
    for (int i = 0; i < s.length(); i++) {
      seen |= SIGNALS[s.charAt(i) & 0x7F];
    }
    return seen;
  }

  /** The sanitizer's loop (NUL, unpaired surrogates) with the table load fused into it. */
  private static int sanitizerWithTable(String s) {
    int n = s.length();
    int seen = 0;
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      seen |= SIGNALS[c & 0x7F];
      if (c == 0) {
        return -1;
      }
      if (Character.isSurrogate(c)) {
        if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
          i++;
        } else {
          return -1;
        }
      }
    }
    return seen;
  }
}
