package io.platformlogger.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.platformlogger.core.LogEntry;
import io.platformlogger.core.sink.Delivery;
import io.platformlogger.core.sink.LogSink;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.UnaryOperator;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;

/** The contract itself: it must catch sinks that break the rules, and name what broke. */
class LogSinkContractTest {

  /** Runs one contract test against a sink whose storage is altered by {@code corrupt}. */
  private static AbstractThrowableAssert<?, ? extends Throwable> runAgainst(
      Broken sink, ContractTest test) {
    Contract contract = new Contract(sink);
    return assertThatThrownBy(
        () -> {
          contract.createSinkForTest();
          try {
            test.run(contract);
          } finally {
            contract.closeSinkAfterTest();
          }
        });
  }

  @Test
  void passesACorrectSink() {
    Contract contract = new Contract(new Broken(UnaryOperator.identity()));

    assertThatCode(
            () -> {
              contract.createSinkForTest();
              contract.deliversABatchCompleteAndInOrder();
              contract.closeSinkAfterTest();
            })
        .doesNotThrowAnyException();
  }

  @Test
  void catchesASinkThatReordersABatch() {
    Broken reversing =
        new Broken(
            batch -> {
              List<LogEntry> reversed = new ArrayList<>(batch);
              Collections.reverse(reversed);
              return reversed;
            });

    runAgainst(reversing, LogSinkContract::deliversABatchCompleteAndInOrder)
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("stored entry 0 is")
        .hasMessageContaining("the order is not kept");
  }

  @Test
  void catchesASinkThatLosesAnEntry() {
    Broken dropping = new Broken(batch -> batch.subList(1, batch.size()));

    runAgainst(dropping, LogSinkContract::keepsTheOrderOfSeveralBatches)
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("expected 35 stored entries but found 30 (5 missing");
  }

  @Test
  void catchesASinkThatDropsAField() {
    Broken noSlug = new Broken(map(e -> e.toBuilder().tenantSlug(null).build()));

    runAgainst(noSlug, LogSinkContract::roundTripsEverySchemaField)
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("field 'tenant_slug': expected \"acme\" but was null");
  }

  @Test
  void catchesASinkThatStoresLongsAsDoubles() {
    Broken lossy =
        new Broken(
            map(e -> e.toBuilder().putData("long", ((Long) e.data().get("long")).doubleValue())
                .build()));

    runAgainst(lossy, LogSinkContract::roundTripsEverySchemaField)
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("field 'data.long': expected 9007199254740993 (Long)");
  }

  @Test
  void catchesASinkThatStripsControlCharacters() {
    Broken stripping =
        new Broken(map(e -> e.toBuilder().message(e.message().replace("\u001b", "")).build()));

    runAgainst(
            stripping,
            LogSinkContract::storesControlCharactersExactlyAndNulExactlyOrAsReplacementCharacter)
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("field 'message'");
  }

  @Test
  void acceptsASinkThatReplacesNulByTheReplacementCharacter() {
    Contract contract =
        new Contract(
            new Broken(
                map(e -> e.toBuilder()
                    .message(e.message().replace('\u0000', '\uFFFD'))
                    .putData("controls", e.message().replace('\u0000', '\uFFFD'))
                    .build())));

    assertThatCode(
            () -> {
              contract.createSinkForTest();
              contract.storesControlCharactersExactlyAndNulExactlyOrAsReplacementCharacter();
              contract.closeSinkAfterTest();
            })
        .doesNotThrowAnyException();
  }

  @Test
  void catchesASinkThatTruncatesALargeMessage() {
    Broken truncating =
        new Broken(map(e -> e.toBuilder().message(e.message().substring(0, 65_535)).build()));

    runAgainst(truncating, LogSinkContract::storesALargeMessageIntact)
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("strings differ at index 65535");
  }

  @Test
  void catchesASinkThatClaimsIdempotenceButDuplicates() {
    Broken duplicating = new Broken(UnaryOperator.identity());
    duplicating.claimsIdempotent = true;
    duplicating.dedupe = false;

    runAgainst(
            duplicating,
            LogSinkContract::aRetriedBatchIsStoredOnceWhenIdempotentAndAtLeastOnceOtherwise)
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("expected 10 stored entries but found 20")
        .hasMessageContaining("10 duplicate");
  }

  @Test
  void catchesASinkThatAcceptsWritesAfterClose() {
    Broken staysOpen = new Broken(UnaryOperator.identity());
    staysOpen.throwsAfterClose = false;

    runAgainst(staysOpen, LogSinkContract::writeAfterCloseThrowsIllegalStateException)
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("what write after close threw")
        .hasMessageContaining("Expecting actual not to be null");
  }

  @Test
  void passesASinkThatStoresEachBatchWhenItsDeliveryIsAwaited() {
    Broken acknowledging = new Broken(UnaryOperator.identity());
    acknowledging.maxBatchesInFlight = 3;
    acknowledging.storesOnAwait = true;
    Contract contract = new Contract(acknowledging);

    assertThatCode(
            () -> {
              contract.createSinkForTest();
              contract.sentBatchesAreStoredInOrderOnceTheirDeliveriesReturn();
              contract.closeSinkAfterTest();
            })
        .doesNotThrowAnyException();
    assertThat(acknowledging.mostUnawaited).as("most deliveries unawaited at once").isEqualTo(3);
  }

  @Test
  void catchesASinkWhoseDeliveryReturnsBeforeItsBatchIsStored() {
    Broken forgetful = new Broken(UnaryOperator.identity());
    forgetful.maxBatchesInFlight = 3;
    forgetful.storesOnAwait = true;
    forgetful.forgetsBatch = 1; // acknowledges the second batch without ever storing it

    runAgainst(forgetful, LogSinkContract::sentBatchesAreStoredInOrderOnceTheirDeliveriesReturn)
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("expected 30 stored entries but found 25 (5 missing")
        .hasMessageContaining("sent 1 0");
  }

  private static UnaryOperator<List<LogEntry>> map(UnaryOperator<LogEntry> f) {
    return batch -> {
      List<LogEntry> out = new ArrayList<>();
      batch.forEach(e -> out.add(f.apply(e)));
      return out;
    };
  }

  private interface ContractTest {
    void run(LogSinkContract contract) throws Exception;
  }

  /** A sink that stores what {@code corrupt} makes of each batch, with switchable faults. */
  private static final class Broken implements LogSink {
    private final UnaryOperator<List<LogEntry>> corrupt;
    private final List<LogEntry> stored = Collections.synchronizedList(new ArrayList<>());
    boolean claimsIdempotent = true;
    boolean dedupe = true;
    boolean throwsAfterClose = true;
    int maxBatchesInFlight = 1;
    /** send returns a delivery that stores the batch when awaited. */
    boolean storesOnAwait;
    /** With storesOnAwait: the index of a sent batch whose delivery returns without storing it. */
    int forgetsBatch = -1;
    private int sentBatches;
    private int unawaited;
    int mostUnawaited;
    private volatile boolean closed;

    Broken(UnaryOperator<List<LogEntry>> corrupt) {
      this.corrupt = corrupt;
    }

    @Override
    public String name() {
      return "broken";
    }

    @Override
    public boolean idempotent() {
      return claimsIdempotent;
    }

    @Override
    public synchronized void write(List<LogEntry> batch) {
      if (closed && throwsAfterClose) {
        throw new IllegalStateException("closed");
      }
      for (LogEntry e : corrupt.apply(batch)) {
        if (!dedupe || stored.stream().noneMatch(s -> s.id().equals(e.id()))) {
          stored.add(e);
        }
      }
    }

    @Override
    public int maxBatchesInFlight() {
      return maxBatchesInFlight;
    }

    @Override
    public synchronized Delivery send(List<LogEntry> batch) throws Exception {
      if (!storesOnAwait) {
        return LogSink.super.send(batch);
      }
      boolean forget = sentBatches++ == forgetsBatch;
      unawaited++;
      mostUnawaited = Math.max(mostUnawaited, unawaited);
      List<LogEntry> copy = List.copyOf(batch);
      return () -> {
        synchronized (this) {
          unawaited--;
          if (!forget) {
            write(copy);
          }
        }
      };
    }

    @Override
    public void close() {
      closed = true;
    }
  }

  /** The contract bound to one given sink instance. */
  private static final class Contract extends LogSinkContract {
    private final Broken sink;

    Contract(Broken sink) {
      this.sink = sink;
    }

    @Override
    protected LogSink createSink() {
      return sink;
    }

    @Override
    protected List<LogEntry> storedEntries(LogSink sink) {
      return List.copyOf(((Broken) sink).stored);
    }
  }
}
