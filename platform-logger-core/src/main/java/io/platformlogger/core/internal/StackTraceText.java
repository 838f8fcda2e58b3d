package io.platformlogger.core.internal;

import io.platformlogger.core.sink.Failures;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Renders a throwable's stack trace for {@code error_stack}. A cause chain of ordinary depth is
 * rendered exactly as {@link Throwable#printStackTrace()} does. A chain deeper than {@link
 * #MAX_CAUSES} (thousands of wrappers from a recursive retry, say) would make {@code
 * printStackTrace} recurse once per cause until the stack overflows and lose everything; it is
 * rendered iteratively instead: the throwable and its first {@link #KEPT_TOP} causes, a summary of
 * the causes left out (how many, of which types), and the last {@link #KEPT_BOTTOM} causes ending
 * with the root cause, each with its frames, marked {@code error_causes_truncated}. Stateless and
 * thread-safe; called on the pipeline's dispatcher thread.
 */
public final class StackTraceText {
  /** The deepest chain rendered by {@code printStackTrace}. */
  public static final int MAX_CAUSES = 64;
  /** Causes kept below the throwable itself in a deeper chain. */
  static final int KEPT_TOP = 16;
  /** Causes kept at the bottom of a deeper chain, the root cause last. */
  static final int KEPT_BOTTOM = 8;
  /** Distinct cause types named in the summary of what was left out. */
  private static final int SUMMARY_TYPES = 8;

  public static final String CAUSES_TRUNCATED = "error_causes_truncated";

  private StackTraceText() {}

  /**
   * The stack trace of {@code t}, as described above. Walks the chain once (a cycle ends it).
   *
   * @param sanitized receives {@link #CAUSES_TRUNCATED} when causes were left out
   */
  public static String render(Throwable t, Set<String> sanitized) {
    Throwable[] chain = chain(t);
    if (chain.length <= MAX_CAUSES + 1) {
      try {
        StringWriter w = new StringWriter(1024);
        t.printStackTrace(new PrintWriter(w));
        return w.toString();
      } catch (StackOverflowError deepSuppressed) {
        // a chain hidden among the suppressed exceptions: fall through to the iterative form
      }
    }
    sanitized.add(CAUSES_TRUNCATED);
    return renderIteratively(chain);
  }

  /** The throwable followed by its causes, each once, in order. */
  private static Throwable[] chain(Throwable t) {
    Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    java.util.ArrayList<Throwable> out = new java.util.ArrayList<>();
    for (Throwable c = t; c != null && seen.add(c); c = c.getCause()) {
      out.add(c);
    }
    return out.toArray(new Throwable[0]);
  }

  private static String renderIteratively(Throwable[] chain) {
    StringBuilder sb = new StringBuilder(8192);
    int n = chain.length;
    boolean cut = n > 1 + KEPT_TOP + KEPT_BOTTOM;
    int topEnd = cut ? 1 + KEPT_TOP : n; // causes [1, topEnd) and [bottomStart, n) are shown
    int bottomStart = cut ? n - KEPT_BOTTOM : n;
    StackTraceElement[] enclosing = null;
    for (int i = 0; i < n; i++) {
      if (i == topEnd) {
        summary(sb, chain, topEnd, bottomStart);
        i = bottomStart;
        enclosing = null; // the frames shared with the omitted cause are unknown: show them all
      }
      Throwable c = chain[i];
      if (i > 0) {
        sb.append("Caused by: ");
      }
      sb.append(Failures.describe(c)).append('\n');
      StackTraceElement[] frames = frames(c);
      int common = enclosing == null ? 0 : commonTail(frames, enclosing);
      for (int f = 0; f < frames.length - common; f++) {
        sb.append("\tat ").append(frames[f]).append('\n');
      }
      if (common > 0) {
        sb.append("\t... ").append(common).append(" more\n");
      }
      enclosing = frames;
    }
    return sb.toString();
  }

  private static void summary(StringBuilder sb, Throwable[] chain, int from, int to) {
    Map<String, Integer> types = new LinkedHashMap<>();
    for (int i = from; i < to; i++) {
      types.merge(chain[i].getClass().getName(), 1, Integer::sum);
    }
    sb.append("\t... [").append(to - from).append(" causes left out: ");
    int shown = 0;
    for (Map.Entry<String, Integer> e : types.entrySet()) {
      if (shown == SUMMARY_TYPES) {
        sb.append(", ").append(types.size() - shown).append(" more types");
        break;
      }
      sb.append(shown++ == 0 ? "" : ", ").append(e.getValue()).append(" × ").append(e.getKey());
    }
    sb.append("]\n");
  }

  private static StackTraceElement[] frames(Throwable t) {
    StackTraceElement[] frames = t.getStackTrace();
    return frames == null ? new StackTraceElement[0] : frames;
  }

  /** How many frames at the bottom {@code frames} shares with the trace that encloses it. */
  private static int commonTail(StackTraceElement[] frames, StackTraceElement[] enclosing) {
    int m = frames.length - 1;
    int e = enclosing.length - 1;
    while (m >= 0 && e >= 0 && frames[m].equals(enclosing[e])) {
      m--;
      e--;
    }
    return frames.length - 1 - m;
  }
}
