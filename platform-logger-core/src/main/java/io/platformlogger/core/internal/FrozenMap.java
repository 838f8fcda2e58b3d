package io.platformlogger.core.internal;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;

/**
 * An unmodifiable, insertion-ordered map held in two arrays, that nobody else holds a mutable
 * reference to, so a {@code LogEntry} can keep it without a defensive copy. Entry data is a
 * handful of keys: arrays cost a fraction of a {@code LinkedHashMap}'s nodes and table, and the
 * encoder walks them by index without creating entry objects. Lookups scan for small maps and use
 * an index built on first use for larger ones. Immutable and thread-safe once built.
 */
public final class FrozenMap<K, V> extends AbstractMap<K, V> {
  private static final int SCAN_LIMIT = 8;

  private final Object[] keys;
  private final Object[] values;
  private final int size;
  private volatile Map<Object, Integer> index; // built on first lookup in a large map

  private FrozenMap(Object[] keys, Object[] values, int size) {
    this.keys = keys;
    this.values = values;
    this.size = size;
  }

  /** A builder with room for {@code expected} keys. */
  public static <K, V> Builder<K, V> builder(int expected) {
    return new Builder<>(expected);
  }

  @Override
  public int size() {
    return size;
  }

  @Override
  public boolean isEmpty() {
    return size == 0;
  }

  /** The key at {@code i} in insertion order, {@code 0 <= i < size()}. */
  @SuppressWarnings("unchecked")
  public K keyAt(int i) {
    Objects.checkIndex(i, size);
    return (K) keys[i];
  }

  /** The value at {@code i} in insertion order, {@code 0 <= i < size()}. */
  @SuppressWarnings("unchecked")
  public V valueAt(int i) {
    Objects.checkIndex(i, size);
    return (V) values[i];
  }

  @Override
  public boolean containsKey(Object key) {
    return indexOf(key) >= 0;
  }

  @Override
  @SuppressWarnings("unchecked")
  public V get(Object key) {
    int i = indexOf(key);
    return i < 0 ? null : (V) values[i];
  }

  private int indexOf(Object key) {
    if (size <= SCAN_LIMIT) {
      return scan(keys, size, key);
    }
    Map<Object, Integer> idx = index;
    if (idx == null) {
      idx = new HashMap<>(size * 2);
      for (int i = 0; i < size; i++) {
        idx.put(keys[i], i);
      }
      index = idx;
    }
    Integer i = idx.get(key);
    return i == null ? -1 : i;
  }

  private static int scan(Object[] keys, int size, Object key) {
    for (int i = 0; i < size; i++) {
      if (Objects.equals(keys[i], key)) {
        return i;
      }
    }
    return -1;
  }

  @Override
  public Set<Entry<K, V>> entrySet() {
    return new AbstractSet<>() {
      @Override
      public int size() {
        return size;
      }

      @Override
      public Iterator<Entry<K, V>> iterator() {
        return new Iterator<>() {
          private int next;

          @Override
          public boolean hasNext() {
            return next < size;
          }

          @Override
          public Entry<K, V> next() {
            if (next >= size) {
              throw new NoSuchElementException();
            }
            int i = next++;
            return new SimpleImmutableEntry<>(keyAt(i), valueAt(i));
          }
        };
      }
    };
  }

  /**
   * Collects keys in insertion order; putting a key again keeps its first position and its last
   * value, as {@code LinkedHashMap} does. Used by one thread; {@link #build} hands the arrays over.
   */
  public static final class Builder<K, V> {
    private Object[] keys;
    private Object[] values;
    private int size;
    private HashMap<Object, Integer> index; // once the map outgrows scanning

    private Builder(int expected) {
      int capacity = Math.max(2, expected);
      keys = new Object[capacity];
      values = new Object[capacity];
    }

    /** Adds or replaces; returns true when {@code key} was already present. */
    public boolean put(K key, V value) {
      int i = index != null ? index.getOrDefault(key, -1) : scan(keys, size, key);
      if (i >= 0) {
        values[i] = value;
        return true;
      }
      if (size == keys.length) {
        keys = Arrays.copyOf(keys, size * 2);
        values = Arrays.copyOf(values, size * 2);
      }
      keys[size] = key;
      values[size] = value;
      if (index != null) {
        index.put(key, size);
      } else if (size == SCAN_LIMIT) {
        index = new HashMap<>();
        for (int k = 0; k <= size; k++) {
          index.put(keys[k], k);
        }
      }
      size++;
      return false;
    }

    public boolean containsKey(Object key) {
      return (index != null ? index.getOrDefault(key, -1) : scan(keys, size, key)) >= 0;
    }

    public int size() {
      return size;
    }

    /** The map; the builder must not be used afterwards. */
    public FrozenMap<K, V> build() {
      FrozenMap<K, V> map = new FrozenMap<>(keys, values, size);
      keys = null;
      values = null;
      return map;
    }
  }
}
