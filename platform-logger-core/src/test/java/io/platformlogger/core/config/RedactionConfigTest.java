package io.platformlogger.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.platformlogger.core.redact.RedactionSettings;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The redact.* keys: defaults, every source, and errors that name the key and the fix. */
class RedactionConfigTest {
  @Test
  void redactionIsOnByDefaultWithNoExtras() {
    RedactionSettings r = PlatformLoggerConfig.builder().build().redaction();
    assertThat(r.enabled()).isTrue();
    assertThat(r.extraKeys()).isEmpty();
    assertThat(r.extraPatterns()).isEmpty();
    assertThat(r.allowedKeys()).isEmpty();
  }

  @Test
  void keysPatternsAndTheAllowListComeFromPropertiesAndEnvironment() {
    PlatformLoggerConfig.Builder b = PlatformLoggerConfig.builder();
    ConfigLoader.apply(b, "redact.keys", "ssn, pin_code", "test");
    ConfigLoader.apply(b, "redact.allow", "csrf_token", "test");
    ConfigLoader.apply(b, "redact.pattern.employee", "EMP-(?<secret>[0-9]{6})", "test");
    ConfigLoader.applyEnvironment(b, Map.of("PLATFORM_LOGGER_REDACT_PATTERN_IBAN", "DE[0-9]{20}"));
    RedactionSettings r = b.build().redaction();
    assertThat(r.extraKeys()).containsExactly("ssn", "pin_code");
    assertThat(r.allowedKeys()).containsExactly("csrf_token");
    assertThat(r.extraPatterns()).containsOnlyKeys("employee", "iban");
    assertThat(r.extraPatterns().get("iban").pattern()).isEqualTo("DE[0-9]{20}");
    RedactionSettings copied = b.build().toBuilder().build().redaction();
    assertThat(copied.extraKeys()).isEqualTo(r.extraKeys());
    assertThat(copied.extraPatterns().keySet()).isEqualTo(r.extraPatterns().keySet());

    ConfigLoader.applyEnvironment(b, Map.of("PLATFORM_LOGGER_REDACT_ENABLED", "false"));
    assertThat(b.build().redaction().enabled()).isFalse();
  }

  @Test
  void anInvalidPatternNamesItsKeyAndTheFix() {
    PlatformLoggerConfig.Builder b = PlatformLoggerConfig.builder();
    ConfigLoader.apply(b, "redact.pattern.broken", "EMP-([0-9]", "test");
    assertThatThrownBy(b::build)
        .isInstanceOf(ConfigurationException.class)
        .hasMessageStartingWith("redact.pattern.broken: is not a valid regular expression (Unclosed group")
        .hasMessageContaining("write a java.util.regex pattern");
    assertThatThrownBy(() -> ConfigLoader.apply(PlatformLoggerConfig.builder(), "redact.pattern.", "x", "test"))
        .hasMessageContaining("expected redact.pattern.<name>=<regex>");
    assertThatThrownBy(() -> ConfigLoader.apply(PlatformLoggerConfig.builder(), "redact.enabled", "maybe", "test"))
        .hasMessageStartingWith("redact.enabled: (from test) 'maybe' is not a boolean");
    assertThatThrownBy(() -> PlatformLoggerConfig.builder().redactKey("--").build())
        .hasMessageStartingWith("redact.keys: '--' has no letter or digit");
  }
}
