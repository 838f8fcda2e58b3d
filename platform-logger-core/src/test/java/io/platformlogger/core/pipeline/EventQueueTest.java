package io.platformlogger.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class EventQueueTest {

  @Test
  void capacityIsRoundedUpToAPowerOfTwo() {
    assertThat(new EventQueue(64).capacity()).isEqualTo(64);
    assertThat(new EventQueue(65).capacity()).isEqualTo(128);
    assertThat(new EventQueue(100_000).capacity()).isEqualTo(131_072);
  }

  @Test
  void pollsInOfferOrderAndRefusesWhenFull() {
    EventQueue q = new EventQueue(4);
    assertThat(q.offer("a")).isTrue();
    assertThat(q.offer("b")).isTrue();
    assertThat(q.offer("c")).isTrue();
    assertThat(q.offer("d")).isTrue();
    assertThat(q.offer("e")).isFalse();
    assertThat(q.size()).isEqualTo(4);
    assertThat(q.poll()).isEqualTo("a");
    assertThat(q.offer("e")).isTrue();
    assertThat(List.of(q.poll(), q.poll(), q.poll(), q.poll())).containsExactly("b", "c", "d", "e");
    assertThat(q.poll()).isNull();
    assertThat(q.producerPosition()).isEqualTo(5);
    assertThat(q.consumerPosition()).isEqualTo(5);
  }

  @Test
  void concurrentProducersLoseNothingAndKeepEachProducersOrder() throws Exception {
    EventQueue q = new EventQueue(1024);
    int producers = 4;
    int perProducer = 100_000;
    CountDownLatch start = new CountDownLatch(1);
    List<Thread> threads = new ArrayList<>();
    for (int p = 0; p < producers; p++) {
      int id = p;
      Thread t = new Thread(() -> {
        try {
          start.await();
        } catch (InterruptedException e) {
          return;
        }
        for (int i = 0; i < perProducer; i++) {
          long value = ((long) id << 32) | i;
          while (!q.offer(value)) {
            Thread.onSpinWait();
          }
        }
      });
      t.start();
      threads.add(t);
    }
    start.countDown();
    int[] next = new int[producers];
    int received = 0;
    while (received < producers * perProducer) {
      Object o = q.poll();
      if (o == null) {
        Thread.onSpinWait();
        continue;
      }
      long v = (Long) o;
      int id = (int) (v >>> 32);
      int n = (int) v;
      assertThat(n).isEqualTo(next[id]);
      next[id]++;
      received++;
    }
    for (Thread t : threads) {
      t.join();
    }
    assertThat(q.poll()).isNull();
  }
}
