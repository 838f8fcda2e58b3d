package io.platformlogger.service;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * One accepted API key, as configured: the SHA-256 of the key (never the key itself), and either the
 * one tenant it may read or admin rights over every tenant. Immutable.
 *
 * @param sha256 64 lower-case hex digits: {@code printf %s "$KEY" | sha256sum}
 * @param tenant the tenant it reads; null for an admin key
 */
public record ApiKey(String sha256, String tenant) {
  private static final Pattern HEX = Pattern.compile("[0-9a-f]{64}");

  public ApiKey {
    if (sha256 == null || !HEX.matcher(sha256.toLowerCase(Locale.ROOT)).matches()) {
      throw new IllegalArgumentException(
          "API key hash '" + sha256 + "' is not a SHA-256 in hex: give 64 hex digits, as printed by"
              + " printf %s \"$KEY\" | sha256sum");
    }
    sha256 = sha256.toLowerCase(Locale.ROOT);
    if (tenant != null && tenant.isBlank()) {
      throw new IllegalArgumentException("API key " + sha256.substring(0, 8) + "… has an empty tenant: give the tenant id, or * for an admin key");
    }
  }

  /** A key that reads only {@code tenant}'s entries. */
  public static ApiKey forTenant(String sha256, String tenant) {
    if (tenant == null) {
      throw new IllegalArgumentException("tenant is null: give the tenant id, or use ApiKey.admin");
    }
    return new ApiKey(sha256, tenant);
  }

  /** A key that reads every tenant's entries. */
  public static ApiKey admin(String sha256) {
    return new ApiKey(sha256, null);
  }

  /**
   * Parses {@code <sha256>:<tenant>} or {@code <sha256>:*} (admin), the form of {@code
   * PLATFORM_LOGS_API_KEYS} (comma-separated).
   */
  public static ApiKey parse(String spec) {
    int colon = spec == null ? -1 : spec.indexOf(':');
    if (colon < 0) {
      throw new IllegalArgumentException(
          "API key '" + spec + "' is not <sha256>:<tenant> or <sha256>:* (admin)");
    }
    String hash = spec.substring(0, colon).trim();
    String who = spec.substring(colon + 1).trim();
    return "*".equals(who) ? admin(hash) : forTenant(hash, who);
  }

  public boolean admin() {
    return tenant == null;
  }

  /** The SHA-256 of a key in hex, as {@link ApiKey} expects it. */
  public static String sha256Of(String key) {
    try {
      return HexFormat.of().formatHex(
          MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  @Override
  public String toString() {
    return "ApiKey[" + sha256.substring(0, 8) + "…, " + (admin() ? "admin" : "tenant " + tenant) + "]";
  }
}
