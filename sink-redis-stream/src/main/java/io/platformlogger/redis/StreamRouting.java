package io.platformlogger.redis;

/**
 * Which stream an entry goes to: one stream for everything, or one per tenant or per service (the
 * base key followed by {@code :tenant:<tenant_id>} or {@code :service:<service>}; entries without
 * that field go to the base key).
 */
public enum StreamRouting {
  /** Every entry to the base stream key. */
  SINGLE,
  /** {@code <base>:tenant:<tenant_id>}; entries without a tenant to {@code <base>}. */
  PER_TENANT,
  /** {@code <base>:service:<service>}; entries without a service to {@code <base>}. */
  PER_SERVICE;

  String streamFor(String base, String tenantId, String service) {
    switch (this) {
      case PER_TENANT:
        return tenantId == null ? base : base + ":tenant:" + tenantId;
      case PER_SERVICE:
        return service == null ? base : base + ":service:" + service;
      default:
        return base;
    }
  }
}
