package io.platformlogger.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DataLimitsTest {

  @Test
  void defaultsMatchTheDocumentedValues() {
    assertThat(DataLimits.DEFAULT.maxStringChars()).isEqualTo(16_384);
    assertThat(DataLimits.DEFAULT.maxDepth()).isEqualTo(10);
    assertThat(DataLimits.DEFAULT.maxEntries()).isEqualTo(1_000);
  }

  @Test
  void isAValueComparedByItsBounds() {
    assertThat(new DataLimits(16_384, 10, 1_000)).isEqualTo(DataLimits.DEFAULT);
    assertThat(new DataLimits(16_384, 9, 1_000)).isNotEqualTo(DataLimits.DEFAULT);
  }

  @Test
  void rejectsBoundsOutOfRange() {
    assertThatThrownBy(() -> new DataLimits(0, 10, 10))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxStringChars");
    assertThatThrownBy(() -> new DataLimits(10, 0, 10)).hasMessageContaining("maxDepth");
    assertThatThrownBy(() -> new DataLimits(10, DataLimits.MAX_DEPTH + 1, 10))
        .hasMessageContaining("maxDepth");
    assertThatThrownBy(() -> new DataLimits(10, 10, 0)).hasMessageContaining("maxEntries");
    assertThat(new DataLimits(1, DataLimits.MAX_DEPTH, 1).maxDepth())
        .isEqualTo(DataLimits.MAX_DEPTH);
  }
}
