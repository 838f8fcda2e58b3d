package io.platformlogger.service;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The web viewer's static files (classpath {@code io/platformlogger/service/viewer/}), read once at
 * start and served from memory under {@code /viewer/}. Only the files named here exist, so a path
 * can never reach anything else on the classpath. Every answer carries a strict
 * Content-Security-Policy: scripts and styles only from this origin, no inline code, no frames, no
 * plugins, and connections only back to this origin (HTTP and WebSocket). Called by Javalin's
 * request threads; immutable after construction.
 */
final class ViewerAssets {
  static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
      + " connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

  private static final String[][] FILES = {
    {"index.html", "text/html; charset=utf-8"},
    {"viewer.css", "text/css; charset=utf-8"},
    {"app.mjs", "text/javascript; charset=utf-8"},
    {"api.mjs", "text/javascript; charset=utf-8"},
    {"state.mjs", "text/javascript; charset=utf-8"},
    {"format.mjs", "text/javascript; charset=utf-8"},
    {"ring.mjs", "text/javascript; charset=utf-8"},
    {"dom.mjs", "text/javascript; charset=utf-8"},
    {"live.mjs", "text/javascript; charset=utf-8"},
    {"errors.mjs", "text/javascript; charset=utf-8"},
    {"patterns.mjs", "text/javascript; charset=utf-8"},
  };

  /** File name → (content type, bytes); fixed after construction. */
  private final Map<String, Asset> assets = new LinkedHashMap<>();

  private record Asset(String type, byte[] bytes) {}

  ViewerAssets() {
    for (String[] f : FILES) {
      try (InputStream in = ViewerAssets.class.getResourceAsStream("viewer/" + f[0])) {
        if (in == null) {
          throw new IllegalStateException("viewer file missing from the jar: " + f[0]);
        }
        assets.put(f[0], new Asset(f[1], in.readAllBytes()));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  void index(Context ctx) {
    serve(ctx, "index.html");
  }

  void file(Context ctx) {
    serve(ctx, ctx.pathParam("file"));
  }

  private void serve(Context ctx, String name) {
    Asset a = assets.get(name);
    ctx.header("Content-Security-Policy", CSP);
    ctx.header("Referrer-Policy", "no-referrer");
    ctx.header("X-Frame-Options", "DENY");
    if (a == null) {
      throw new ApiException(404, "no such viewer file: open /viewer/", null);
    }
    ctx.contentType(a.type()).result(a.bytes());
  }
}
