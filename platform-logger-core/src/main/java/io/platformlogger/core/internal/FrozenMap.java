package io.platformlogger.core.internal;

import java.util.AbstractMap;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * An unmodifiable, insertion-ordered map that nobody else holds a mutable reference to, so a
 * {@code LogEntry} can keep it without a defensive copy. Only the data normalizer creates them,
 * from a map it built itself and then drops. Immutable and thread-safe once published.
 */
public final class FrozenMap<K, V> extends AbstractMap<K, V> {
  private final Map<K, V> view;

  private FrozenMap(LinkedHashMap<K, V> owned) {
    this.view = Collections.unmodifiableMap(owned);
  }

  /** Takes ownership of {@code owned}: the caller must not keep or change it afterwards. */
  static <K, V> FrozenMap<K, V> takeOwnership(LinkedHashMap<K, V> owned) {
    return new FrozenMap<>(owned);
  }

  @Override
  public Set<Entry<K, V>> entrySet() {
    return view.entrySet();
  }

  @Override
  public V get(Object key) {
    return view.get(key);
  }

  @Override
  public boolean containsKey(Object key) {
    return view.containsKey(key);
  }

  @Override
  public int size() {
    return view.size();
  }

  @Override
  public boolean isEmpty() {
    return view.isEmpty();
  }
}
