package io.platformlogger.core.error;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FrameFilterTest {
  private static final StackTraceElement APP = frame("com.acme.orders.OrderService", "placeOrder");

  @ParameterizedTest
  @ValueSource(
      strings = {
        "java.util.HashMap",
        "javax.servlet.http.HttpServlet",
        "jakarta.servlet.http.HttpServlet",
        "jdk.internal.reflect.DirectMethodHandleAccessor",
        "jdk.proxy2.$Proxy42",
        "sun.net.www.protocol.http.HttpURLConnection",
        "com.sun.proxy.$Proxy12",
        "kotlin.coroutines.jvm.internal.BaseContinuationImpl",
        "kotlinx.coroutines.DispatchedTask",
        "scala.concurrent.Future$",
        "org.slf4j.helpers.AbstractLogger",
        "io.platformlogger.core.pipeline.LogPipeline",
        "ch.qos.logback.classic.Logger",
        "org.apache.logging.log4j.spi.AbstractLogger",
        "org.springframework.aop.framework.ReflectiveMethodInvocation",
        "org.junit.platform.commons.util.ReflectionUtils",
        "org.apache.catalina.core.ApplicationFilterChain",
        "org.apache.tomcat.util.net.NioEndpoint",
        "io.netty.channel.AbstractChannelHandlerContext",
        "com.acme.$Proxy7",
        "com.acme.orders.OrderService$$EnhancerBySpringCGLIB$$1a2b3c",
        "com.acme.orders.OrderService$$FastClassBySpringCGLIB$$4d5e6f",
        "com.acme.orders.OrderService$$SpringCGLIB$$0",
        "com.acme.orders.OrderService$ByteBuddy$AbC123",
        "com.acme.orders.OrderService$MockitoMock$1234567",
        "com.acme.orders.Order$HibernateProxy$XyZ987",
        "com.acme.orders.Order_$$_jvst1a2_0",
        "com.acme.orders.OrderService$$Lambda$123/0x0000000800c0b000",
        "sun.reflect.GeneratedMethodAccessor17"
      })
  void skipsInfrastructureAndGeneratedFrames(String infrastructureClass) {
    StackTraceElement[] stack = {frame(infrastructureClass, "invoke"), APP};

    assertThat(ErrorSignature.topApplicationFrame(stack)).isSameAs(APP);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "com.acme.orders.OrderService",
        "com.acme.orders.OrderService$1",
        "com.acme.orders.OrderService$Inner",
        "javafx2.Foo",
        "sunrise.Billing",
        "io.platformlogger.demo.Shop",
        "Unpackaged"
      })
  void keepsApplicationFrames(String applicationClass) {
    StackTraceElement app = frame(applicationClass, "run");

    assertThat(ErrorSignature.topApplicationFrame(new StackTraceElement[] {app, APP})).isSameAs(app);
  }

  @Test
  void skipsCglibBridgeMethodsInApplicationClasses() {
    StackTraceElement bridge = frame("com.acme.orders.OrderService", "CGLIB$placeOrder$0");

    assertThat(ErrorSignature.topApplicationFrame(new StackTraceElement[] {bridge, APP})).isSameAs(APP);
  }

  @Test
  void returnsNullWithoutApplicationFrames() {
    assertThat(ErrorSignature.topApplicationFrame(null)).isNull();
    assertThat(ErrorSignature.topApplicationFrame(new StackTraceElement[0])).isNull();
    assertThat(ErrorSignature.topApplicationFrame(new StackTraceElement[] {null})).isNull();
    assertThat(ErrorSignature.topApplicationFrame(new StackTraceElement[] {frame("java.lang.Thread", "run")})).isNull();
  }

  @Test
  void skipsNullFrames() {
    assertThat(ErrorSignature.topApplicationFrame(new StackTraceElement[] {null, APP})).isSameAs(APP);
  }

  private static StackTraceElement frame(String cls, String method) {
    return new StackTraceElement(cls, method, null, 1);
  }
}
