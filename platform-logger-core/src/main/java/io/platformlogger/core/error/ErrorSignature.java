package io.platformlogger.core.error;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.HexFormat;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * Computes an entry's {@code error_signature}: a 16-hex-digit hash that is equal for occurrences
 * of the same error and different for different errors, so a log store can group and count them.
 *
 * <p>The hash is the first 64 bits of SHA-256 over the UTF-8 bytes of {@code type | generalized
 * message | class.method of the top application frame}. Variable parts of the message (ids,
 * numbers, addresses, times, quoted values) are replaced by placeholders; infrastructure frames
 * (JDK, frameworks, logging, generated proxies) are skipped; line numbers, lambda and
 * anonymous-class counters and generated-class suffixes are left out so that rebuilding or editing
 * unrelated code does not split a group. The result depends only on those strings: never on object
 * identity, hash codes, the default charset or locale, so it is the same in every JVM and run.
 * docs/error-signatures.md describes the rules in full.
 *
 * <p>Never throws: any argument may be null or empty. Stateless and thread-safe.
 */
public final class ErrorSignature {
  /** Number of hex digits in a signature (64 bits: collisions are negligible below ~10^8 groups). */
  public static final int LENGTH = 16;

  private static final String NULL_POINTER = "java.lang.NullPointerException";

  /**
   * Exceptions that only carry another exception across a thread or reflection boundary. Whether
   * code ran synchronously or through a future must not change the group, so {@link #of} looks
   * through them (exact class match only: subclasses may mean something).
   */
  private static final Set<String> TRANSPORT_WRAPPERS =
      Set.of(
          "java.util.concurrent.CompletionException",
          "java.util.concurrent.ExecutionException",
          "java.lang.reflect.InvocationTargetException",
          "java.lang.reflect.UndeclaredThrowableException");

  /** Causes followed at most; guards against absurdly long or cyclic chains. */
  private static final int MAX_CAUSE_DEPTH = 32;

  private static final HexFormat HEX = HexFormat.of();

  private ErrorSignature() {}

  /**
   * The signature of an error described by its type name, message and stack; any of them may be
   * null or empty. The frame used is {@link #topApplicationFrame}, or the topmost frame when the
   * stack holds only infrastructure.
   */
  public static String compute(String errorType, String message, StackTraceElement[] stack) {
    return hash(canonical(errorType, message, stack));
  }

  /**
   * The signature of a throwable, or null for null.
   *
   * <p>The <em>outermost</em> throwable defines the group's type and message (after looking through
   * pure transport wrappers such as {@code CompletionException}): it is what the application chose
   * to throw, at the level of abstraction it handles, and its message usually names the operation
   * that failed. Root causes are often generic ({@code SocketTimeoutException: Read timed out})
   * and shared by unrelated failures, so they would merge groups that need different fixes. The
   * root cause's type is still appended when it differs, so "payment failed, caused by a timeout"
   * and "payment failed, caused by a constraint violation" stay apart. The frame is the top
   * application frame of the outermost throwable's stack, else of the first cause that has one (an
   * exception created inside a framework may carry application code only in its cause).
   */
  public static String of(Throwable throwable) {
    if (throwable == null) {
      return null;
    }
    return hash(canonical(throwable));
  }

  /**
   * The first frame that is application code: not JDK, language runtime, logging, this library,
   * a common framework or server, nor a generated proxy, lambda, CGLIB or Byte Buddy class (see
   * {@code FrameFilter} and docs/error-signatures.md for the exact lists). Null when there is none
   * or the stack is null or empty.
   */
  public static StackTraceElement topApplicationFrame(StackTraceElement[] stack) {
    if (stack == null) {
      return null;
    }
    for (StackTraceElement frame : stack) {
      if (!FrameFilter.isInfrastructure(frame)) {
        return frame;
      }
    }
    return null;
  }

  /** The text that is hashed for {@link #compute}; exposed to tests so they can show why. */
  static String canonical(String errorType, String message, StackTraceElement[] stack) {
    StackTraceElement frame = topApplicationFrame(stack);
    return canonical(errorType, message, frame != null ? frame : firstFrame(stack), null);
  }

  /** The text that is hashed for {@link #of}. */
  static String canonical(Throwable throwable) {
    Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    Throwable defining = throwable;
    while (seen.size() < MAX_CAUSE_DEPTH && TRANSPORT_WRAPPERS.contains(defining.getClass().getName())) {
      Throwable inner = cause(defining);
      if (inner == null || !seen.add(defining)) {
        break;
      }
      defining = inner;
    }
    StackTraceElement frame = null;
    StackTraceElement fallback = firstFrame(stack(defining));
    Throwable root = defining;
    seen.clear();
    for (Throwable t = defining; t != null && seen.size() < MAX_CAUSE_DEPTH && seen.add(t); t = cause(t)) {
      if (frame == null) {
        frame = topApplicationFrame(stack(t));
      }
      root = t;
    }
    String type = defining.getClass().getName();
    String rootType = root.getClass().getName();
    return canonical(
        type, message(defining), frame != null ? frame : fallback, rootType.equals(type) ? null : rootType);
  }

  private static String canonical(String type, String message, StackTraceElement frame, String rootType) {
    String normalizedType = FrameNormalizer.className(type);
    String line = MessageGeneralizer.firstLine(message);
    String shape =
        NULL_POINTER.equals(normalizedType) && MessageGeneralizer.isHelpfulNullPointerMessage(line)
            ? line
            : MessageGeneralizer.generalize(line);
    StringBuilder sb = new StringBuilder(normalizedType.length() + shape.length() + 80);
    sb.append(normalizedType).append('|').append(shape).append('|').append(FrameNormalizer.key(frame));
    if (rootType != null) {
      sb.append("|caused-by:").append(FrameNormalizer.className(rootType));
    }
    return sb.toString();
  }

  private static String hash(String canonical) {
    byte[] digest = sha256().digest(canonical.getBytes(StandardCharsets.UTF_8));
    return HEX.formatHex(digest, 0, LENGTH / 2);
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform must provide SHA-256", e);
    }
  }

  private static StackTraceElement firstFrame(StackTraceElement[] stack) {
    if (stack != null) {
      for (StackTraceElement frame : stack) {
        if (frame != null) {
          return frame;
        }
      }
    }
    return null;
  }

  // Throwable methods can be overridden by application classes; a broken override must not
  // break logging, so each read is guarded.

  private static String message(Throwable t) {
    try {
      return t.getMessage();
    } catch (RuntimeException e) {
      return null;
    }
  }

  private static StackTraceElement[] stack(Throwable t) {
    try {
      return t.getStackTrace();
    } catch (RuntimeException e) {
      return null;
    }
  }

  private static Throwable cause(Throwable t) {
    try {
      return t.getCause();
    } catch (RuntimeException e) {
      return null;
    }
  }
}
