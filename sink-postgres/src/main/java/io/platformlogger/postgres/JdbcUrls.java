package io.platformlogger.postgres;

import io.platformlogger.core.redact.Redactor;

/**
 * Checks a PostgreSQL JDBC URL before anything connects, with messages that never repeat its
 * password. Used by the sink, the store and the CLI. Stateless.
 */
public final class JdbcUrls {
  private JdbcUrls() {}

  /**
   * Refuses what is not {@code jdbc:postgresql:...}, and {@code user:password@} in the URL: pgjdbc
   * takes it for part of the host name, so the connection fails and its error repeats the password.
   *
   * @param what the setting's name for the message, such as {@code jdbcUrl} or {@code --pg-url}
   * @throws IllegalArgumentException naming {@code what} and the fix, the URL's secrets masked
   */
  public static void check(String what, String url) {
    if (url == null || !url.startsWith("jdbc:postgresql:")) {
      throw new IllegalArgumentException(
          what + " is '" + Redactor.mask(url) + "': it must start with jdbc:postgresql:");
    }
    String rest = url.substring("jdbc:postgresql:".length());
    if (rest.startsWith("//")) {
      int end = rest.length();
      for (char c : new char[] {'/', '?', '#'}) {
        int i = rest.indexOf(c, 2);
        if (i >= 0 && i < end) {
          end = i;
        }
      }
      if (rest.lastIndexOf('@', end) >= 2) {
        throw new IllegalArgumentException(
            what + " is '" + Redactor.mask(url) + "': pgjdbc reads user:password@ as part of the host;"
                + " give the user and password as their own settings");
      }
    }
  }
}
