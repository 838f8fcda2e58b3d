package io.platformlogger.core.error;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class MessageGeneralizerTest {

  static Stream<Arguments> placeholders() {
    return Stream.of(
        // emails
        Arguments.of("Invite to alice@example.com bounced", "Invite to <email> bounced"),
        Arguments.of("Contact bob.smith+billing@mail.example.co.uk.", "Contact <email>."),
        // URLs (trailing punctuation is not part of the URL)
        Arguments.of("GET https://api.example.com/v2/users/42?expand=orders failed", "GET <url> failed"),
        Arguments.of("See http://docs.example.com/errors/E42.", "See <url>."),
        Arguments.of("jdbc:postgresql://db-7.internal:5432/orders unreachable", "jdbc:<url> unreachable"),
        // IPv4 and IPv6 with and without port
        Arguments.of("Connection refused: /10.0.0.5:5432", "Connection refused: /<ip>"),
        Arguments.of("no route to 192.168.1.20", "no route to <ip>"),
        Arguments.of("connect to [2001:db8::1]:8080 failed", "connect to <ip> failed"),
        Arguments.of("peer fe80::1%eth0 reset", "peer <ip> reset"),
        Arguments.of("bind 2001:0db8:85a3:0000:0000:8a2e:0370:7334 failed", "bind <ip> failed"),
        // UUIDs
        Arguments.of("Job 123e4567-e89b-12d3-a456-426614174000 is stuck", "Job <uuid> is stuck"),
        // timestamps and dates
        Arguments.of("expired at 2024-03-04T12:30:45.123Z", "expired at <ts>"),
        Arguments.of("expired at 2024-03-04T12:30:45+01:00[Europe/Berlin]", "expired at <ts>"),
        Arguments.of("window 2024-03-04 12:30 closed", "window <ts> closed"),
        Arguments.of("retry at 12:30:45.5 UTC", "retry at <ts>"),
        Arguments.of("Token expired on Mon Mar 04 12:30:45 UTC 2024", "Token expired on <ts>"),
        Arguments.of("If-Modified-Since: Mon, 04 Mar 2024 12:30:45 GMT", "If-Modified-Since: <ts>"),
        Arguments.of("due 04/03/2024, paid 2024/03/09, booked 4-Mar-2024", "due <ts>, paid <ts>, booked <ts>"),
        // hex: 0x, identity hashes, hashes
        Arguments.of("segfault at 0x7ffe12a4", "segfault at <hex>"),
        Arguments.of("Task java.util.concurrent.FutureTask@5e9f23b4 rejected", "Task java.util.concurrent.FutureTask@<hex> rejected"),
        Arguments.of("Task java.util.concurrent.FutureTask@12345678 rejected", "Task java.util.concurrent.FutureTask@<hex> rejected"),
        Arguments.of("checksum a94a8fe5ccb19ba61c4c0873d391e987982fbbd3 mismatch", "checksum <hex> mismatch"),
        // a word with a digit is indistinguishable from an id: stable, but merges sha1 with md5
        Arguments.of("sha1 of upload differs", "<id> of upload differs"),
        Arguments.of("etag 9e107d9d372bb6826bd81d3542a419d6", "etag <hex>"),
        // durations
        Arguments.of("timed out after 250ms", "timed out after <duration>"),
        Arguments.of("timed out after 3.5s", "timed out after <duration>"),
        Arguments.of("Read timed out after 30000 ms", "Read timed out after <duration>"),
        Arguments.of("Command timed out after 1 minute(s)", "Command timed out after <duration>(s)"),
        Arguments.of("deadline PT0.25S exceeded", "deadline <duration> exceeded"),
        // quoted values, not apostrophes inside words
        Arguments.of("Duplicate entry '42' for key 'users.PRIMARY'", "Duplicate entry <str> for key <str>"),
        Arguments.of("relation \"orders_2024\" does not exist", "relation <str> does not exist"),
        Arguments.of("Unknown column `total` in 'field list'", "Unknown column <str> in <str>"),
        Arguments.of("Can't reach 'db1': it's down", "Can't reach <str>: it's down"),
        // numbers
        Arguments.of("User 123 not found", "User <num> not found"),
        Arguments.of("balance -1,234.56 below 0", "balance <num> below <num>"),
        Arguments.of("ratio 1.5e10 too high", "ratio <num> too high"),
        Arguments.of("Index 5 out of bounds for length 3", "Index <num> out of bounds for length <num>"),
        // id-like tokens mixing letters and digits
        Arguments.of("Order ord_8f3KsA92 failed", "Order <id> failed"),
        Arguments.of("No account for user-12345", "No account for <id>"),
        Arguments.of("HikariPool-1 - Connection is not available", "<id> - Connection is not available"),
        // codes that tell failures apart are kept
        Arguments.of("HTTP 404 for <url>", "HTTP 404 for <url>"),
        Arguments.of("HTTP/1.1 503 from upstream", "HTTP/1.1 503 from upstream"),
        Arguments.of("Server returned HTTP response code: 500 for URL: http://svc/x", "Server returned HTTP response code: 500 for URL: <url>"),
        Arguments.of("404 Not Found: [no body]", "404 Not Found: [no body]"),
        Arguments.of("SQLState: 23505, error code [1062]", "SQLState: 23505, error code [1062]"),
        Arguments.of("SQL state [08S01]; statusCode=503", "SQL state [08S01]; statusCode=503"),
        Arguments.of("process failed with exit code 137", "process failed with exit code 137"),
        // SLF4J anchors are already generalized
        Arguments.of("Payment {} for order {} failed", "Payment {} for order {} failed"),
        // whitespace, first line
        Arguments.of("  \n\n  first   line \t here\nsecond line 42", "first line here"),
        Arguments.of("a\r\nb", "a"));
  }

  @ParameterizedTest
  @MethodSource("placeholders")
  void replacesVariablePartsWithPlaceholders(String message, String expected) {
    assertThat(MessageGeneralizer.generalize(message)).isEqualTo(expected);
  }

  @Test
  void treatsNullAndBlankAsEmpty() {
    assertThat(MessageGeneralizer.generalize(null)).isEmpty();
    assertThat(MessageGeneralizer.generalize(" \n\t ")).isEmpty();
  }

  @Test
  void ignoresEverythingAfterTheInputCap() {
    String head = "x".repeat(MessageGeneralizer.MAX_INPUT_CHARS - 10) + " ";
    String a = head + "tail that differs A " + "y".repeat(5_000_000);
    String b = head + "tail that differs B " + "z".repeat(3);

    assertThat(MessageGeneralizer.generalize(a)).isEqualTo(MessageGeneralizer.generalize(b));
    assertThat(MessageGeneralizer.generalize(a)).hasSizeLessThanOrEqualTo(MessageGeneralizer.MAX_INPUT_CHARS);
  }

  @Test
  void doesNotCutASurrogatePairInHalfAtTheCap() {
    String emoji = "\uD83D\uDE00";
    String message = "x".repeat(MessageGeneralizer.MAX_INPUT_CHARS - 1) + emoji + "rest";

    String line = MessageGeneralizer.firstLine(message);

    assertThat(line).hasSize(MessageGeneralizer.MAX_INPUT_CHARS - 1).doesNotContain("\uD83D");
  }

  static Stream<Arguments> adversarialInputs() {
    // Inputs that make naive patterns (nested quantifiers, unanchored scans) backtrack
    // exponentially or quadratically. Each must finish and still produce the expected shape.
    return Stream.of(
        Arguments.of("a".repeat(999) + "@", "a".repeat(999) + "@"),
        Arguments.of("zz@".repeat(333), "zz@".repeat(333)),
        Arguments.of("'".repeat(10), "<str>".repeat(5)),
        Arguments.of("'x".repeat(500), "'x".repeat(500)),
        Arguments.of("\"" + "a".repeat(999), "\"" + "a".repeat(999)),
        Arguments.of("1.".repeat(500), "<num>."),
        Arguments.of("0".repeat(1000), "<num>"),
        Arguments.of(":".repeat(1000), ":".repeat(1000)),
        Arguments.of("a-".repeat(500), "a-".repeat(500)),
        Arguments.of("http://" + "a".repeat(993), "<url>"));
  }

  @ParameterizedTest
  @MethodSource("adversarialInputs")
  void handlesAdversarialInputsLinearly(String message, String expected) {
    assertThat(MessageGeneralizer.generalize(message)).isEqualTo(expected);
  }

  @Test
  void recognizesTheJdkHelpfulNullPointerMessage() {
    assertThat(MessageGeneralizer.isHelpfulNullPointerMessage("Cannot invoke \"String.length()\" because \"<local1>\" is null")).isTrue();
    assertThat(MessageGeneralizer.isHelpfulNullPointerMessage("Cannot read field \"name\" because \"user\" is null")).isTrue();
    assertThat(MessageGeneralizer.isHelpfulNullPointerMessage("user 42 is null")).isFalse();
  }
}
