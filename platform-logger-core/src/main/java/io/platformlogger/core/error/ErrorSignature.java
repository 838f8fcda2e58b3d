package io.platformlogger.core.error;

/** TEMPORARY stand-in until the real one is merged. */
public final class ErrorSignature {
  private ErrorSignature() {}

  public static String of(Throwable t) {
    return Integer.toHexString(t.getClass().getName().hashCode());
  }

  public static String compute(String errorType, String message, StackTraceElement[] stack) {
    return Integer.toHexString((errorType + message).hashCode());
  }
}
