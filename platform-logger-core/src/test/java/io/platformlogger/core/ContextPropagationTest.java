package io.platformlogger.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.platformlogger.core.internal.ContextStore;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@SuppressWarnings("try") // scopes are opened for their effect on the current context
class ContextPropagationTest {
  private static final LogContext REQUEST = LogContext.builder().tenantId("t-1").requestId("r-1").build();
  private static final LogContext OTHER = LogContext.builder().tenantId("t-2").build();

  private ExecutorService single;
  private ScheduledExecutorService scheduler;

  @BeforeEach
  void start() {
    single = Executors.newSingleThreadExecutor();
    scheduler = Executors.newSingleThreadScheduledExecutor();
  }

  @AfterEach
  void stop() {
    ContextStore.set(null);
    single.shutdownNow();
    scheduler.shutdownNow();
  }

  /** Runs queued tasks only when told to, on the test thread: makes capture time observable. */
  private static final class DeferredExecutor implements Executor {
    final Queue<Runnable> queue = new ArrayDeque<>();

    @Override
    public void execute(Runnable command) {
      queue.add(command);
    }

    void runAll() {
      while (!queue.isEmpty()) {
        queue.poll().run();
      }
    }
  }

  @Test
  void capturesTheContextAtSubmissionNotAtExecution() {
    DeferredExecutor deferred = new DeferredExecutor();
    Executor executor = ContextPropagation.propagating(deferred);
    List<LogContext> seen = new CopyOnWriteArrayList<>();

    try (LogContext.Scope s = REQUEST.open()) {
      executor.execute(() -> seen.add(LogContext.current()));
    }
    try (LogContext.Scope s = OTHER.open()) {
      deferred.runAll();
      assertThat(LogContext.current()).as("the running thread's own context is back").isEqualTo(OTHER);
    }

    assertThat(seen).containsExactly(REQUEST);
  }

  @Test
  void runsTasksSubmittedWithoutAContextWithAnEmptyOne() {
    DeferredExecutor deferred = new DeferredExecutor();
    Executor executor = ContextPropagation.propagating(deferred);
    List<LogContext> seen = new CopyOnWriteArrayList<>();

    executor.execute(() -> seen.add(LogContext.current()));
    try (LogContext.Scope s = OTHER.open()) {
      deferred.runAll();
    }

    assertThat(seen).containsExactly(LogContext.empty());
  }

  @Test
  void restoresTheWorkersContextWhenTheTaskThrows() {
    DeferredExecutor deferred = new DeferredExecutor();
    Executor executor = ContextPropagation.propagating(deferred);
    try (LogContext.Scope s = REQUEST.open()) {
      executor.execute(
          () -> {
            throw new IllegalStateException("task failed");
          });
    }

    try (LogContext.Scope s = OTHER.open()) {
      assertThatThrownBy(deferred::runAll).hasMessage("task failed");
      assertThat(LogContext.current()).isEqualTo(OTHER);
    }
  }

  @Test
  void submitCarriesTheContextForCallablesAndRunnables() throws Exception {
    ExecutorService pool = ContextPropagation.propagating(single);

    try (LogContext.Scope s = REQUEST.open()) {
      Future<LogContext> viaCallable = pool.submit(LogContext::current);
      CopyOnWriteArrayList<LogContext> seen = new CopyOnWriteArrayList<>();
      Future<?> viaRunnable = pool.submit(() -> {
        seen.add(LogContext.current());
      });
      Future<String> viaRunnableWithResult = pool.submit(() -> seen.add(LogContext.current()), "done");

      assertThat(viaCallable.get()).isEqualTo(REQUEST);
      viaRunnable.get();
      assertThat(viaRunnableWithResult.get()).isEqualTo("done");
      assertThat(seen).containsExactly(REQUEST, REQUEST);
    }
    assertThat(single.submit(LogContext::current).get()).as("worker left clean").isEqualTo(LogContext.empty());
  }

  @Test
  void submittedTaskFailureReachesTheFutureAndLeavesTheWorkerClean() throws Exception {
    ExecutorService pool = ContextPropagation.propagating(single);
    Callable<String> failing =
        () -> {
          throw new IllegalStateException("failed in " + LogContext.current().tenantId());
        };

    Future<String> f;
    try (LogContext.Scope s = REQUEST.open()) {
      f = pool.submit(failing);
    }

    assertThatThrownBy(f::get).isInstanceOf(ExecutionException.class).hasRootCauseMessage("failed in t-1");
    assertThat(single.submit(LogContext::current).get()).isEqualTo(LogContext.empty());
  }

  @Test
  void invokeAllAndInvokeAnyWrapEveryTask() throws Exception {
    ExecutorService pool = ContextPropagation.propagating(Executors.newFixedThreadPool(2));
    try {
      Callable<String> tenant = () -> LogContext.current().tenantId();
      try (LogContext.Scope s = REQUEST.open()) {
        List<Future<String>> all = pool.invokeAll(List.of(tenant, tenant, tenant));
        List<Future<String>> allTimed = pool.invokeAll(List.of(tenant, tenant), 1, TimeUnit.DAYS);

        for (Future<String> f : all) {
          assertThat(f.get()).isEqualTo("t-1");
        }
        for (Future<String> f : allTimed) {
          assertThat(f.get()).isEqualTo("t-1");
        }
        assertThat(pool.invokeAny(List.of(tenant, tenant))).isEqualTo("t-1");
        assertThat(pool.invokeAny(List.of(tenant), 1, TimeUnit.DAYS)).isEqualTo("t-1");
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void scheduledTasksKeepTheSchedulingCallsContext() throws Exception {
    ScheduledExecutorService pool = ContextPropagation.propagating(scheduler);

    try (LogContext.Scope s = REQUEST.open()) {
      ScheduledFuture<LogContext> callable = pool.schedule(LogContext::current, 1, TimeUnit.MILLISECONDS);
      List<LogContext> seen = new CopyOnWriteArrayList<>();
      ScheduledFuture<?> runnable = pool.schedule(() -> {
        seen.add(LogContext.current());
      }, 1, TimeUnit.MILLISECONDS);

      assertThat(callable.get()).isEqualTo(REQUEST);
      runnable.get();
      assertThat(seen).containsExactly(REQUEST);
    }
  }

  @Test
  void periodicTasksRunEveryTimeWithTheSchedulingCallsContext() throws Exception {
    ScheduledExecutorService pool = ContextPropagation.propagating(scheduler);
    CountDownLatch fixedRateRuns = new CountDownLatch(3);
    CountDownLatch fixedDelayRuns = new CountDownLatch(3);
    List<LogContext> seen = new CopyOnWriteArrayList<>();

    ScheduledFuture<?> rate;
    ScheduledFuture<?> delay;
    try (LogContext.Scope s = REQUEST.open()) {
      rate = pool.scheduleAtFixedRate(() -> {
        seen.add(LogContext.current());
        fixedRateRuns.countDown();
      }, 0, 1, TimeUnit.MILLISECONDS);
    }
    try (LogContext.Scope s = OTHER.open()) {
      delay = pool.scheduleWithFixedDelay(() -> {
        seen.add(LogContext.current());
        fixedDelayRuns.countDown();
      }, 0, 1, TimeUnit.MILLISECONDS);
    }
    fixedRateRuns.await();
    fixedDelayRuns.await();
    rate.cancel(false);
    delay.cancel(false);

    assertThat(seen).hasSizeGreaterThanOrEqualTo(6).containsOnly(REQUEST, OTHER).contains(REQUEST, OTHER);
    assertThat(scheduler.submit(LogContext::current).get()).isEqualTo(LogContext.empty());
  }

  @Test
  void supplyAsyncAndRunAsyncCarryTheCurrentContext() throws Exception {
    try (LogContext.Scope s = REQUEST.open()) {
      CompletableFuture<LogContext> supplied = ContextPropagation.supplyAsync(LogContext::current, single);
      List<LogContext> seen = new CopyOnWriteArrayList<>();
      CompletableFuture<Void> ran = ContextPropagation.runAsync(() -> seen.add(LogContext.current()), single);

      assertThat(supplied.get()).isEqualTo(REQUEST);
      ran.get();
      assertThat(seen).containsExactly(REQUEST);
    }
    assertThat(single.submit(LogContext::current).get()).isEqualTo(LogContext.empty());
  }

  @Test
  void chainedAsyncStagesOnAPropagatingExecutorSeeTheContext() throws Exception {
    Executor pool = ContextPropagation.propagating((Executor) single);
    CompletableFuture<String> chain;
    try (LogContext.Scope s = REQUEST.open()) {
      chain =
          CompletableFuture.supplyAsync(() -> LogContext.current().tenantId(), pool)
              .thenApplyAsync(t -> t + "/" + LogContext.current().requestId(), pool);
    }

    assertThat(chain.get()).isEqualTo("t-1/r-1");
  }

  @Test
  void keepsTheMostSpecificExecutorTypeAndDoesNotWrapTwice() {
    ScheduledExecutorService scheduled = ContextPropagation.propagating(scheduler);
    ExecutorService service = ContextPropagation.propagating(single);

    assertThat(ContextPropagation.propagating((Executor) scheduler)).isInstanceOf(ScheduledExecutorService.class);
    assertThat(ContextPropagation.propagating((Executor) single)).isInstanceOf(ExecutorService.class);
    assertThat(ContextPropagation.propagating(scheduled)).isSameAs(scheduled);
    assertThat(ContextPropagation.propagating(service)).isSameAs(service);
    assertThat(ContextPropagation.propagating((Executor) service)).isSameAs(service);
  }

  @Test
  void delegatesShutdownAndTermination() throws Exception {
    ExecutorService pool = ContextPropagation.propagating(Executors.newSingleThreadExecutor());
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    pool.execute(() -> {
      started.countDown();
      try {
        release.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    pool.execute(() -> {});
    started.await();

    List<Runnable> pending = pool.shutdownNow();

    assertThat(pool.isShutdown()).isTrue();
    assertThat(pending).hasSize(1);
    assertThat(pool.awaitTermination(1, TimeUnit.DAYS)).isTrue();
    assertThat(pool.isTerminated()).isTrue();
  }

  @Test
  void rejectsNullExecutorsAndTasks() {
    assertThatThrownBy(() -> ContextPropagation.propagating((Executor) null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> ContextPropagation.propagating(single).execute(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> ContextPropagation.supplyAsync(null, single)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> ContextPropagation.runAsync(null, single)).isInstanceOf(NullPointerException.class);
  }
}
