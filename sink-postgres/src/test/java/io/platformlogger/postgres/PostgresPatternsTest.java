package io.platformlogger.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.platformlogger.core.Level;
import io.platformlogger.core.LogEntry;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Error groups merged by template, and the patterns query, against a real PostgreSQL. */
@ExtendWith(TestDatabase.class)
class PostgresPatternsTest {
  /** On a minute boundary, so the chosen buckets line up with the entries below. */
  private static final Instant BASE = Instant.now().minus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.HOURS);
  private static final String USERS_FIND =
      "com.acme.NotFound: user\n\tat com.acme.Users.find(Users.java:42)\n\tat com.acme.Api.get(Api.java:7)";
  private static final String ADMIN_LOAD =
      "com.acme.NotFound: user\n\tat com.acme.Admin.load(Admin.java:9)";
  private static final List<LogEntry> ALL = new ArrayList<>();
  private static PostgresLogStore store;

  private static void add(int second, Level level, String tenant, String message, UnaryOperator<LogEntry.Builder> more) {
    ALL.add(more.apply(LogEntry.builder().timestamp(BASE.plusSeconds(second)).level(level).tenantId(tenant)
        .message(message).service("accounts")).build());
  }

  private static UnaryOperator<LogEntry.Builder> error(String type, String signature, String stack) {
    return b -> b.errorType(type).errorSignature(signature).errorStack(stack);
  }

  @BeforeAll
  static void storeFixture() throws Exception {
    // One failure whose message names a user without digits: the signature's masking keeps the
    // names, so each user has a signature of its own.
    add(10, Level.ERROR, "t1", "User alice not found", error("com.acme.NotFound", "sig-alice", USERS_FIND));
    add(11, Level.ERROR, "t1", "User alice not found", error("com.acme.NotFound", "sig-alice", USERS_FIND));
    add(12, Level.ERROR, "t2", "User bob not found", error("com.acme.NotFound", "sig-bob", USERS_FIND));
    add(13, Level.WARN, "t1", "User carol not found", b -> error("com.acme.NotFound", "sig-carol", USERS_FIND)
        .apply(b.service("admin")));
    // the same words from another frame, and from another type: other failures
    add(14, Level.ERROR, "t1", "User dave not found", error("com.acme.NotFound", "sig-dave", ADMIN_LOAD));
    add(15, Level.ERROR, "t1", "User erin not found", error("java.lang.IllegalStateException", "sig-erin", USERS_FIND));
    // different words from the same frame: not one template
    add(16, Level.ERROR, "t1", "Quota exceeded", error("com.acme.NotFound", "sig-quota", USERS_FIND));

    // patterns of ordinary entries, one minute apart
    for (int i = 0; i < 30; i++) {
      add(600 + 60 * i, Level.INFO, "t3", "Accepted password for user" + (char) ('a' + i % 7) + " from 10.0.0." + i
          + " port " + (4000 + i), b -> b);
      if (i % 3 == 0) {
        add(601 + 60 * i, Level.INFO, "t3", "Connection closed by 10.9.9." + i, b -> b);
      }
    }
    add(2400, Level.WARN, "t3", "Disk usage high on /var", b -> b);
    store = TestDatabase.storeWith(ALL);
  }

  @AfterAll
  static void closeStore() {
    store.close();
  }

  @Test
  void signatureGroupsWhoseMessagesMineToOneTemplateAreOneGroup() throws Exception {
    List<ErrorGroup> groups = store.errorGroups(ErrorGroupQuery.allTenants().build());

    ErrorGroup users = groups.get(0);
    assertThat(users.title()).isEqualTo("User <*> not found");
    // most entries first, then the most recent
    assertThat(users.errorSignatures()).containsExactly("sig-alice", "sig-carol", "sig-bob");
    assertThat(users.errorSignature()).isEqualTo("sig-alice");
    assertThat(users.count()).isEqualTo(4);
    assertThat(users.tenantCount()).isEqualTo(2);
    assertThat(users.services()).containsExactlyInAnyOrder("accounts", "admin");
    assertThat(users.level()).isEqualTo(Level.ERROR);
    assertThat(users.firstSeen()).isEqualTo(BASE.plusSeconds(10));
    assertThat(users.lastSeen()).isEqualTo(BASE.plusSeconds(13));
    assertThat(users.sampleMessage()).isEqualTo("User carol not found");
    assertThat(users.sampleValues()).singleElement().satisfies(v -> assertThat(v).containsExactly("alice", "carol", "bob"));
  }

  @Test
  void anotherFrameOrTypeOrWordingStaysAGroupOfItsOwn() throws Exception {
    List<ErrorGroup> groups = store.errorGroups(ErrorGroupQuery.allTenants().build());

    assertThat(groups).hasSize(4);
    assertThat(groups.subList(1, 4)).extracting(ErrorGroup::errorSignature)
        .containsExactlyInAnyOrder("sig-dave", "sig-erin", "sig-quota");
    assertThat(groups.subList(1, 4)).allSatisfy(g -> assertThat(g.count()).isEqualTo(1));
    ErrorGroup dave = groups.stream().filter(g -> g.errorSignature().equals("sig-dave")).findFirst().orElseThrow();
    assertThat(dave.title()).isEqualTo("User dave not found");
    assertThat(dave.errorSignatures()).containsExactly("sig-dave");
    assertThat(dave.sampleValues()).isEmpty();
  }

  @Test
  void mergedGroupsAreOrderedAndLimitedAfterTheMerge() throws Exception {
    List<ErrorGroup> recent = store.errorGroups(
        ErrorGroupQuery.allTenants().orderBy(ErrorGroupQuery.Order.LAST_SEEN).limit(2).build());
    assertThat(recent).extracting(ErrorGroup::errorSignature).containsExactly("sig-quota", "sig-erin");

    List<ErrorGroup> oneTenant = store.errorGroups(ErrorGroupQuery.forTenant("t2").build());
    assertThat(oneTenant).singleElement().satisfies(g -> {
      assertThat(g.errorSignatures()).containsExactly("sig-bob");
      assertThat(g.title()).isEqualTo("User bob not found");
    });
  }

  @Test
  void patternsOfAQueryComeWithCountsPerBucketAndSampleValues() throws Exception {
    PatternReport report = store.patterns(PatternQuery.of(LogQuery.forTenant("t3").build()).build());

    assertThat(report.sampled()).isEqualTo(41);
    assertThat(report.sampleFull()).isFalse();
    assertThat(report.totalPatterns()).isEqualTo(3);
    assertThat(report.patterns()).extracting(LogPattern::template).containsExactly(
        "Accepted password for <*> from <*> port <*>", "Connection closed by <*>", "Disk usage high on /var");
    assertThat(report.patterns()).extracting(LogPattern::count).containsExactly(30L, 10L, 1L);
    // the window is 30 minutes: one-minute buckets, one entry each for the first pattern
    assertThat(report.bucket()).isEqualTo(Duration.ofMinutes(1));
    assertThat(report.bucketStart()).isEqualTo(BASE.plusSeconds(600));
    LogPattern accepted = report.patterns().get(0);
    assertThat(accepted.bucketCounts()).hasSize(31).containsOnly(1L, 0L);
    assertThat(accepted.bucketCounts().stream().mapToLong(Long::longValue).sum()).isEqualTo(30);
    assertThat(accepted.sampleMessage()).isEqualTo("Accepted password for userb from 10.0.0.29 port 4029");
    assertThat(accepted.sampleValues()).hasSize(3);
    assertThat(accepted.sampleValues().get(0)).contains("userb");
    LogPattern disk = report.patterns().get(2);
    assertThat(disk.bucketCounts().get(30)).isEqualTo(1);
  }

  @Test
  void aSmallSampleTakesTheNewestEntriesAndSaysSo() throws Exception {
    PatternReport report = store.patterns(
        PatternQuery.of(LogQuery.forTenant("t3").build()).sampleSize(5).bucket(Duration.ofMinutes(10)).limit(1).build());

    assertThat(report.sampled()).isEqualTo(5);
    assertThat(report.sampleFull()).isTrue();
    assertThat(report.totalPatterns()).isGreaterThan(1);
    assertThat(report.patterns()).hasSize(1);
    assertThat(report.bucket()).isEqualTo(Duration.ofMinutes(10));
    assertThat(report.patterns().get(0).count()).isLessThanOrEqualTo(5);
  }

  @Test
  void patternsFollowTheQuerysFilters() throws Exception {
    PatternReport warnings = store.patterns(PatternQuery.of(LogQuery.allTenants().levels(Level.WARN).build()).build());
    assertThat(warnings.patterns()).extracting(LogPattern::template)
        .containsExactly("Disk usage high on /var", "User carol not found");

    PatternReport none = store.patterns(PatternQuery.of(LogQuery.forTenant("nobody").build()).build());
    assertThat(none.sampled()).isZero();
    assertThat(none.patterns()).isEmpty();
    assertThat(none.bucket()).isNull();
  }

  @Test
  void badPatternQueriesNameTheSetting() {
    LogQuery q = LogQuery.forTenant("t3").build();
    assertThatThrownBy(() -> PatternQuery.of(q).sampleSize(0).build()).hasMessageContaining("sampleSize is 0");
    assertThatThrownBy(() -> PatternQuery.of(q).limit(5000).build()).hasMessageContaining("limit is 5000");
    assertThatThrownBy(() -> PatternQuery.of(q).bucket(Duration.ZERO).build()).hasMessageContaining("bucket is PT0S");
    assertThatThrownBy(() -> store.patterns(PatternQuery.of(q).bucket(Duration.ofMillis(1)).build()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("use a wider bucket");
  }
}
