package io.platformlogger.core.slf4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.Marker;
import org.slf4j.helpers.BasicMarkerFactory;

class MarkerNamesTest {
  private final BasicMarkerFactory markers = new BasicMarkerFactory();

  @Test
  void recordsASingleMarkersName() {
    assertThat(MarkerNames.of(markers.getMarker("AUDIT"))).containsExactly("AUDIT");
  }

  @Test
  void recordsReferencedMarkersAfterTheirParentDepthFirst() {
    Marker security = markers.getDetachedMarker("SECURITY");
    Marker audit = markers.getDetachedMarker("AUDIT");
    Marker login = markers.getDetachedMarker("LOGIN");
    Marker pii = markers.getDetachedMarker("PII");
    security.add(audit);
    audit.add(login);
    security.add(pii);

    assertThat(MarkerNames.of(security)).containsExactly("SECURITY", "AUDIT", "LOGIN", "PII");
  }

  @Test
  void recordsEachNameOnceAcrossSeveralMarkers() {
    Marker a = markers.getDetachedMarker("A");
    Marker b = markers.getDetachedMarker("B");
    Marker shared = markers.getDetachedMarker("SHARED");
    a.add(shared);
    b.add(shared);

    assertThat(MarkerNames.of(List.of(a, b))).containsExactly("A", "SHARED", "B");
  }

  @Test
  void stopsAtAReferenceCycle() {
    CustomMarker a = new CustomMarker("A");
    CustomMarker b = new CustomMarker("B");
    a.refs.add(b);
    b.refs.add(a);

    assertThat(MarkerNames.of(a)).containsExactly("A", "B");
  }

  @Test
  void hasNoNamesForNoMarkers() {
    assertThat(MarkerNames.of((Marker) null)).isNull();
    assertThat(MarkerNames.of((List<Marker>) null)).isNull();
    assertThat(MarkerNames.of(List.of())).isNull();
    assertThat(MarkerNames.of(new ArrayList<>(java.util.Arrays.asList((Marker) null)))).isNull();
  }

  @Test
  void keepsTheNamesReadBeforeABrokenMarkerAndCountsTheFailure() {
    CustomMarker parent = new CustomMarker("PARENT");
    parent.refs.add(new CustomMarker(null) {
      @Override
      public String getName() {
        throw new IllegalStateException("broken marker");
      }
    });
    long before = PlatformSlf4jServiceProvider.internalErrors();

    assertThat(MarkerNames.of(parent)).containsExactly("PARENT");
    assertThat(PlatformSlf4jServiceProvider.internalErrors()).isGreaterThan(before);
  }

  @Test
  void hasNoNamesForALoneBrokenMarker() {
    CustomMarker broken = new CustomMarker(null) {
      @Override
      public String getName() {
        throw new IllegalStateException("broken marker");
      }
    };
    long before = PlatformSlf4jServiceProvider.internalErrors();

    assertThat(MarkerNames.of(broken)).isNull();
    assertThat(PlatformSlf4jServiceProvider.internalErrors()).isGreaterThan(before);
  }

  /** A Marker that, unlike BasicMarker, allows cycles and can be made to fail. */
  private static class CustomMarker implements Marker {
    private static final long serialVersionUID = 1L;
    private final String name;
    final List<Marker> refs = new ArrayList<>();

    CustomMarker(String name) {
      this.name = name;
    }

    @Override
    public String getName() {
      return name;
    }

    @Override
    public void add(Marker reference) {
      refs.add(reference);
    }

    @Override
    public boolean remove(Marker reference) {
      return refs.remove(reference);
    }

    @Override
    @Deprecated
    public boolean hasChildren() {
      return hasReferences();
    }

    @Override
    public boolean hasReferences() {
      return !refs.isEmpty();
    }

    @Override
    public Iterator<Marker> iterator() {
      return refs.iterator();
    }

    @Override
    public boolean contains(Marker other) {
      return false;
    }

    @Override
    public boolean contains(String name) {
      return false;
    }
  }
}
