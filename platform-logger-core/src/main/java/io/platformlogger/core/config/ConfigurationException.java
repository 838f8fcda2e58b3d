package io.platformlogger.core.config;

/**
 * Invalid configuration, found when the configuration is built: the message names the key, the
 * value given and what is accepted, so the fix is obvious from the message alone.
 */
public final class ConfigurationException extends IllegalArgumentException {
  private final String key;

  public ConfigurationException(String key, String message) {
    super(key + ": " + message);
    this.key = key;
  }

  /** The configuration key at fault, such as {@code flush.max-entries}. */
  public String key() {
    return key;
  }
}
