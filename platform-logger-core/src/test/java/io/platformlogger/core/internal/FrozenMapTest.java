package io.platformlogger.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FrozenMapTest {

  private static FrozenMap<String, Object> of(int n) {
    FrozenMap.Builder<String, Object> b = FrozenMap.builder(1);
    for (int i = 0; i < n; i++) {
      b.put("k" + i, i);
    }
    return b.build();
  }

  @Test
  void keepsInsertionOrderAndARepeatedKeysFirstPositionWithItsLastValue() {
    FrozenMap.Builder<String, Object> b = FrozenMap.builder(2);
    assertThat(b.put("b", 1)).isFalse();
    assertThat(b.put("a", 2)).isFalse();
    assertThat(b.put("b", 3)).isTrue();
    FrozenMap<String, Object> m = b.build();

    assertThat(m.keySet()).containsExactly("b", "a");
    assertThat(m).containsExactly(Map.entry("b", 3), Map.entry("a", 2));
    assertThat(m.keyAt(0)).isEqualTo("b");
    assertThat(m.valueAt(1)).isEqualTo(2);
  }

  @Test
  void behavesLikeALinkedHashMapWithManyKeysIncludingRepeatsPastTheScanLimit() {
    FrozenMap.Builder<String, Object> b = FrozenMap.builder(1);
    LinkedHashMap<String, Object> expected = new LinkedHashMap<>();
    for (int i = 0; i < 100; i++) {
      String key = "k" + (i % 40);
      boolean repeated = expected.containsKey(key);
      assertThat(b.put(key, i)).isEqualTo(repeated);
      expected.put(key, i);
    }
    FrozenMap<String, Object> m = b.build();

    assertThat(m).isEqualTo(expected).hasSameHashCodeAs(expected);
    assertThat(m.keySet()).containsExactlyElementsOf(expected.keySet());
    assertThat(m.get("k19")).isEqualTo(99);
    assertThat(m.get("k39")).isEqualTo(79);
    assertThat(m.containsKey("k40")).isFalse();
    assertThat(m.get(null)).isNull();
  }

  @Test
  void looksUpSmallAndLargeMapsAlike() {
    for (int n : new int[] {0, 1, 8, 9, 50}) {
      FrozenMap<String, Object> m = of(n);
      assertThat(m).hasSize(n);
      for (int i = 0; i < n; i++) {
        assertThat(m.get("k" + i)).isEqualTo(i);
      }
      assertThat(m.get("missing")).isNull();
    }
  }

  @Test
  void cannotBeModified() {
    FrozenMap<String, Object> m = of(3);
    assertThatThrownBy(() -> m.put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> m.remove("k0")).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> m.entrySet().iterator().next().setValue(5)).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(m::clear).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> m.keyAt(3)).isInstanceOf(IndexOutOfBoundsException.class);
  }
}
