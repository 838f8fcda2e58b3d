package io.platformlogger.core.error;

import java.util.List;

/**
 * Decides which stack frames are infrastructure (JDK, language runtimes, logging, common
 * frameworks, generated proxies) rather than application code. This is the one place the lists
 * live; docs/error-signatures.md repeats them. Stateless and thread-safe.
 */
final class FrameFilter {

  /**
   * Class-name prefixes of infrastructure packages. A frame in one of these never defines an error
   * group: the same JDK or framework method sits below thousands of unrelated application errors.
   */
  static final List<String> INFRASTRUCTURE_PREFIXES =
      List.of(
          // JDK and language runtimes (jdk. covers jdk.internal.reflect and jdk.proxyN.$ProxyN)
          "java.",
          "javax.",
          "jakarta.",
          "jdk.",
          "sun.",
          "com.sun.",
          "kotlin.",
          "kotlinx.",
          "scala.",
          // logging, including this library
          "org.slf4j.",
          "io.platformlogger.core.",
          "ch.qos.logback.",
          "org.apache.logging.",
          "org.apache.log4j.",
          // frameworks, servers and test runners
          "org.springframework.",
          "org.junit.",
          "org.apache.catalina.",
          "org.apache.tomcat.",
          "org.apache.coyote.",
          "io.netty.",
          "reactor.core.",
          "net.bytebuddy.",
          "org.mockito.");

  /**
   * Substrings of class names that byte-code generators produce: proxies, lambdas, CGLIB, Byte
   * Buddy, Mockito, Hibernate, Javassist and reflection accessors. Such a frame delegates to the
   * real method, which is the frame below it.
   */
  static final List<String> GENERATED_CLASS_MARKERS =
      List.of(
          "$$Lambda",
          "$$EnhancerBy",
          "$$FastClassBy",
          "$$SpringCGLIB$$",
          "$$ByteBuddy$$",
          "$ByteBuddy$",
          "$MockitoMock$",
          "$HibernateProxy$",
          "_$$_jvst",
          "_$$_javassist",
          "GeneratedMethodAccessor",
          "GeneratedConstructorAccessor",
          "GeneratedSerializationConstructorAccessor");

  /** Method-name prefix CGLIB gives its generated super-call bridges. */
  private static final String CGLIB_METHOD_PREFIX = "CGLIB$";

  private FrameFilter() {}

  /** True for frames that belong to infrastructure or generated code (and for null). */
  static boolean isInfrastructure(StackTraceElement frame) {
    if (frame == null) {
      return true;
    }
    String cls = frame.getClassName();
    for (String prefix : INFRASTRUCTURE_PREFIXES) {
      if (cls.startsWith(prefix)) {
        return true;
      }
    }
    for (String marker : GENERATED_CLASS_MARKERS) {
      if (cls.contains(marker)) {
        return true;
      }
    }
    return isDynamicProxy(cls) || frame.getMethodName().startsWith(CGLIB_METHOD_PREFIX);
  }

  /** {@code $Proxy12} or {@code com.example.$Proxy12}: java.lang.reflect.Proxy classes. */
  private static boolean isDynamicProxy(String cls) {
    int simpleStart = cls.lastIndexOf('.') + 1;
    return cls.startsWith("$Proxy", simpleStart);
  }
}
