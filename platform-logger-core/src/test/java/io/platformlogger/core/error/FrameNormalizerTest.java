package io.platformlogger.core.error;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FrameNormalizerTest {

  @ParameterizedTest
  @CsvSource({
    "com.acme.OrderService, com.acme.OrderService",
    "com.acme.OrderService$$EnhancerBySpringCGLIB$$1a2b3c4d, com.acme.OrderService",
    "com.acme.OrderService$$FastClassBySpringCGLIB$$9f8e7d_2, com.acme.OrderService",
    "com.acme.OrderService$$SpringCGLIB$$0, com.acme.OrderService",
    "com.acme.OrderService$ByteBuddy$AbC123, com.acme.OrderService",
    "com.acme.OrderService$MockitoMock$1234567, com.acme.OrderService",
    "com.acme.Order$HibernateProxy$XyZ987, com.acme.Order",
    "com.acme.Order_$$_jvst1a2_0, com.acme.Order",
    "com.acme.OrderService$$Lambda$123/0x0000000800c0b000, com.acme.OrderService$$Lambda",
    "com.acme.OrderService$$Lambda/0x000071f2a8003a00, com.acme.OrderService$$Lambda",
    "com.acme.OrderService$$Lambda$7/1234567, com.acme.OrderService$$Lambda",
    "jdk.proxy2.$Proxy42, jdk.proxy2.$Proxy",
    "jdk.internal.reflect.GeneratedMethodAccessor17, jdk.internal.reflect.GeneratedMethodAccessor",
    "com.acme.OrderService$2, com.acme.OrderService$",
    "com.acme.OrderService$1Validator, com.acme.OrderService$Validator",
    "com.acme.OrderService$Inner, com.acme.OrderService$Inner"
  })
  void dropsGeneratedSuffixesAndCounters(String raw, String normalized) {
    assertThat(FrameNormalizer.className(raw)).isEqualTo(normalized);
  }

  @ParameterizedTest
  @CsvSource({
    "placeOrder, placeOrder",
    "lambda$placeOrder$0, placeOrder",
    "lambda$placeOrder$17, placeOrder",
    "lambda$new$0, <init>",
    "lambda$static$2, <clinit>",
    "lambda$3, lambda",
    "placeOrder$lambda$0, placeOrder",
    "placeOrder$lambda-1, placeOrder",
    "$anonfun$placeOrder$1, placeOrder",
    "$anonfun$placeOrder$1$adapted, placeOrder",
    "CGLIB$placeOrder$4, placeOrder",
    "access$000, access$",
    "placeOrder$default, placeOrder$default"
  })
  void dropsLambdaAndAccessorNumbering(String raw, String normalized) {
    assertThat(FrameNormalizer.methodName(raw)).isEqualTo(normalized);
  }

  @Test
  void buildsTheKeyFromClassAndMethodOnly() {
    StackTraceElement a = new StackTraceElement("com.acme.OrderService$$EnhancerBySpringCGLIB$$1a", "lambda$placeOrder$2", "OrderService.java", 10);
    StackTraceElement b = new StackTraceElement("app", "com.acme.OrderService", "2.0", "com.acme.OrderService", "placeOrder", "Other.java", 99);

    assertThat(FrameNormalizer.key(a)).isEqualTo("com.acme.OrderService.placeOrder").isEqualTo(FrameNormalizer.key(b));
    assertThat(FrameNormalizer.key(null)).isEmpty();
  }
}
