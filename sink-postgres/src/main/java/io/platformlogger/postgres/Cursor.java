package io.platformlogger.postgres;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/**
 * The keyset position after the last entry of a page, (timestamp, id), as an opaque URL-safe
 * string. Opaque so that callers cannot build positions and the format may change.
 */
record Cursor(Instant timestamp, String id) {
  private static final String VERSION = "1";

  String encode() {
    long micros = timestamp.getEpochSecond() * 1_000_000L + timestamp.getNano() / 1000;
    String plain = VERSION + ":" + micros + ":" + id;
    return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
  }

  static Cursor decode(String cursor) {
    try {
      String plain = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
      String[] parts = plain.split(":", 3);
      if (parts.length != 3 || !VERSION.equals(parts[0])) {
        throw new IllegalArgumentException("unknown format");
      }
      long micros = Long.parseLong(parts[1]);
      Instant t = Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000);
      return new Cursor(t, parts[2]);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          "cursor '" + cursor + "' is not a nextCursor returned by PostgresLogStore.query", e);
    }
  }
}
