package io.platformlogger.postgres;

import java.time.Instant;

/**
 * Which error groups to aggregate: a time range, a tenant (or explicitly all tenants), the order
 * and how many groups. Immutable; start with {@link #forTenant} or {@link #allTenants}.
 */
public final class ErrorGroupQuery {
  /** How groups are ordered. */
  public enum Order {
    /** Most occurrences first. */
    COUNT,
    /** Most recently seen first. */
    LAST_SEEN
  }

  private final String tenantId;
  private final Instant from;
  private final Instant to;
  private final Order order;
  private final int limit;

  private ErrorGroupQuery(Builder b) {
    tenantId = b.tenantId;
    from = b.from;
    to = b.to;
    order = b.order;
    limit = b.limit;
  }

  public static Builder forTenant(String tenantId) {
    if (tenantId == null || tenantId.isEmpty()) {
      throw new IllegalArgumentException(
          "tenantId is empty: give the tenant, or use ErrorGroupQuery.allTenants() for an admin view");
    }
    return new Builder(tenantId);
  }

  public static Builder allTenants() {
    return new Builder(null);
  }

  public String tenantId() { return tenantId; }
  public Instant from() { return from; }
  public Instant to() { return to; }
  public Order order() { return order; }
  public int limit() { return limit; }

  /** Builds an {@link ErrorGroupQuery}. Not thread-safe. */
  public static final class Builder {
    private final String tenantId;
    private Instant from;
    private Instant to;
    private Order order = Order.COUNT;
    private int limit = 50;

    private Builder(String tenantId) {
      this.tenantId = tenantId;
    }

    public Builder from(Instant from) { this.from = from; return this; }
    public Builder to(Instant to) { this.to = to; return this; }
    public Builder orderBy(Order order) { this.order = order; return this; }
    /** At most this many groups, 1 to 1000. Default 50. */
    public Builder limit(int limit) { this.limit = limit; return this; }

    public ErrorGroupQuery build() {
      if (limit < 1 || limit > 1000) {
        throw new IllegalArgumentException("limit is " + limit + ": use 1 to 1000");
      }
      if (order == null) {
        throw new IllegalArgumentException("orderBy is null: use COUNT or LAST_SEEN");
      }
      if (from != null && to != null && !from.isBefore(to)) {
        throw new IllegalArgumentException(
            "from (" + from + ") is not before to (" + to + "): swap them or widen the range");
      }
      return new ErrorGroupQuery(this);
    }
  }
}
