package io.platformlogger.core.json;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * The registry of converters for application types logged as structured data values. A value with
 * no built-in rule (docs/schema.md, "Data values") is handed to the serializer registered for its
 * class, or else for its nearest superclass, or else for one of its interfaces; without one it is
 * logged as its {@code toString()}. A serializer may return anything data accepts (a String, a
 * number, a Map, a List, another object...): its result is normalized in turn. A serializer that
 * throws yields {@code "[toString() failed: <ExceptionClass>]"} and the {@code tostring_failed}
 * marker; it never breaks the logging call.
 *
 * <p>Thread-safe: register at start-up or at any time; serializers run on the pipeline's thread, so
 * they must be thread-safe themselves and should be fast.
 */
public final class DataSerializers {
  private static final Function<Object, ?> NONE = v -> v;
  private static final Object LOCK = new Object();

  /** Replaced as a whole on each registration, so a lookup never sees a half-updated cache. */
  private static volatile Registry registry = new Registry(Map.of());

  private DataSerializers() {}

  /**
   * Registers (or replaces) the serializer for values whose class is {@code type} or a subtype.
   *
   * @throws NullPointerException when an argument is null
   */
  public static <T> void register(Class<T> type, Function<? super T, ?> serializer) {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(serializer, "serializer");
    @SuppressWarnings("unchecked")
    Function<Object, ?> f = (Function<Object, ?>) serializer;
    synchronized (LOCK) {
      Map<Class<?>, Function<Object, ?>> copy = new LinkedHashMap<>(registry.byType);
      copy.put(type, f);
      registry = new Registry(copy);
    }
  }

  /**
   * The serializer that applies to values of class {@code type}, or null. Looks at the class
   * itself, then its superclasses nearest first, then its interfaces breadth-first (those of the
   * class before those of its superclasses), then {@code Object}. Used by data normalization.
   */
  public static Function<Object, ?> find(Class<?> type) {
    if (type == null) {
      return null;
    }
    Registry r = registry;
    if (r.byType.isEmpty()) {
      return null;
    }
    Function<Object, ?> f = r.resolved.get(type);
    return f == NONE ? null : f;
  }

  private static final class Registry {
    final Map<Class<?>, Function<Object, ?>> byType;
    final ClassValue<Function<Object, ?>> resolved =
        new ClassValue<>() {
          @Override
          protected Function<Object, ?> computeValue(Class<?> type) {
            Function<Object, ?> f = resolve(type);
            return f != null ? f : NONE;
          }
        };

    Registry(Map<Class<?>, Function<Object, ?>> byType) {
      this.byType = Map.copyOf(byType);
    }

    private Function<Object, ?> resolve(Class<?> type) {
      for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
        Function<Object, ?> f = byType.get(c);
        if (f != null) {
          return f;
        }
      }
      Deque<Class<?>> queue = new ArrayDeque<>();
      for (Class<?> c = type; c != null; c = c.getSuperclass()) {
        for (Class<?> i : c.getInterfaces()) {
          queue.add(i);
        }
      }
      Set<Class<?>> seen = new HashSet<>();
      while (!queue.isEmpty()) {
        Class<?> i = queue.poll();
        if (seen.add(i)) {
          Function<Object, ?> f = byType.get(i);
          if (f != null) {
            return f;
          }
          for (Class<?> parent : i.getInterfaces()) {
            queue.add(parent);
          }
        }
      }
      return byType.get(Object.class);
    }
  }
}
