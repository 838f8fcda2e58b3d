package io.platformlogger.core.slf4j;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Marker;

/**
 * The marker names an entry records: each marker's own name followed by the names of the markers
 * it references, depth first, each name once. A marker added as {@code parent.add(child)} is thus
 * recorded as {@code ["parent", "child"]}, so a query for {@code child} finds entries logged with
 * {@code parent}, as {@code Marker.contains} would. Stateless.
 */
final class MarkerNames {
  private MarkerNames() {}

  /** The names for one marker, or null for a null marker. */
  static List<String> of(Marker marker) {
    if (marker == null) {
      return null;
    }
    try {
      if (!marker.hasReferences()) {
        String name = marker.getName();
        return name != null ? List.of(name) : null;
      }
    } catch (RuntimeException e) {
      PlatformSlf4jServiceProvider.recordInternalError();
      return null;
    }
    return of(List.of(marker));
  }

  /** The names for several markers, in order, or null when there are none. */
  static List<String> of(List<Marker> markers) {
    if (markers == null || markers.isEmpty()) {
      return null;
    }
    Set<String> names = new LinkedHashSet<>();
    Set<Marker> visited = Collections.newSetFromMap(new IdentityHashMap<>());
    try {
      // Visited by identity: guards against reference cycles without calling equals/hashCode.
      for (Marker m : markers) {
        collect(m, names, visited);
      }
    } catch (RuntimeException e) {
      // A broken Marker implementation: keep the names read so far, never fail the call.
      PlatformSlf4jServiceProvider.recordInternalError();
    }
    return names.isEmpty() ? null : List.copyOf(names);
  }

  private static void collect(Marker marker, Set<String> names, Set<Marker> visited) {
    if (marker == null || !visited.add(marker)) {
      return;
    }
    String name = marker.getName();
    if (name != null) {
      names.add(name);
    }
    if (marker.hasReferences()) {
      for (Iterator<Marker> it = marker.iterator(); it.hasNext(); ) {
        collect(it.next(), names, visited);
      }
    }
  }
}
