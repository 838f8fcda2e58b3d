package io.platformlogger.testkit;

import static io.platformlogger.testkit.LogAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.platformlogger.core.Level;
import io.platformlogger.core.LogEntry;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

class LogEntryAssertTest {
  private final LogEntry entry =
      LogEntry.builder()
          .level(Level.ERROR)
          .message("payment failed")
          .putData("amount", 1250L)
          .putData("ratio", 0.5)
          .putData("currency", "EUR")
          .tenantId("t-1")
          .userId("u-9")
          .eventType("payment.failed")
          .errorType("java.lang.IllegalStateException")
          .markers(List.of("AUDIT"))
          .build();

  @Test
  void passesForMatchingFields() {
    assertThat(entry)
        .hasLevel(Level.ERROR)
        .hasMessage("payment failed")
        .hasMessageContaining("failed")
        .hasDataEntry("amount", 1250L)
        .hasDataEntry("currency", "EUR")
        .hasTenantId("t-1")
        .hasUserId("u-9")
        .hasEventType("payment.failed")
        .hasErrorType(IllegalStateException.class)
        .hasErrorType("java.lang.IllegalStateException")
        .hasMarker("AUDIT");
  }

  @Test
  void comparesIntegerAndFloatDataValuesAsTheirNormalizedTypes() {
    assertThat(entry).hasDataEntry("amount", 1250).hasDataEntry("ratio", 0.5f);
  }

  @Test
  void aWrongLevelFailsNamingTheFieldAndShowingTheEntry() {
    assertThatThrownBy(() -> assertThat(entry).hasLevel(Level.WARN))
        .isInstanceOf(AssertionFailedError.class)
        .hasMessageContaining("Expecting level of")
        .hasMessageContaining("ERROR \"payment failed\"")
        .hasMessageContaining("to be")
        .hasMessageContaining("WARN");
  }

  @Test
  void aWrongMessageFailsShowingBothMessages() {
    assertThatThrownBy(() -> assertThat(entry).hasMessage("payment ok"))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("Expecting message of")
        .hasMessageContaining("\"payment ok\"")
        .hasMessageContaining("\"payment failed\"");
  }

  @Test
  void aMissingFragmentFails() {
    assertThatThrownBy(() -> assertThat(entry).hasMessageContaining("refund"))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("to contain")
        .hasMessageContaining("\"refund\"");
  }

  @Test
  void aMissingDataKeyFailsListingTheKeys() {
    assertThatThrownBy(() -> assertThat(entry).hasDataEntry("order", "o-1"))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("to have data key \"order\"")
        .hasMessageContaining("[amount, ratio, currency]");
  }

  @Test
  void aWrongDataValueFailsShowingTypes() {
    assertThatThrownBy(() -> assertThat(entry).hasDataEntry("amount", "1250"))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("Expecting data.amount of")
        .hasMessageContaining("\"1250\"")
        .hasMessageContaining("1250 (Long)");
  }

  @Test
  void aWrongTenantOrErrorTypeFails() {
    assertThatThrownBy(() -> assertThat(entry).hasTenantId("t-2"))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("Expecting tenant_id of");
    assertThatThrownBy(() -> assertThat(entry).hasErrorType(IllegalArgumentException.class))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("Expecting error_type of")
        .hasMessageContaining("java.lang.IllegalArgumentException");
  }

  @Test
  void aMissingMarkerFailsListingTheMarkers() {
    assertThatThrownBy(() -> assertThat(entry).hasMarker("SECURITY"))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("to have marker \"SECURITY\"")
        .hasMessageContaining("[AUDIT]");
  }

  @Test
  void aDescriptionPrefixesTheFailure() {
    assertThatThrownBy(() -> assertThat(entry).as("the audit entry").hasUserId("u-1"))
        .isInstanceOf(AssertionError.class)
        .hasMessageStartingWith("[the audit entry]");
  }
}
