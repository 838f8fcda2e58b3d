package io.platformlogger.core.redact;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What the pipeline redacts before an entry leaves the process: the {@code redact.*} keys of
 * {@link io.platformlogger.core.config.PlatformLoggerConfig} (see docs/redaction.md). Immutable
 * and thread-safe; validated by the configuration that holds it.
 *
 * @param enabled whether entries are redacted at all ({@code redact.enabled}, default true)
 * @param extraKeys data, MDC and context keys whose values are secrets, besides the built-in ones
 *     ({@code redact.keys}); matched like them, ignoring case and separators, as a key's ending
 * @param extraPatterns regular expressions masked in free text, by name ({@code
 *     redact.pattern.<name>}); a group named {@code secret} masks only that group, else the whole
 *     match is masked
 * @param allowedKeys keys never redacted even though they look like secrets ({@code redact.allow}),
 *     compared whole, ignoring case and separators
 */
public record RedactionSettings(
    boolean enabled, List<String> extraKeys, Map<String, Pattern> extraPatterns, List<String> allowedKeys) {

  /** On, with the built-in keys and patterns only. */
  public static final RedactionSettings DEFAULT = new RedactionSettings(true, List.of(), Map.of(), List.of());

  /** Nothing is redacted. */
  public static final RedactionSettings OFF = new RedactionSettings(false, List.of(), Map.of(), List.of());

  public RedactionSettings {
    extraKeys = List.copyOf(extraKeys);
    extraPatterns = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(extraPatterns));
    allowedKeys = List.copyOf(allowedKeys);
  }
}
