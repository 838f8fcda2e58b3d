package io.platformlogger.core.pipeline;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The bounded hand-off between application threads and the dispatcher: a lock-free
 * multi-producer, single-consumer array queue (Dmitry Vyukov's bounded queue with per-slot
 * sequence numbers). Producers contend on one CAS only; a full queue refuses instead of waiting.
 *
 * <p>Thread-safety: {@link #offer} from any thread; {@link #poll} from the dispatcher thread only.
 */
final class EventQueue {
  private final int mask;
  private final Object[] slots;
  private final AtomicLongArray sequences;
  // Producer and consumer positions live in separate objects to keep them off one cache line.
  private final AtomicLong tail = new PaddedAtomicLong();
  private final AtomicLong head = new PaddedAtomicLong();

  EventQueue(int requestedCapacity) {
    int capacity = 1 << (32 - Integer.numberOfLeadingZeros(Math.max(2, requestedCapacity) - 1));
    this.mask = capacity - 1;
    this.slots = new Object[capacity];
    this.sequences = new AtomicLongArray(capacity);
    for (int i = 0; i < capacity; i++) {
      sequences.set(i, i);
    }
  }

  int capacity() {
    return mask + 1;
  }

  /** Approximate number of queued events (exact when no offer or poll is in progress). */
  long size() {
    long h = head.get();
    long t = tail.get();
    return Math.max(0, t - h);
  }

  /** The number of events ever accepted: a position later polls can be compared with. */
  long producerPosition() {
    return tail.get();
  }

  /** The number of events ever polled. */
  long consumerPosition() {
    return head.get();
  }

  /** Adds {@code event} unless the queue is full; never blocks. */
  boolean offer(Object event) {
    long pos = tail.get();
    for (; ; ) {
      int index = (int) (pos & mask);
      long seq = sequences.get(index);
      long diff = seq - pos;
      if (diff == 0) {
        if (tail.weakCompareAndSetVolatile(pos, pos + 1)) {
          slots[index] = event;
          sequences.lazySet(index, pos + 1); // publishes the slot to the consumer
          return true;
        }
        pos = tail.get();
      } else if (diff < 0) {
        return false; // the slot still holds an unconsumed event from one lap ago: full
      } else {
        pos = tail.get();
      }
    }
  }

  /** Takes the oldest event, or null when empty. Dispatcher thread only. */
  Object poll() {
    long pos = head.get();
    int index = (int) (pos & mask);
    long seq = sequences.get(index);
    if (seq != pos + 1) {
      return null; // empty, or a producer has claimed the slot but not yet published it
    }
    Object event = slots[index];
    slots[index] = null;
    sequences.lazySet(index, pos + mask + 1);
    head.lazySet(pos + 1);
    return event;
  }

  @SuppressWarnings("unused")
  private static final class PaddedAtomicLong extends AtomicLong {
    long p1, p2, p3, p4, p5, p6, p7;
  }
}
