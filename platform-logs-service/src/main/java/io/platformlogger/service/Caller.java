package io.platformlogger.service;

/**
 * Who is asking, as established from an API key or a stream token: one tenant, or an admin
 * (tenant null). Immutable.
 */
record Caller(String tenant, boolean admin) {
  static Caller of(ApiKey key) {
    return new Caller(key.tenant(), key.admin());
  }

  /** What signed tokens and cursors carry: {@code *} for an admin, else the tenant. */
  String scope() {
    return admin ? "*" : "t:" + tenant;
  }

  static Caller ofScope(String scope) {
    if ("*".equals(scope)) {
      return new Caller(null, true);
    }
    if (scope.startsWith("t:") && scope.length() > 2) {
      return new Caller(scope.substring(2), false);
    }
    return null;
  }
}
