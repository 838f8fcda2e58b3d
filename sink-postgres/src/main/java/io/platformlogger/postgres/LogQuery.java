package io.platformlogger.postgres;

import io.platformlogger.core.Environment;
import io.platformlogger.core.Level;
import java.time.Instant;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/**
 * What to read from the log table: one or several tenants (or, explicitly, every tenant), filters,
 * full-text search, the page size and order. Immutable and thread-safe; start with {@link
 * #forTenant}, {@link #forTenants} or {@link #allTenants}. A null filter or an empty set means
 * "any"; several values of one filter (levels, services, tenants) match any of them.
 */
public final class LogQuery {
  /** The largest page {@link PostgresLogStore#query} returns. */
  public static final int MAX_PAGE_SIZE = 1000;

  private final Set<String> tenantIds; // empty: every tenant (only through allTenants())
  private final Set<Level> levels;
  private final Set<String> services;
  private final Environment environment;
  private final Instant from;
  private final Instant to;
  private final String traceId;
  private final String requestId;
  private final String userId;
  private final String eventType;
  private final String errorSignature;
  private final String loggerName;
  private final String text;
  private final int pageSize;
  private final boolean oldestFirst;

  private LogQuery(Builder b) {
    tenantIds = Set.copyOf(b.tenantIds);
    levels = b.levels.isEmpty() ? Set.of() : Set.copyOf(b.levels);
    services = Set.copyOf(b.services);
    environment = b.environment;
    from = b.from;
    to = b.to;
    traceId = b.traceId;
    requestId = b.requestId;
    userId = b.userId;
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
    return new Builder(Set.of(tenantId));
  }

  /**
   * A query over the entries of any of these tenants (an administrator's view of a few tenants).
   *
   * @throws IllegalArgumentException when no tenant or an empty one is given
   */
  public static Builder forTenants(Collection<String> tenantIds) {
    if (tenantIds == null || tenantIds.isEmpty()) {
      throw new IllegalArgumentException(
          "tenantIds is empty: give the tenants to read, or use LogQuery.allTenants() for an admin view");
    }
    Set<String> ids = new LinkedHashSet<>();
    for (String t : tenantIds) {
      if (t == null || t.isEmpty()) {
        throw new IllegalArgumentException("tenantIds holds an empty tenant id: give real tenant ids");
      }
      ids.add(t);
    }
    return new Builder(ids);
  }

  /** A query over every tenant's entries: for administrators and tools, never for a tenant's user. */
  public static Builder allTenants() {
    return new Builder(Set.of());
  }

  /** A query over the same tenants as {@code q} with no other filter. */
  static LogQuery sameTenants(LogQuery q) {
    return new Builder(q.tenantIds).build();
  }

  /** The tenants read; empty for an all-tenants query (never empty otherwise). */
  public Set<String> tenantIds() { return tenantIds; }
  /** True when built with {@link #allTenants()}. */
  public boolean isAllTenants() { return tenantIds.isEmpty(); }
  public Set<Level> levels() { return levels; }
  /** Only entries of any of these services; empty: every service. */
  public Set<String> services() { return services; }
  public Environment environment() { return environment; }
  /** Inclusive lower bound, or null. */
  public Instant from() { return from; }
  /** Exclusive upper bound, or null. */
  public Instant to() { return to; }
  public String traceId() { return traceId; }
  public String requestId() { return requestId; }
  public String userId() { return userId; }
  public String eventType() { return eventType; }
  public String errorSignature() { return errorSignature; }
  public String loggerName() { return loggerName; }
  /** Full-text search in web-search syntax ({@code "connection refused" -timeout}), or null. */
  public String text() { return text; }
  public int pageSize() { return pageSize; }
  public boolean oldestFirst() { return oldestFirst; }

  /** Builds a {@link LogQuery}. Not thread-safe. */
  public static final class Builder {
    private final Set<String> tenantIds;
    private final Set<Level> levels = EnumSet.noneOf(Level.class);
    private final Set<String> services = new LinkedHashSet<>();
    private Environment environment;
    private Instant from;
    private Instant to;
    private String traceId;
    private String requestId;
    private String userId;
    private String eventType;
    private String errorSignature;
    private String loggerName;
    private String text;
    private int pageSize = 100;
    private boolean oldestFirst;

    private Builder(Set<String> tenantIds) {
      this.tenantIds = tenantIds;
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

    /** Only entries of this service; with {@link #services}, of any of those given. Null: ignored. */
    public Builder service(String service) {
      if (service != null) {
        services.add(service);
      }
      return this;
    }

    /** Only entries of any of these services. None given: every service. */
    public Builder services(Collection<String> services) {
      for (String s : services) {
        this.services.add(Objects.requireNonNull(s, "service"));
      }
      return this;
    }

    public Builder environment(Environment environment) { this.environment = environment; return this; }
    /** Entries at or after {@code from}. */
    public Builder from(Instant from) { this.from = from; return this; }
    /** Entries before {@code to}. */
    public Builder to(Instant to) { this.to = to; return this; }
    public Builder traceId(String traceId) { this.traceId = traceId; return this; }
    public Builder requestId(String requestId) { this.requestId = requestId; return this; }
    public Builder userId(String userId) { this.userId = userId; return this; }
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
