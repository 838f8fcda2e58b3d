package io.platformlogger.loki;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Base64;

/**
 * The {@code Authorization} header of the push requests: none, basic (user and a password) or
 * bearer (a token), the secret read from an environment variable or a file, never from the
 * properties themselves. A file is read again when it changes (a rotated Kubernetes secret), so
 * the value is always current without a restart. Thread-safe: {@link #header} synchronizes.
 */
final class Credentials {
  static final Credentials NONE = new Credentials(null, null, null, null);

  private final String basicUser; // null for bearer
  private final String secretFromEnv; // the value, read once when the sink was built
  private final Path secretFile;
  private final String describe;
  private FileTime readAt;
  private String header;

  private Credentials(String basicUser, String secretFromEnv, Path secretFile, String describe) {
    this.basicUser = basicUser;
    this.secretFromEnv = secretFromEnv;
    this.secretFile = secretFile;
    this.describe = describe;
  }

  /** Basic auth with a password from {@code env} (its value) or {@code file}; one of them. */
  static Credentials basic(String user, String passwordFromEnv, Path passwordFile, String describe) {
    return new Credentials(user, passwordFromEnv, passwordFile, describe);
  }

  /** Bearer auth with a token from {@code env} (its value) or {@code file}; one of them. */
  static Credentials bearer(String tokenFromEnv, Path tokenFile, String describe) {
    return new Credentials(null, tokenFromEnv, tokenFile, describe);
  }

  /** Where the secret comes from, for error messages; null for none. */
  String describe() {
    return describe;
  }

  /**
   * The header value, or null for none.
   *
   * @throws IOException when the secret file cannot be read
   */
  synchronized String header() throws IOException {
    if (describe == null) {
      return null;
    }
    String secret;
    if (secretFile != null) {
      FileTime modified = Files.getLastModifiedTime(secretFile);
      if (header != null && modified.equals(readAt)) {
        return header;
      }
      secret = Files.readString(secretFile, StandardCharsets.UTF_8).strip();
      readAt = modified;
    } else if (header != null) {
      return header;
    } else {
      secret = secretFromEnv;
    }
    header =
        basicUser != null
            ? "Basic "
                + Base64.getEncoder()
                    .encodeToString((basicUser + ":" + secret).getBytes(StandardCharsets.UTF_8))
            : "Bearer " + secret;
    return header;
  }
}
