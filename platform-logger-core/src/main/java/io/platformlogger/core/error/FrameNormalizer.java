package io.platformlogger.core.error;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reduces a class or method name to the part that survives a rebuild: generated-class suffixes
 * (CGLIB, Byte Buddy, lambda and proxy counters), anonymous-class and lambda numbers are dropped,
 * so editing unrelated code in the same class does not split an error group. Line numbers are
 * never used. Stateless and thread-safe.
 */
final class FrameNormalizer {
  // Each pattern is linear: one character class or literal run per quantifier, nothing nested.
  private static final Pattern LAMBDA_CLASS = Pattern.compile("\\$\\$Lambda[$/0-9a-fA-Fx]*");
  private static final Pattern CGLIB_CLASS =
      Pattern.compile("\\$\\$(?:EnhancerBy|FastClassBy)[A-Za-z]*CGLIB\\$\\$[0-9a-fA-F_]*");
  private static final Pattern SPRING_CGLIB_CLASS = Pattern.compile("\\$\\$SpringCGLIB\\$\\$\\d*");
  private static final Pattern BYTE_BUDDY_CLASS =
      Pattern.compile("\\$(?:\\$ByteBuddy\\$|ByteBuddy|MockitoMock|HibernateProxy)\\$[A-Za-z0-9$]*");
  private static final Pattern JAVASSIST_CLASS = Pattern.compile("_\\$\\$_(?:jvst|javassist)[A-Za-z0-9_]*");
  private static final Pattern COUNTED_GENERATED =
      Pattern.compile("(\\$Proxy|GeneratedMethodAccessor|GeneratedConstructorAccessor)\\d+");
  private static final Pattern ANONYMOUS_NUMBER = Pattern.compile("\\$\\d+");

  private static final Pattern JAVAC_LAMBDA = Pattern.compile("lambda\\$(.+)\\$\\d+");
  private static final Pattern ECJ_LAMBDA = Pattern.compile("lambda\\$\\d+");
  private static final Pattern KOTLIN_LAMBDA = Pattern.compile("(.+)\\$lambda[-$]\\d+");
  private static final Pattern SCALA_ANONFUN = Pattern.compile("\\$anonfun\\$(.+)\\$\\d+(?:\\$adapted)?");
  private static final Pattern CGLIB_METHOD = Pattern.compile("CGLIB\\$(.+)\\$\\d+");
  private static final Pattern SYNTHETIC_ACCESSOR = Pattern.compile("access\\$\\d+");

  private FrameNormalizer() {}

  /** {@code class.method} of a frame, normalized; empty for null. */
  static String key(StackTraceElement frame) {
    if (frame == null) {
      return "";
    }
    return className(frame.getClassName()) + "." + methodName(frame.getMethodName());
  }

  /**
   * A class name without generated suffixes and counters: {@code Foo$$EnhancerBySpringCGLIB$$1a2b}
   * becomes {@code Foo}, {@code Foo$$Lambda$14/0x0000000800c03000} becomes {@code Foo$$Lambda},
   * {@code Foo$2} becomes {@code Foo$}, {@code $Proxy12} becomes {@code $Proxy}.
   */
  static String className(String name) {
    if (name == null) {
      return "";
    }
    String n = name.trim();
    if (n.indexOf('$') < 0 && n.indexOf("Accessor") < 0) {
      return n; // the common case: a plain top-level class
    }
    n = LAMBDA_CLASS.matcher(n).replaceAll("\\$\\$Lambda");
    n = CGLIB_CLASS.matcher(n).replaceAll("");
    n = SPRING_CGLIB_CLASS.matcher(n).replaceAll("");
    n = BYTE_BUDDY_CLASS.matcher(n).replaceAll("");
    n = JAVASSIST_CLASS.matcher(n).replaceAll("");
    n = COUNTED_GENERATED.matcher(n).replaceAll("$1");
    return ANONYMOUS_NUMBER.matcher(n).replaceAll("\\$");
  }

  /**
   * A method name with lambda and accessor numbering removed: {@code lambda$placeOrder$3} becomes
   * {@code placeOrder}, {@code lambda$new$0} becomes {@code <init>}, {@code lambda$static$1}
   * becomes {@code <clinit>}, {@code access$000} becomes {@code access$}.
   */
  static String methodName(String name) {
    if (name == null) {
      return "";
    }
    String n = name.trim();
    if (n.indexOf('$') < 0) {
      return n;
    }
    Matcher m = JAVAC_LAMBDA.matcher(n);
    if (m.matches()) {
      return enclosing(m.group(1));
    }
    if (ECJ_LAMBDA.matcher(n).matches()) {
      return "lambda";
    }
    for (Pattern p : new Pattern[] {KOTLIN_LAMBDA, SCALA_ANONFUN, CGLIB_METHOD}) {
      m = p.matcher(n);
      if (m.matches()) {
        return m.group(1);
      }
    }
    if (SYNTHETIC_ACCESSOR.matcher(n).matches()) {
      return "access$";
    }
    return n;
  }

  /** javac names lambdas in constructors and static initializers {@code new} and {@code static}. */
  private static String enclosing(String javacName) {
    switch (javacName) {
      case "new":
        return "<init>";
      case "static":
        return "<clinit>";
      default:
        return javacName;
    }
  }
}
