package io.platformlogger.service;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

/**
 * The service's {@code nextCursor}: the store's keyset cursor, bound to the caller's tenant scope
 * and to the query (a hash of its filters), carrying the time range the first page resolved (so a
 * relative {@code since=15m} does not move while paging), and signed. A cursor not signed here is a
 * 400; one made for another tenant or another query is a 403. Thread-safe.
 */
final class PageCursors {
  private static final String VERSION = "c1";

  /** Where the next page starts and the time range to keep. */
  record Position(Instant since, Instant until, String storeCursor) {}

  private final Signer signer;

  PageCursors(Signer signer) {
    this.signer = signer;
  }

  String encode(Caller caller, Filters f, String storeCursor) {
    return signer.sign(String.join("|", VERSION, caller.scope(), hash(f.fingerprint()),
        micros(f.since), micros(f.until), storeCursor));
  }

  Position decode(String cursor, Caller caller, Filters f) {
    String payload = signer.verify(cursor);
    String[] p = payload == null ? new String[0] : payload.split("\\|", 6);
    if (p.length != 6 || !VERSION.equals(p[0])) {
      throw ApiException.badParameter("cursor", "cursor is not a nextCursor made by this service: start again without it");
    }
    if (!p[1].equals(caller.scope())) {
      throw ApiException.forbidden("cursor", "cursor was made for another tenant");
    }
    if (!p[2].equals(hash(f.fingerprint()))) {
      throw ApiException.forbidden("cursor", "cursor was made for another query: give the same filters as for the first page, or start again without it");
    }
    return new Position(instant(p[3]), instant(p[4]), p[5]);
  }

  private static String micros(Instant t) {
    return t == null ? "-" : Long.toString(t.getEpochSecond() * 1_000_000L + t.getNano() / 1000);
  }

  private static Instant instant(String micros) {
    if ("-".equals(micros)) {
      return null;
    }
    long m = Long.parseLong(micros);
    return Instant.ofEpochSecond(Math.floorDiv(m, 1_000_000L), Math.floorMod(m, 1_000_000L) * 1000);
  }

  private static String hash(String s) {
    try {
      return HexFormat.of().formatHex(
          MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)), 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
