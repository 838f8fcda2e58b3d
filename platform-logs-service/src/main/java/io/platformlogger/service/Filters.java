package io.platformlogger.service;

import io.platformlogger.core.Level;
import io.platformlogger.core.LogEntry;
import io.platformlogger.postgres.LogQuery;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The filters every reading endpoint shares, parsed and checked, with the tenant scope settled: a
 * tenant key reads its own tenant only (asking for another is a 403), an admin key any tenants it
 * names or all. Immutable.
 */
final class Filters {
  /** The filter parameter names, shared by every endpoint that filters. */
  static final Set<String> NAMES = Set.of(
      "level", "service", "tenant", "since", "until", "q", "trace_id", "request_id", "user_id",
      "event_type", "error_signature");

  private static final Pattern AGO = Pattern.compile("(\\d{1,9})(s|m|h|d|w)");

  final Set<Level> levels;
  final List<String> services;
  final List<String> tenants; // empty only for an admin reading every tenant
  final Instant since;
  final Instant until;
  final String text;
  final String traceId;
  final String requestId;
  final String userId;
  final String eventType;
  final String errorSignature;

  private Filters(Params p, Caller caller, Clock clock) {
    Set<Level> ls = EnumSet.noneOf(Level.class);
    for (String l : p.list("level")) {
      try {
        ls.add(Level.parse(l));
      } catch (IllegalArgumentException e) {
        throw ApiException.badParameter("level", "unknown level '" + Params.clip(l) + "': use TRACE, DEBUG, INFO, WARN or ERROR");
      }
    }
    levels = ls;
    services = p.list("service");
    List<String> asked = p.list("tenant");
    if (caller.admin()) {
      tenants = asked;
    } else {
      for (String t : asked) {
        if (!t.equals(caller.tenant())) {
          throw ApiException.forbidden("tenant", "this key reads tenant " + caller.tenant() + " only");
        }
      }
      tenants = List.of(caller.tenant());
    }
    since = time(p, "since", clock);
    until = time(p, "until", clock);
    if (since != null && until != null && !since.isBefore(until)) {
      throw ApiException.badParameter("until", "until (" + until + ") is not after since (" + since + "): swap them or widen the range");
    }
    text = p.single("q");
    traceId = p.single("trace_id");
    requestId = p.single("request_id");
    userId = p.single("user_id");
    eventType = p.single("event_type");
    errorSignature = p.single("error_signature");
  }

  private Filters(Filters f, Instant since, Instant until) {
    levels = f.levels;
    services = f.services;
    tenants = f.tenants;
    this.since = since;
    this.until = until;
    text = f.text;
    traceId = f.traceId;
    requestId = f.requestId;
    userId = f.userId;
    eventType = f.eventType;
    errorSignature = f.errorSignature;
  }

  static Filters parse(Params p, Caller caller, Clock clock) {
    return new Filters(p, caller, clock);
  }

  /** The same filters over another time range. */
  Filters withRange(Instant since, Instant until) {
    return new Filters(this, since, until);
  }

  private static Instant time(Params p, String name, Clock clock) {
    String v = p.single(name);
    if (v == null) {
      return null;
    }
    Matcher m = AGO.matcher(v.toLowerCase(Locale.ROOT));
    if (m.matches()) {
      long n = Long.parseLong(m.group(1));
      Duration d = switch (m.group(2)) {
        case "s" -> Duration.ofSeconds(n);
        case "m" -> Duration.ofMinutes(n);
        case "h" -> Duration.ofHours(n);
        case "d" -> Duration.ofDays(n);
        default -> Duration.ofDays(7 * n);
      };
      return clock.instant().minus(d);
    }
    try {
      return Instant.parse(v);
    } catch (DateTimeParseException e) {
      try {
        return OffsetDateTime.parse(v).toInstant();
      } catch (DateTimeParseException e2) {
        throw ApiException.badParameter(name, name + " '" + Params.clip(v)
            + "' is neither a time back from now (30s, 15m, 2h, 7d, 1w) nor an ISO-8601 time (2026-01-20T10:00:00Z)");
      }
    }
  }

  /** A store query of these filters (newest first, 100 per page until changed). */
  LogQuery.Builder query() {
    LogQuery.Builder b = tenants.isEmpty() ? LogQuery.allTenants() : LogQuery.forTenants(tenants);
    b.levels(levels.toArray(new Level[0])).services(services).from(since).to(until)
        .traceId(traceId).requestId(requestId).userId(userId).eventType(eventType)
        .errorSignature(errorSignature).text(text);
    return b;
  }

  /**
   * A canonical text of the filters apart from the time range, so that a cursor can be bound to
   * the query it was made for.
   */
  String fingerprint() {
    List<String> parts = new ArrayList<>();
    parts.add("l=" + new TreeSet<>(levels.stream().map(Enum::name).toList()));
    parts.add("s=" + new TreeSet<>(services));
    parts.add("t=" + new TreeSet<>(tenants));
    parts.add("q=" + text);
    parts.add("tr=" + traceId);
    parts.add("r=" + requestId);
    parts.add("u=" + userId);
    parts.add("e=" + eventType);
    parts.add("sig=" + errorSignature);
    return String.join("\u0000", parts);
  }

  /**
   * Whether a live entry passes these filters (the stream's server-side filter). {@code q} matches
   * when every word occurs in the message or error type, ignoring case — simpler than the store's
   * full-text search, which stems words.
   */
  boolean matches(LogEntry e) {
    if (!levels.isEmpty() && !levels.contains(e.level())) {
      return false;
    }
    if (!services.isEmpty() && !services.contains(e.service())) {
      return false;
    }
    if (!tenants.isEmpty() && !tenants.contains(e.tenantId())) {
      return false;
    }
    if (!eq(traceId, e.traceId()) || !eq(requestId, e.requestId()) || !eq(userId, e.userId())
        || !eq(eventType, e.eventType()) || !eq(errorSignature, e.errorSignature())) {
      return false;
    }
    if (text != null) {
      String hay = (e.message() + " " + (e.errorType() == null ? "" : e.errorType())).toLowerCase(Locale.ROOT);
      for (String word : text.toLowerCase(Locale.ROOT).split("\\s+")) {
        if (!word.isEmpty() && !hay.contains(word)) {
          return false;
        }
      }
    }
    return true;
  }

  private static boolean eq(String wanted, String actual) {
    return wanted == null || wanted.equals(actual);
  }
}
