package io.platformlogger.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.platformlogger.core.LogSite;
import org.junit.jupiter.api.Test;

class RateLimiterTest {
  private static final long NOW = 1_000_000L;

  @Test
  void aCompileTimeSiteIsLimitedByItsInstanceSoTwoCallsOnOneLineAreLimitedSeparately() {
    RateLimiter limiter = new RateLimiter(1, 1000);
    LogSite left = LogSite.of("Checkout.java", 42, "com.acme.Checkout", "pay");
    LogSite right = LogSite.of("Checkout.java", 42, "com.acme.Checkout", "pay");

    assertThat(left).isEqualTo(right);
    assertThat(limiter.admit(left, "checkout", "paid {}", NOW)).isZero();
    assertThat(limiter.admit(right, "checkout", "paid {}", NOW)).isZero();
    assertThat(limiter.admit(left, "checkout", "paid {}", NOW)).isEqualTo(-1);
    assertThat(limiter.admit(right, "checkout", "paid {}", NOW)).isEqualTo(-1);
  }

  @Test
  void withoutASiteTheLoggerAndTemplateAreTheSite() {
    RateLimiter limiter = new RateLimiter(1, 1000);

    assertThat(limiter.admit(null, "checkout", "paid {}", NOW)).isZero();
    assertThat(limiter.admit(null, "checkout", "paid {}", NOW)).isEqualTo(-1);
    assertThat(limiter.admit(null, "checkout", "refunded {}", NOW)).isZero();
    assertThat(limiter.admit(null, "billing", "paid {}", NOW)).isZero();
  }

  @Test
  void theNextAdmittedCallOfASiteCarriesHowManyWereSuppressed() {
    RateLimiter limiter = new RateLimiter(1, 1000);
    LogSite site = LogSite.of("Checkout.java", 42, "com.acme.Checkout", "pay");

    limiter.admit(site, "checkout", "paid {}", NOW);
    limiter.admit(site, "checkout", "paid {}", NOW + 1);
    limiter.admit(site, "checkout", "paid {}", NOW + 2);

    assertThat(limiter.admit(site, "checkout", "paid {}", NOW + 1000)).isEqualTo(2);
  }
}
