package io.platformlogger.core;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Carries the submitting thread's {@link LogContext} into tasks that run on other threads.
 *
 * <pre>{@code
 * ExecutorService pool = ContextPropagation.propagating(Executors.newFixedThreadPool(8));
 * try (LogContext.Scope s = LogContext.with().tenantId("t-42").open()) {
 *   pool.submit(() -> log.info("runs with tenant t-42"));
 * }
 * }</pre>
 *
 * <p>The context is captured when a task is submitted (not when it runs), made current around the
 * task on the worker thread, and the worker's own context is restored afterwards, also when the
 * task throws. A periodic task runs every time with the context of the call that scheduled it.
 * A {@code CompletableFuture} stage chained with {@code *Async(fn, propagatingExecutor)} captures
 * the context of the thread that triggers it: the one completing the previous stage (inside a
 * propagated task, that task's context), or the caller when the previous stage had already
 * completed. The wrappers are thread-safe whenever the wrapped
 * executor is; they add no state of their own besides the delegate.
 */
public final class ContextPropagation {
  private ContextPropagation() {}

  /**
   * An executor that runs each task with the context current at {@code execute}. When {@code
   * executor} is an {@link ExecutorService} or {@link ScheduledExecutorService}, so is the result;
   * an executor this method returned is returned as is.
   */
  public static Executor propagating(Executor executor) {
    Objects.requireNonNull(executor, "executor");
    if (executor instanceof PropagatingExecutor) {
      return executor;
    }
    if (executor instanceof ScheduledExecutorService) {
      return new PropagatingScheduledExecutorService((ScheduledExecutorService) executor);
    }
    if (executor instanceof ExecutorService) {
      return new PropagatingExecutorService((ExecutorService) executor);
    }
    return new PropagatingExecutor(executor);
  }

  /**
   * An executor service whose {@code execute}, {@code submit}, {@code invokeAll} and {@code
   * invokeAny} run every task with the context current at the call. Shutdown and termination are
   * delegated; {@code shutdownNow} returns the wrapped tasks.
   */
  public static ExecutorService propagating(ExecutorService executor) {
    return (ExecutorService) propagating((Executor) executor);
  }

  /** As {@link #propagating(ExecutorService)}, and each scheduled task keeps the scheduling call's context. */
  public static ScheduledExecutorService propagating(ScheduledExecutorService executor) {
    return (ScheduledExecutorService) propagating((Executor) executor);
  }

  /** {@link CompletableFuture#supplyAsync(Supplier, Executor)} with the current context around {@code supplier}. */
  public static <T> CompletableFuture<T> supplyAsync(Supplier<T> supplier, Executor executor) {
    Objects.requireNonNull(supplier, "supplier");
    return CompletableFuture.supplyAsync(LogContext.current().wrap(supplier), executor);
  }

  /** {@link CompletableFuture#runAsync(Runnable, Executor)} with the current context around {@code task}. */
  public static CompletableFuture<Void> runAsync(Runnable task, Executor executor) {
    Objects.requireNonNull(task, "task");
    return CompletableFuture.runAsync(LogContext.current().wrap(task), executor);
  }

  private static Runnable capture(Runnable task) {
    return LogContext.current().wrap(task);
  }

  private static <T> Callable<T> capture(Callable<T> task) {
    return LogContext.current().wrap(task);
  }

  private static <T> List<Callable<T>> captureAll(Collection<? extends Callable<T>> tasks) {
    LogContext context = LogContext.current();
    List<Callable<T>> wrapped = new ArrayList<>(tasks.size());
    for (Callable<T> task : tasks) {
      wrapped.add(context.wrap(task));
    }
    return wrapped;
  }

  private static class PropagatingExecutor implements Executor {
    private final Executor delegate;

    PropagatingExecutor(Executor delegate) {
      this.delegate = delegate;
    }

    @Override
    public void execute(Runnable command) {
      delegate.execute(capture(command));
    }

    @Override
    public String toString() {
      return "ContextPropagation[" + delegate + "]";
    }
  }

  private static class PropagatingExecutorService extends PropagatingExecutor implements ExecutorService {
    private final ExecutorService delegate;

    PropagatingExecutorService(ExecutorService delegate) {
      super(delegate);
      this.delegate = delegate;
    }

    @Override
    public void shutdown() {
      delegate.shutdown();
    }

    @Override
    public List<Runnable> shutdownNow() {
      return delegate.shutdownNow();
    }

    @Override
    public boolean isShutdown() {
      return delegate.isShutdown();
    }

    @Override
    public boolean isTerminated() {
      return delegate.isTerminated();
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
      return delegate.awaitTermination(timeout, unit);
    }

    @Override
    public <T> Future<T> submit(Callable<T> task) {
      return delegate.submit(capture(task));
    }

    @Override
    public <T> Future<T> submit(Runnable task, T result) {
      return delegate.submit(capture(task), result);
    }

    @Override
    public Future<?> submit(Runnable task) {
      return delegate.submit(capture(task));
    }

    @Override
    public <T> List<Future<T>> invokeAll(Collection<? extends Callable<T>> tasks) throws InterruptedException {
      return delegate.invokeAll(captureAll(tasks));
    }

    @Override
    public <T> List<Future<T>> invokeAll(Collection<? extends Callable<T>> tasks, long timeout, TimeUnit unit)
        throws InterruptedException {
      return delegate.invokeAll(captureAll(tasks), timeout, unit);
    }

    @Override
    public <T> T invokeAny(Collection<? extends Callable<T>> tasks) throws InterruptedException, ExecutionException {
      return delegate.invokeAny(captureAll(tasks));
    }

    @Override
    public <T> T invokeAny(Collection<? extends Callable<T>> tasks, long timeout, TimeUnit unit)
        throws InterruptedException, ExecutionException, TimeoutException {
      return delegate.invokeAny(captureAll(tasks), timeout, unit);
    }
  }

  private static final class PropagatingScheduledExecutorService extends PropagatingExecutorService
      implements ScheduledExecutorService {
    private final ScheduledExecutorService delegate;

    PropagatingScheduledExecutorService(ScheduledExecutorService delegate) {
      super(delegate);
      this.delegate = delegate;
    }

    @Override
    public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
      return delegate.schedule(capture(command), delay, unit);
    }

    @Override
    public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
      return delegate.schedule(capture(callable), delay, unit);
    }

    @Override
    public ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay, long period, TimeUnit unit) {
      return delegate.scheduleAtFixedRate(capture(command), initialDelay, period, unit);
    }

    @Override
    public ScheduledFuture<?> scheduleWithFixedDelay(Runnable command, long initialDelay, long delay, TimeUnit unit) {
      return delegate.scheduleWithFixedDelay(capture(command), initialDelay, delay, unit);
    }
  }
}
