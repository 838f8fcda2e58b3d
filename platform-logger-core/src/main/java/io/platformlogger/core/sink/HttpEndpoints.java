package io.platformlogger.core.sink;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * The address of an HTTP sink's server, checked the same way for every such sink (Loki, OTLP):
 * an {@code http} or {@code https} URL with a host; a URL without a path gets the service's usual
 * path. Called by sink builders on the configuring thread; stateless.
 */
public final class HttpEndpoints {
  private HttpEndpoints() {}

  /**
   * @param setting the builder setting's name, first word of the error messages
   * @param url what was given
   * @param defaultPath the path appended when {@code url} has none, such as {@code /v1/logs}
   * @param example an address to suggest, such as {@code http://collector:4318}
   * @throws IllegalArgumentException naming {@code setting} when {@code url} is not an http(s) URL
   */
  public static URI parse(String setting, String url, String defaultPath, String example) {
    URI u;
    try {
      u = new URI(url == null ? "" : url.trim());
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(setting + " '" + url + "' is not a URL: " + e.getMessage(), e);
    }
    if (u.getScheme() == null || !(u.getScheme().equals("http") || u.getScheme().equals("https"))
        || u.getHost() == null) {
      throw new IllegalArgumentException(
          setting + " '" + url + "' is not an http(s) URL: give the server's address, such as " + example);
    }
    String path = u.getRawPath();
    return path == null || path.isEmpty() || path.equals("/") ? u.resolve(defaultPath) : u;
  }
}
