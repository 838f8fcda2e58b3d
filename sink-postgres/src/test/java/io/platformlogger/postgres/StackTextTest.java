package io.platformlogger.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StackTextTest {

  @Test
  void theTopApplicationFrameOfTheOutermostThrowableIsRead() {
    String stack = """
        java.lang.IllegalStateException: boom
        \tat java.base/java.util.Objects.requireNonNull(Objects.java:233)
        \tat com.acme.orders.OrderService.place(OrderService.java:42)
        \tat com.acme.Api.post(Api.java:7)
        Caused by: java.io.IOException: disk
        \tat com.acme.store.Files.write(Files.java:3)
        """;
    assertThat(StackText.topFrame(stack)).isEqualTo("com.acme.orders.OrderService.place");
  }

  @Test
  void aCausesFrameIsUsedWhenTheOuterStackIsAllInfrastructure() {
    String stack = "java.util.concurrent.CompletionException: x\n\tat java.base/java.util.concurrent.CompletableFuture.encodeThrowable(CompletableFuture.java:315)\n"
        + "Caused by: java.io.IOException: disk\n\tat com.acme.store.Files.write(Files.java:3)";
    assertThat(StackText.topFrame(stack)).isEqualTo("com.acme.store.Files.write");
  }

  @Test
  void textWithoutFramesHasNone() {
    assertThat(StackText.topFrame("stack 4")).isEmpty();
    assertThat(StackText.topFrame(null)).isEmpty();
    assertThat(StackText.topFrame("\tat nodots(x)")).isEmpty();
  }
}
