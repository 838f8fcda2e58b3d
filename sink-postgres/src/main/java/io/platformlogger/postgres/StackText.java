package io.platformlogger.postgres;

import io.platformlogger.core.error.ErrorSignature;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the frame an error signature was computed from back out of a stored {@code error_stack}
 * (the printed stack trace): the top application frame of the outermost throwable, else of the
 * causes, else the first frame. Frames look like {@code at [module/]pkg.Class.method(File.java:12)}.
 */
final class StackText {
  private StackText() {}

  /** {@code pkg.Class.method} of that frame, or "" when the text holds no frame. */
  static String topFrame(String stack) {
    if (stack == null || stack.isEmpty()) {
      return "";
    }
    List<StackTraceElement> outer = new ArrayList<>();
    List<StackTraceElement> all = new ArrayList<>();
    boolean inCause = false;
    for (String raw : stack.split("\n", 2_000)) {
      String line = raw.strip();
      if (line.startsWith("Caused by:") || line.startsWith("Suppressed:")) {
        inCause = true;
      } else if (line.startsWith("at ")) {
        StackTraceElement frame = frame(line.substring(3));
        if (frame != null) {
          all.add(frame);
          if (!inCause) {
            outer.add(frame);
          }
        }
      }
    }
    StackTraceElement top = ErrorSignature.topApplicationFrame(outer.toArray(new StackTraceElement[0]));
    if (top == null) {
      top = ErrorSignature.topApplicationFrame(all.toArray(new StackTraceElement[0]));
    }
    if (top == null && !all.isEmpty()) {
      top = all.get(0);
    }
    return top == null ? "" : top.getClassName() + "." + top.getMethodName();
  }

  private static StackTraceElement frame(String text) {
    int paren = text.indexOf('(');
    String qualified = paren < 0 ? text : text.substring(0, paren);
    int slash = qualified.lastIndexOf('/');
    if (slash >= 0) {
      qualified = qualified.substring(slash + 1); // module and class loader prefix
    }
    int dot = qualified.lastIndexOf('.');
    if (dot <= 0 || dot == qualified.length() - 1) {
      return null;
    }
    return new StackTraceElement(qualified.substring(0, dot), qualified.substring(dot + 1), null, -1);
  }
}
