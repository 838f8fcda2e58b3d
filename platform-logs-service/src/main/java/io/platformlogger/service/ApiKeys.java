package io.platformlogger.service;

import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Checks presented keys against the configured hashes. Every configured hash is compared, each in
 * constant time ({@link MessageDigest#isEqual}), so the time taken says nothing about which key or
 * how much of it matched. Thread-safe (immutable).
 */
final class ApiKeys {
  private final List<ApiKey> keys;
  private final List<byte[]> hashes;

  ApiKeys(List<ApiKey> keys) {
    this.keys = List.copyOf(keys);
    this.hashes = keys.stream().map(k -> HexFormat.of().parseHex(k.sha256())).toList();
  }

  Optional<Caller> authenticate(String presentedKey) {
    if (presentedKey == null || presentedKey.isEmpty()) {
      return Optional.empty();
    }
    byte[] h = HexFormat.of().parseHex(ApiKey.sha256Of(presentedKey));
    ApiKey found = null;
    for (int i = 0; i < hashes.size(); i++) {
      if (MessageDigest.isEqual(hashes.get(i), h) && found == null) {
        found = keys.get(i);
      }
    }
    return found == null ? Optional.empty() : Optional.of(Caller.of(found));
  }

  /** The key of an {@code Authorization: Bearer <key>} header, or null. */
  static String bearer(String authorization) {
    if (authorization == null) {
      return null;
    }
    String a = authorization.trim();
    if (a.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return a.substring(7).trim();
    }
    return null;
  }
}
