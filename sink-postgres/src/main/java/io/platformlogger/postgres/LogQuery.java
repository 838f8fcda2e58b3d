package io.platformlogger.postgres;

import io.platformlogger.core.Environment;
import io.platformlogger.core.Level;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * What to read from the log table: a tenant (or, explicitly, every tenant), filters, full-text
 * search, the page size and order. Immutable and thread-safe; start with {@link #forTenant} or
 * {@link #allTenants}. A null filter means "any".
 */
public final class LogQuery {
  /** The largest page {@link PostgresLogStore#query} returns. */
  public static final int MAX_PAGE_SIZE = 1000;

  private final String tenantId;
  private final Set<Level> levels;
  private final String service;
  private final Environment environment;
  private final Instant from;
  private final Instant to;
  private final String traceId;
  private final String requestId;
  private final String eventType;
  private final String errorSignature;
  private final String loggerName;
  private final String text;
  private final int pageSize;
  private final boolean oldestFirst;

  private LogQuery(Builder b) {
    tenantId = b.tenantId;
    levels = b.levels.isEmpty() ? Set.of() : Set.copyOf(b.levels);
    service = b.service;
    environment = b.environment;
    from = b.from;
    to = b.to;
    traceId = b.traceId;
    requestId = b.requestId;
    eventType = b.eventType;
    errorSignature = b.errorSignature;
    loggerName = b.loggerName;
    text = b.text;
    pageSize = b.pageSize;
    oldestFirst = b.oldestFirst;
  }

  /** A query over one tenant's entries only. */
  public static Builder forTenant(String tenantId) {
    if (tenantId == null || tenantId.isEmpty()) {
      throw new IllegalArgumentException(
          "tenantId is empty: give the tenant to read, or use LogQuery.allTenants() for an admin view");
    }
    return new Builder(tenantId);
  }

  /** A query over every tenant's entries: for administrators and tools, never for a tenant's user. */
  public static Builder allTenants() {
    return new Builder(null);
  }

  /** The tenant, or null for an all-tenants query. */
  public String tenantId() { return tenantId; }
  public Set<Level> levels() { return levels; }
  public String service() { return service; }
  public Environment environment() { return environment; }
  /** Inclusive lower bound, or null. */
  public Instant from() { return from; }
  /** Exclusive upper bound, or null. */
  public Instant to() { return to; }
  public String traceId() { return traceId; }
  public String requestId() { return requestId; }
  public String eventType() { return eventType; }
  public String errorSignature() { return errorSignature; }
  public String loggerName() { return loggerName; }
  /** Full-text search in web-search syntax ({@code "connection refused" -timeout}), or null. */
  public String text() { return text; }
  public int pageSize() { return pageSize; }
  public boolean oldestFirst() { return oldestFirst; }

  /** Builds a {@link LogQuery}. Not thread-safe. */
  public static final class Builder {
    private final String tenantId;
    private final Set<Level> levels = EnumSet.noneOf(Level.class);
    private String service;
    private Environment environment;
    private Instant from;
    private Instant to;
    private String traceId;
    private String requestId;
    private String eventType;
    private String errorSignature;
    private String loggerName;
    private String text;
    private int pageSize = 100;
    private boolean oldestFirst;

    private Builder(String tenantId) {
      this.tenantId = tenantId;
    }

    /** Only these levels (any of them). None given: every level. */
    public Builder levels(Level... levels) {
      for (Level l : levels) {
        this.levels.add(Objects.requireNonNull(l, "level"));
      }
      return this;
    }

    /** Only levels at least as severe as {@code minimum}. */
    public Builder minLevel(Level minimum) {
      for (Level l : Level.values()) {
        if (l.isAtLeast(minimum)) {
          levels.add(l);
        }
      }
      return this;
    }

    public Builder service(String service) { this.service = service; return this; }
    public Builder environment(Environment environment) { this.environment = environment; return this; }
    /** Entries at or after {@code from}. */
    public Builder from(Instant from) { this.from = from; return this; }
    /** Entries before {@code to}. */
    public Builder to(Instant to) { this.to = to; return this; }
    public Builder traceId(String traceId) { this.traceId = traceId; return this; }
    public Builder requestId(String requestId) { this.requestId = requestId; return this; }
    public Builder eventType(String eventType) { this.eventType = eventType; return this; }
    public Builder errorSignature(String errorSignature) { this.errorSignature = errorSignature; return this; }
    public Builder loggerName(String loggerName) { this.loggerName = loggerName; return this; }
    /** Full-text search over the message and error type, in web-search syntax. */
    public Builder text(String text) { this.text = text; return this; }
    /** Entries per page, 1 to {@value LogQuery#MAX_PAGE_SIZE}. Default 100. */
    public Builder pageSize(int pageSize) { this.pageSize = pageSize; return this; }
    /** Oldest entries first; the default is newest first. */
    public Builder oldestFirst() { this.oldestFirst = true; return this; }

    /** @throws IllegalArgumentException naming the setting and what to change */
    public LogQuery build() {
      if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
        throw new IllegalArgumentException(
            "pageSize is " + pageSize + ": use 1 to " + MAX_PAGE_SIZE + " and page with the cursor");
      }
      if (from != null && to != null && !from.isBefore(to)) {
        throw new IllegalArgumentException(
            "from (" + from + ") is not before to (" + to + "): swap them or widen the range");
      }
      return new LogQuery(this);
    }
  }
}
