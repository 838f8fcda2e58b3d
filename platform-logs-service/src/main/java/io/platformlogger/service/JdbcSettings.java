package io.platformlogger.service;

/**
 * Where the service reads stored entries when it makes its own connection pool. Immutable; {@link
 * #toString()} never shows the password.
 *
 * @param url {@code jdbc:postgresql://host:5432/db}
 * @param user the user (null: the driver's default)
 * @param password the password, or null
 * @param schema the schema the PostgreSQL sink writes, such as {@code public}
 */
public record JdbcSettings(String url, String user, String password, String schema) {
  public JdbcSettings {
    if (url == null || !url.startsWith("jdbc:postgresql:")) {
      throw new IllegalArgumentException("PostgreSQL URL is '" + url + "': it must start with jdbc:postgresql://");
    }
    if (schema == null || schema.isBlank()) {
      schema = "public";
    }
  }

  @Override
  public String toString() {
    int q = url.indexOf('?'); // parameters may carry a password
    return "JdbcSettings[url=" + (q < 0 ? url : url.substring(0, q)) + ", user=" + user + ", schema=" + schema + "]";
  }
}
