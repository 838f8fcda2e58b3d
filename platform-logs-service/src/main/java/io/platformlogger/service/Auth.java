package io.platformlogger.service;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;

/**
 * Establishes the {@link Caller} of a request: from {@code Authorization: Bearer <key>} on every
 * {@code /api/} route (the OpenAPI document excepted), and for the stream WebSocket also from a
 * stream token in {@code ?token=}. Thread-safe.
 */
final class Auth {
  private static final String CALLER = "io.platformlogger.service.caller";

  private final ApiKeys keys;
  private final StreamTokens tokens;

  Auth(ApiKeys keys, StreamTokens tokens) {
    this.keys = keys;
    this.tokens = tokens;
  }

  /** The before-handler of {@code /api/*}: a 401 without a known key. */
  void require(Context ctx) {
    String path = ctx.path();
    if (path.equals(LogsService.OPENAPI) || path.equals(LogsService.STREAM)) {
      return; // public document; the stream authenticates its upgrade itself
    }
    if (ctx.method() == HandlerType.OPTIONS) {
      return; // a CORS preflight carries no credentials (by the Fetch standard) and reads nothing
    }
    Caller c = keys.authenticate(ApiKeys.bearer(ctx.header("Authorization")))
        .orElseThrow(ApiException::unauthorized);
    ctx.attribute(CALLER, c);
  }

  /** The caller of a stream upgrade: a key in the header, or else a valid stream token; else null. */
  Caller stream(String authorization, String token) {
    String key = ApiKeys.bearer(authorization);
    if (key != null) {
      return keys.authenticate(key).orElse(null);
    }
    return token == null ? null : tokens.verify(token);
  }

  static Caller caller(Context ctx) {
    Caller c = ctx.attribute(CALLER);
    if (c == null) {
      throw ApiException.unauthorized();
    }
    return c;
  }
}
