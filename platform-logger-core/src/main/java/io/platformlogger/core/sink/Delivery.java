package io.platformlogger.core.sink;

/**
 * A batch a sink has started to store but whose acknowledgement is still on its way: what {@link
 * LogSink#send} returns. The pipeline awaits deliveries in the order the batches were sent and
 * counts a batch as stored only once {@link #await} returns.
 *
 * <p>Threading: awaited once, by the thread that sent the batch (the sink's pipeline thread).
 */
@FunctionalInterface
public interface Delivery {
  /** A delivery that is already complete: the batch was stored before {@code send} returned. */
  Delivery DONE = () -> {};

  /**
   * Returns once every entry of the batch is stored (or accepted by a server that will store
   * it); throws as {@link LogSink#write} does when it was not: a {@link LogSinkException} saying
   * whether a retry can help, any other exception counting as retryable.
   */
  void await() throws Exception;
}
