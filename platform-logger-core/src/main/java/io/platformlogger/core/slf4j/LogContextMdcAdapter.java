package io.platformlogger.core.slf4j;

import io.platformlogger.core.EntryField;
import io.platformlogger.core.LogContext;
import io.platformlogger.core.internal.ContextStore;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import org.slf4j.helpers.ThreadLocalMapOfStacks;
import org.slf4j.spi.MDCAdapter;

/**
 * SLF4J's MDC as a view of the thread's current {@link LogContext}: there is no separate MDC map.
 * {@code MDC.put("tenant_id", "t-42")} replaces the current context with a copy carrying that
 * field, so a {@code LogContext} scope sees it and every entry logged afterwards on this thread
 * carries it; a value set by a scope is visible through {@code MDC.get}. Keys naming a context
 * field ({@code tenant_id} or {@code tenantId}, and so on) set that field, any other key an extra
 * (extras land in the entry's {@code data}).
 *
 * <p>The deque methods ({@code pushByKey} and friends) keep their stacks in a separate per-thread
 * map; those values do not reach entries. Each method acts on the calling thread's state only.
 * Nothing here throws into the caller.
 */
final class LogContextMdcAdapter implements MDCAdapter {
  private final ThreadLocalMapOfStacks stacks = new ThreadLocalMapOfStacks();

  /** A null value removes the key (SLF4J's own adapter would store a null). */
  @Override
  public void put(String key, String value) {
    if (key == null) {
      return;
    }
    LogContext current = ContextStore.current();
    String old = current.get(key);
    if (value == null ? old == null : value.equals(old)) {
      return; // unchanged: no new context
    }
    ContextStore.set(current.toBuilder().put(key, value).build());
  }

  @Override
  public String get(String key) {
    return ContextStore.current().get(key);
  }

  @Override
  public void remove(String key) {
    put(key, null);
  }

  /** Empties the thread's context, named fields included; the deques are left alone. */
  @Override
  public void clear() {
    ContextStore.set(LogContext.empty());
  }

  /**
   * A mutable copy: set context fields under their snake_case names, then the extras. Never null
   * (empty when nothing is set), so it can always be handed back to {@link #setContextMap}.
   */
  @Override
  public Map<String, String> getCopyOfContextMap() {
    LogContext c = ContextStore.current();
    Map<String, String> copy = new LinkedHashMap<>();
    for (EntryField field : EntryField.requestFields()) {
      String value = c.get(field.jsonName());
      if (value != null) {
        copy.put(field.jsonName(), value);
      }
    }
    copy.putAll(c.extras());
    return copy;
  }

  /** Replaces the whole context (named fields included) with the map's entries; null clears it. */
  @Override
  public void setContextMap(Map<String, String> contextMap) {
    if (contextMap == null) {
      clear();
      return;
    }
    LogContext.Builder b = LogContext.builder();
    try {
      for (Map.Entry<String, String> e : contextMap.entrySet()) {
        if (e.getKey() != null) {
          b.put(e.getKey(), e.getValue());
        }
      }
    } catch (RuntimeException e) {
      // A map modified while being read: keep the context as it was.
      PlatformSlf4jServiceProvider.recordInternalError();
      return;
    }
    ContextStore.set(b.build());
  }

  /** A null key or value is ignored. */
  @Override
  public void pushByKey(String key, String value) {
    if (key != null && value != null) {
      stacks.pushByKey(key, value);
    }
  }

  /** The top value, or null when the key's deque is empty or absent. */
  @Override
  public String popByKey(String key) {
    try {
      return stacks.popByKey(key);
    } catch (NoSuchElementException e) {
      return null;
    }
  }

  @Override
  public Deque<String> getCopyOfDequeByKey(String key) {
    return stacks.getCopyOfDequeByKey(key);
  }

  @Override
  public void clearDequeByKey(String key) {
    stacks.clearDequeByKey(key);
  }
}
