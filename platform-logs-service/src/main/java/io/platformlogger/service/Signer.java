package io.platformlogger.service;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs and checks the service's opaque strings (page cursors, stream tokens) with HMAC-SHA256:
 * {@code base64url(payload) + "." + base64url(mac)}. A string this service did not sign, or signed
 * with another secret, is refused. Thread-safe.
 */
final class Signer {
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder D64 = Base64.getUrlDecoder();

  private final SecretKeySpec key;

  Signer(byte[] secret) {
    if (secret.length < 32) {
      throw new IllegalArgumentException("the signing secret has " + secret.length + " bytes: give at least 32");
    }
    this.key = new SecretKeySpec(secret.clone(), "HmacSHA256");
  }

  static byte[] randomSecret() {
    byte[] b = new byte[32];
    new SecureRandom().nextBytes(b);
    return b;
  }

  String sign(String payload) {
    byte[] p = payload.getBytes(StandardCharsets.UTF_8);
    return B64.encodeToString(p) + "." + B64.encodeToString(mac(p));
  }

  /** The payload of a string {@link #sign} made, or null when it was not made here or was altered. */
  String verify(String signed) {
    if (signed == null || signed.length() > 4096) {
      return null;
    }
    int dot = signed.indexOf('.');
    if (dot < 0) {
      return null;
    }
    try {
      byte[] p = D64.decode(signed.substring(0, dot));
      byte[] m = D64.decode(signed.substring(dot + 1));
      return MessageDigest.isEqual(mac(p), m) ? new String(p, StandardCharsets.UTF_8) : null;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private byte[] mac(byte[] payload) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      return mac.doFinal(payload);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every JDK has HmacSHA256", e);
    }
  }
}
