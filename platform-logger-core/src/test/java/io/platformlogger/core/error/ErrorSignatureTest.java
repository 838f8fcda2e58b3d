package io.platformlogger.core.error;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

class ErrorSignatureTest {
  private static final StackTraceElement[] ORDER_SERVICE =
      stack(
          frame("java.util.Objects", "requireNonNull", 233),
          frame("com.acme.orders.OrderService", "placeOrder", 87),
          frame("com.acme.orders.OrderController", "create", 41),
          frame("org.springframework.web.servlet.FrameworkServlet", "service", 883));

  /** A realistic error, several occurrences of it that must share one signature. */
  private record Group(String type, List<String> messages) {}

  /**
   * Errors as real drivers, clients and applications word them. Each group's messages vary only
   * in data, so they must share a signature; no two groups may share one.
   */
  private static final Map<String, Group> GROUPS = new LinkedHashMap<>();

  static {
    group("postgres unique violation", "org.postgresql.util.PSQLException",
        "ERROR: duplicate key value violates unique constraint \"users_email_key\"\n  Detail: Key (email)=(alice@example.com) already exists.",
        "ERROR: duplicate key value violates unique constraint \"users_email_key\"\n  Detail: Key (email)=(bob@example.org) already exists.");
    group("postgres missing relation", "org.postgresql.util.PSQLException",
        "ERROR: relation \"orders_2024\" does not exist\n  Position: 15",
        "ERROR: relation \"orders_2025\" does not exist\n  Position: 212");
    group("postgres statement timeout", "org.postgresql.util.PSQLException",
        "ERROR: canceling statement due to statement timeout");
    group("postgres connection slots", "org.postgresql.util.PSQLException",
        "FATAL: remaining connection slots are reserved for non-replication superuser connections");
    group("mysql duplicate entry", "java.sql.SQLIntegrityConstraintViolationException",
        "Duplicate entry '42' for key 'users.PRIMARY'",
        "Duplicate entry 'alice@example.com' for key 'users.PRIMARY'",
        "Duplicate entry '7f3a-99' for key 'orders.uk_ref'");
    group("mysql deadlock", "com.mysql.cj.jdbc.exceptions.MySQLTransactionRollbackException",
        "Deadlock found when trying to get lock; try restarting transaction");
    group("jdbc sqlstate 23505", "java.sql.SQLException",
        "Batch entry 3 INSERT INTO payments VALUES (42) was aborted; SQLState: 23505",
        "Batch entry 17 INSERT INTO payments VALUES (7) was aborted; SQLState: 23505");
    group("jdbc sqlstate 40001", "java.sql.SQLException",
        "Batch entry 3 INSERT INTO payments VALUES (42) was aborted; SQLState: 40001");
    group("hikari pool exhausted", "java.sql.SQLTransientConnectionException",
        "HikariPool-1 - Connection is not available, request timed out after 30000ms.",
        "HikariPool-2 - Connection is not available, request timed out after 30004ms.");
    group("client timeout", "com.acme.client.CallTimeoutException",
        "Call to inventory-service timed out after 2500ms",
        "Call to inventory-service timed out after 3.5s",
        "Call to inventory-service timed out after 250 ms");
    group("connection refused", "java.net.ConnectException",
        "Connection refused: /10.0.0.5:5432",
        "Connection refused: /10.0.12.7:6432",
        "Connection refused: /[2001:db8::7]:5432");
    group("http 404", "com.acme.http.HttpStatusException",
        "HTTP 404 for GET https://api.example.com/users/42",
        "HTTP 404 for GET https://api.example.com/orders/ord_8f3KsA92?expand=items");
    group("http 500", "com.acme.http.HttpStatusException",
        "HTTP 500 for GET https://api.example.com/users/42");
    group("spring 404", "org.springframework.web.client.HttpClientErrorException$NotFound",
        "404 Not Found: [{\"error\":\"no such user\",\"id\":42}]",
        "404 Not Found: [{\"error\":\"no such user\",\"id\":77}]");
    group("spring 503", "org.springframework.web.client.HttpServerErrorException$ServiceUnavailable",
        "503 Service Unavailable: [upstream connect error]");
    group("user not found", "com.acme.users.UserNotFoundException",
        "User 123 not found", "User 456 not found", "User 9 not found");
    group("order declined", "com.acme.orders.OrderFailedException",
        "Order ord_8f3KsA92 failed: payment declined",
        "Order ord_Q1w2E3r4T5 failed: payment declined");
    group("order out of stock", "com.acme.orders.OrderFailedException",
        "Order ord_8f3KsA92 failed: out of stock");
    group("kafka batch expired", "org.apache.kafka.common.errors.TimeoutException",
        "Expiring 5 record(s) for orders-3:120000 ms has passed since batch creation",
        "Expiring 12 record(s) for payments-0:120017 ms has passed since batch creation");
    group("kafka metadata", "org.apache.kafka.common.errors.TimeoutException",
        "Topic orders not present in metadata after 60000 ms.",
        "Topic orders not present in metadata after 30000 ms.");
    group("redis connect", "io.lettuce.core.RedisConnectionException",
        "Unable to connect to 10.1.2.3:6379", "Unable to connect to 10.1.2.4:6380");
    group("redis command timeout", "io.lettuce.core.RedisCommandTimeoutException",
        "Command timed out after 1 minute(s)", "Command timed out after 10 second(s)");
    group("redis read-only", "redis.clients.jedis.exceptions.JedisDataException",
        "READONLY You can't write against a read only replica.");
    group("missing upload", "java.nio.file.NoSuchFileException",
        "/var/data/uploads/report-1234.pdf", "/var/data/uploads/report-99.pdf");
    group("missing temp file", "java.io.FileNotFoundException",
        "/tmp/upload_8f3a9b.tmp (No such file or directory)",
        "/tmp/upload_77c1d0.tmp (No such file or directory)");
    group("job already running", "java.lang.IllegalStateException",
        "Job 123e4567-e89b-12d3-a456-426614174000 already running since 2024-03-04T12:30:45Z",
        "Job 9b2f0c8e-1d3a-4c5b-8e7f-0a1b2c3d4e5f already running since 2025-11-30T01:02:03.456+02:00");
    group("bad number", "java.lang.NumberFormatException",
        "For input string: \"12a\"", "For input string: \"abc\"", "For input string: \"\"");
    group("token expired", "com.acme.auth.TokenExpiredException",
        "Token expired at Mon Mar 04 12:30:45 UTC 2024 for user-12345",
        "Token expired at Tue Apr 16 08:00:01 UTC 2024 for user-9");
    group("charge failed", "com.acme.billing.ChargeException",
        "Charge of 19.99 EUR for cus_12AbC failed",
        "Charge of 1,250.00 EUR for cus_9ZzQ8 failed",
        "Charge of 5 EUR for cus_77 failed");
    group("checksum mismatch", "com.acme.storage.ChecksumException",
        "Checksum mismatch: expected a94a8fe5ccb19ba61c4c0873d391e987982fbbd3, got 7c4a8d09ca3762af61e59520943dc26494f8941b",
        "Checksum mismatch: expected 2fd4e1c67a2d28fced849ee1bb76e7391b93eb12, got de9f2c7fd25e1b3afad3e85a0bd17d9b100db4b3");
    group("executor rejected", "java.util.concurrent.RejectedExecutionException",
        "Task java.util.concurrent.FutureTask@5e9f23b4[Not completed] rejected from java.util.concurrent.ThreadPoolExecutor@6d06d69c[Running, pool size = 8, active threads = 8, queued tasks = 100, completed tasks = 4711]",
        "Task java.util.concurrent.FutureTask@12ab[Not completed] rejected from java.util.concurrent.ThreadPoolExecutor@70177ecd[Running, pool size = 16, active threads = 16, queued tasks = 1000, completed tasks = 9]");
    group("array index", "java.lang.ArrayIndexOutOfBoundsException",
        "Index 5 out of bounds for length 3", "Index 0 out of bounds for length 0");
    group("date parse", "java.time.format.DateTimeParseException",
        "Text '2024-13-01' could not be parsed at index 5",
        "Text '31/02/2024' could not be parsed at index 0");
    group("json parse", "com.fasterxml.jackson.core.JsonParseException",
        "Unexpected character ('}' (code 125)): was expecting double-quote to start field name\n at [Source: (String)\"{...}\"; line: 1, column: 42]",
        "Unexpected character ('x' (code 120)): was expecting double-quote to start field name\n at [Source: (byte[])\"...\"; line: 3, column: 7]");
    group("rate limited", "com.acme.ratelimit.RateLimitedException",
        "Rate limit exceeded for tenant t-42: retry in 250ms",
        "Rate limit exceeded for tenant t-7: retry in 3.5s");
    group("s3 missing key", "software.amazon.awssdk.services.s3.model.NoSuchKeyException",
        "The specified key does not exist. (Service: S3, Status Code: 404, Request ID: 8F3A9B2C1D4E5F60)",
        "The specified key does not exist. (Service: S3, Status Code: 404, Request ID: 0A1B2C3D4E5F6789)");
    group("grpc deadline", "io.grpc.StatusRuntimeException",
        "DEADLINE_EXCEEDED: deadline exceeded after 4.999832600s. [remote_addr=10.0.0.5/10.0.0.5:8443]",
        "DEADLINE_EXCEEDED: deadline exceeded after 9.99s. [remote_addr=10.0.3.9/10.0.3.9:443]");
    group("grpc unavailable", "io.grpc.StatusRuntimeException", "UNAVAILABLE: io exception");
    group("mongo duplicate", "com.mongodb.MongoWriteException",
        "E11000 duplicate key error collection: shop.orders index: _id_ dup key: { _id: ObjectId('65e5a1b2c3d4e5f601234567') }",
        "E11000 duplicate key error collection: shop.orders index: _id_ dup key: { _id: ObjectId('65e5a1b2c3d4e5f6aaaabbbb') }");
    group("heap", "java.lang.OutOfMemoryError", "Java heap space");
    group("direct memory", "java.lang.OutOfMemoryError", "Direct buffer memory");
    group("tls", "javax.net.ssl.SSLHandshakeException",
        "PKIX path building failed: sun.security.provider.certpath.SunCertPathBuilderException: unable to find valid certification path to requested target");
    group("no message", "java.util.ConcurrentModificationException", (String) null);
    group("aws access denied", "software.amazon.awssdk.services.sts.model.StsException",
        "User: arn:aws:iam::123456789012:user/deploy is not authorized to perform: sts:AssumeRole",
        "User: arn:aws:iam::210987654321:user/deploy is not authorized to perform: sts:AssumeRole");
  }

  private static void group(String name, String type, String... messages) {
    GROUPS.put(name, new Group(type, Arrays.asList(messages)));
  }

  @Test
  void groupsOccurrencesThatDifferOnlyInData() {
    GROUPS.forEach(
        (name, g) -> {
          String first = ErrorSignature.compute(g.type(), g.messages().get(0), ORDER_SERVICE);
          for (String m : g.messages()) {
            assertThat(ErrorSignature.compute(g.type(), m, ORDER_SERVICE))
                .as("%s: %s -> %s", name, m, ErrorSignature.canonical(g.type(), m, ORDER_SERVICE))
                .isEqualTo(first);
          }
        });
  }

  @Test
  void keepsDifferentErrorsInDifferentGroups() {
    Map<String, String> groupBySignature = new LinkedHashMap<>();
    GROUPS.forEach(
        (name, g) -> {
          String signature = ErrorSignature.compute(g.type(), g.messages().get(0), ORDER_SERVICE);
          String clash = groupBySignature.putIfAbsent(signature, name);
          assertThat(clash).as("%s and %s share %s", clash, name, signature).isNull();
        });
    assertThat(groupBySignature).hasSameSizeAs(GROUPS);
  }

  @Test
  void groupsUserNotFoundMessagesThatDifferOnlyByNumbers() {
    assertThat(ErrorSignature.compute("com.acme.UserNotFound", "User 123 not found", ORDER_SERVICE))
        .isEqualTo(ErrorSignature.compute("com.acme.UserNotFound", "User 456 not found", ORDER_SERVICE));
  }

  @Test
  void separatesTheSameMessageWithDifferentTypes() {
    assertThat(ErrorSignature.compute("java.lang.IllegalStateException", "User 1 not found", ORDER_SERVICE))
        .isNotEqualTo(ErrorSignature.compute("java.lang.IllegalArgumentException", "User 1 not found", ORDER_SERVICE));
  }

  @Test
  void separatesTheSameTypeWithDifferentWording() {
    assertThat(ErrorSignature.compute("com.acme.X", "User 1 not found", ORDER_SERVICE))
        .isNotEqualTo(ErrorSignature.compute("com.acme.X", "User 1 is locked", ORDER_SERVICE));
  }

  @Test
  void separatesTheSameErrorRaisedInDifferentApplicationMethods() {
    StackTraceElement[] elsewhere =
        stack(frame("java.util.Objects", "requireNonNull", 233), frame("com.acme.orders.OrderService", "cancelOrder", 120));

    assertThat(ErrorSignature.compute("com.acme.X", "boom", ORDER_SERVICE))
        .isNotEqualTo(ErrorSignature.compute("com.acme.X", "boom", elsewhere));
  }

  @Test
  void ignoresLineNumbersAndFileNamesSoARebuildDoesNotSplitGroups() {
    StackTraceElement[] rebuilt =
        stack(
            frame("java.util.Objects", "requireNonNull", 240),
            new StackTraceElement("com.acme.orders.OrderService", "placeOrder", null, 131),
            frame("com.acme.orders.OrderController", "create", 12));

    assertThat(ErrorSignature.compute("com.acme.X", "boom", rebuilt))
        .isEqualTo(ErrorSignature.compute("com.acme.X", "boom", ORDER_SERVICE));
  }

  @Test
  void ignoresInfrastructureFramesAboveTheApplicationFrame() {
    StackTraceElement[] viaOtherJdkCode =
        stack(
            frame("java.util.HashMap", "get", 556),
            frame("jdk.internal.reflect.GeneratedMethodAccessor12", "invoke", -1),
            frame("com.acme.orders.OrderService", "placeOrder", 90));

    assertThat(ErrorSignature.compute("com.acme.X", "boom", viaOtherJdkCode))
        .isEqualTo(ErrorSignature.compute("com.acme.X", "boom", ORDER_SERVICE));
  }

  @Test
  void treatsALambdaLikeItsEnclosingMethod() {
    StackTraceElement[] inLambda = stack(frame("com.acme.orders.OrderService", "lambda$placeOrder$3", 95));
    StackTraceElement[] inLambdaRenumbered = stack(frame("com.acme.orders.OrderService", "lambda$placeOrder$0", 97));

    assertThat(ErrorSignature.compute("com.acme.X", "boom", inLambda))
        .isEqualTo(ErrorSignature.compute("com.acme.X", "boom", inLambdaRenumbered))
        .isEqualTo(ErrorSignature.compute("com.acme.X", "boom", ORDER_SERVICE));
  }

  @Test
  void looksThroughSpringProxiesToTheRealMethod() {
    StackTraceElement[] proxied =
        stack(
            frame("com.acme.orders.OrderService$$EnhancerBySpringCGLIB$$1a2b3c4d", "placeOrder", -1),
            frame("com.acme.orders.OrderService", "placeOrder", 87));
    StackTraceElement[] proxiedSpring6 =
        stack(
            frame("com.acme.orders.OrderService$$SpringCGLIB$$0", "placeOrder", -1),
            frame("com.acme.orders.OrderService", "placeOrder", 87));

    assertThat(ErrorSignature.compute("com.acme.X", "boom", proxied))
        .isEqualTo(ErrorSignature.compute("com.acme.X", "boom", proxiedSpring6))
        .isEqualTo(ErrorSignature.compute("com.acme.X", "boom", ORDER_SERVICE));
  }

  @Test
  void usesTheTopFrameWhenTheStackHoldsOnlyInfrastructure() {
    StackTraceElement[] inHashMap = stack(frame("java.util.HashMap", "get", 1), frame("java.lang.Thread", "run", 2));
    StackTraceElement[] inArrayList = stack(frame("java.util.ArrayList", "get", 1), frame("java.lang.Thread", "run", 2));

    assertThat(ErrorSignature.canonical("java.lang.NullPointerException", null, inHashMap))
        .isEqualTo("java.lang.NullPointerException||java.util.HashMap.get");
    assertThat(ErrorSignature.compute("java.lang.NullPointerException", null, inHashMap))
        .isNotEqualTo(ErrorSignature.compute("java.lang.NullPointerException", null, inArrayList));
  }

  @Test
  void keepsDifferentHelpfulNullPointerMessagesApart() {
    String type = "java.lang.NullPointerException";
    String a = "Cannot invoke \"com.acme.User.getEmail()\" because \"user\" is null";
    String b = "Cannot invoke \"com.acme.Order.total()\" because \"order\" is null";

    assertThat(ErrorSignature.compute(type, a, ORDER_SERVICE)).isNotEqualTo(ErrorSignature.compute(type, b, ORDER_SERVICE));
    assertThat(ErrorSignature.compute("com.acme.Other", a, ORDER_SERVICE))
        .as("only NullPointerException messages get this treatment")
        .isEqualTo(ErrorSignature.compute("com.acme.Other", b, ORDER_SERVICE));
  }

  @Test
  void groupsCustomNullPointerMessagesByShape() {
    String type = "java.lang.NullPointerException";

    assertThat(ErrorSignature.compute(type, "customer 42 has no address", ORDER_SERVICE))
        .isEqualTo(ErrorSignature.compute(type, "customer 77 has no address", ORDER_SERVICE));
  }

  @Test
  void acceptsNullAndEmptyArgumentsAndNullFrames() {
    String empty = ErrorSignature.compute(null, null, null);

    assertThat(empty).matches("[0-9a-f]{16}");
    assertThat(ErrorSignature.compute("", "", new StackTraceElement[0])).isEqualTo(empty);
    assertThat(ErrorSignature.compute(null, null, new StackTraceElement[] {null, null})).isEqualTo(empty);
    assertThat(ErrorSignature.compute("com.acme.X", "boom", stack(null, frame("com.acme.orders.OrderService", "placeOrder", 1))))
        .isEqualTo(ErrorSignature.compute("com.acme.X", "boom", ORDER_SERVICE));
  }

  @Test
  void producesSixteenLowerCaseHexDigits() {
    GROUPS.values()
        .forEach(g -> assertThat(ErrorSignature.compute(g.type(), g.messages().get(0), ORDER_SERVICE)).matches("[0-9a-f]{16}"));
    assertThat(ErrorSignature.LENGTH).isEqualTo(16);
  }

  // --- of(Throwable) ---

  @Test
  void describesACauselessThrowableLikeCompute() {
    Throwable t = withStack(new IllegalStateException("Order 42 stuck"), ORDER_SERVICE);

    assertThat(ErrorSignature.of(t))
        .isEqualTo(ErrorSignature.compute("java.lang.IllegalStateException", "Order 42 stuck", ORDER_SERVICE));
  }

  @Test
  void returnsNullForNoThrowable() {
    assertThat(ErrorSignature.of(null)).isNull();
  }

  @Test
  void looksThroughFutureAndReflectionWrappers() {
    Throwable direct = withStack(new IllegalStateException("Order 42 stuck"), ORDER_SERVICE);
    Throwable viaJoin = withStack(new CompletionException(withStack(new IllegalStateException("Order 7 stuck"), ORDER_SERVICE)), ORDER_SERVICE);
    Throwable viaGet = withStack(new ExecutionException(withStack(new IllegalStateException("Order 9 stuck"), ORDER_SERVICE)), ORDER_SERVICE);

    assertThat(ErrorSignature.of(viaJoin)).isEqualTo(ErrorSignature.of(direct));
    assertThat(ErrorSignature.of(viaGet)).isEqualTo(ErrorSignature.of(direct));
  }

  @Test
  void definesTheGroupByTheOutermostThrowableAndTheRootCauseType() {
    Throwable timeout1 = payment("ord_1aA", new java.net.SocketTimeoutException("Read timed out after 3000ms"));
    Throwable timeout2 = payment("ord_2bB", new java.net.SocketTimeoutException("Read timed out after 5000ms"));
    Throwable declined = payment("ord_3cC", new IllegalArgumentException("card declined"));

    assertThat(ErrorSignature.of(timeout1)).isEqualTo(ErrorSignature.of(timeout2));
    assertThat(ErrorSignature.of(timeout1)).isNotEqualTo(ErrorSignature.of(declined));
    assertThat(ErrorSignature.canonical(timeout1))
        .isEqualTo("io.platformlogger.core.error.ErrorSignatureTest$PaymentException|Payment for order <id> failed|com.acme.orders.OrderService.placeOrder|caused-by:java.net.SocketTimeoutException");
  }

  @Test
  void findsTheApplicationFrameInACauseWhenTheOuterStackHasNone() {
    Throwable cause = withStack(new IllegalStateException("inner"), ORDER_SERVICE);
    Throwable outer = withStack(new RuntimeException("worker failed", cause), stack(frame("java.lang.Thread", "run", 1)));

    assertThat(ErrorSignature.canonical(outer))
        .isEqualTo("java.lang.RuntimeException|worker failed|com.acme.orders.OrderService.placeOrder|caused-by:java.lang.IllegalStateException");
  }

  @Test
  void survivesCyclicCauseChains() {
    Exception a = withStack(new Exception("a"), ORDER_SERVICE);
    Exception b = withStack(new Exception("b"), ORDER_SERVICE);
    a.initCause(b);
    b.initCause(a);

    assertThat(ErrorSignature.of(a)).matches("[0-9a-f]{16}");
  }

  @Test
  void survivesThrowablesWhoseAccessorsThrow() {
    Throwable broken =
        new RuntimeException() {
          @Override
          public String getMessage() {
            throw new IllegalStateException("broken getMessage");
          }

          @Override
          public StackTraceElement[] getStackTrace() {
            throw new IllegalStateException("broken getStackTrace");
          }

          @Override
          public synchronized Throwable getCause() {
            throw new IllegalStateException("broken getCause");
          }
        };

    assertThat(ErrorSignature.of(broken)).matches("[0-9a-f]{16}");
  }

  // --- stability ---

  @Test
  void matchesThePinnedValueForAFixedInput() {
    // Regression pin: computed once by this implementation and copied here. Stored logs group on
    // this value, so if it changes every existing group splits; change it only on purpose and
    // say so in the release notes.
    assertThat(ErrorSignature.compute("com.acme.users.UserNotFoundException", "User 123 not found", ORDER_SERVICE))
        .isEqualTo("0cda8983877e495f");
  }

  @Test
  void doesNotDependOnObjectIdentity() {
    Throwable a = withStack(new IllegalStateException(new String("Order 42 stuck")), copy(ORDER_SERVICE));
    Throwable b = withStack(new IllegalStateException(new String("Order 42 stuck")), copy(ORDER_SERVICE));

    assertThat(a).isNotSameAs(b);
    assertThat(ErrorSignature.of(a)).isEqualTo(ErrorSignature.of(b));
    assertThat(ErrorSignature.compute(new String("com.acme.X"), new String("boom"), copy(ORDER_SERVICE)))
        .isEqualTo(ErrorSignature.compute("com.acme.X", "boom", ORDER_SERVICE));
  }

  @Test
  void hashesUtf8RegardlessOfTheDefaultCharset() throws Exception {
    String type = "com.acme.Bestellung";
    String message = "Kunde 'Jörg' hat keine Adresse \u2014 Straße fehlt";
    String canonical = ErrorSignature.canonical(type, message, ORDER_SERVICE);

    assertThat(canonical).contains("—");
    assertThat(ErrorSignature.compute(type, message, ORDER_SERVICE))
        .isEqualTo(sha256Prefix(canonical, StandardCharsets.UTF_8))
        .isNotEqualTo(sha256Prefix(canonical, StandardCharsets.ISO_8859_1));
  }

  @Test
  void doesNotDependOnTheDefaultLocale() {
    String type = "com.acme.INVALID_INPUT";
    String message = "TITLE Id IS INVALID at 12:30:45 PM, STATUS 500";
    String before = ErrorSignature.compute(type, message, ORDER_SERVICE);
    Locale saved = Locale.getDefault();
    try {
      Locale.setDefault(Locale.forLanguageTag("tr-TR"));
      assertThat(ErrorSignature.compute(type, message, ORDER_SERVICE)).isEqualTo(before);
    } finally {
      Locale.setDefault(saved);
    }
  }

  // --- helpers ---

  private static Throwable payment(String orderId, Throwable cause) {
    Throwable root = withStack(cause, stack(frame("java.net.SocketInputStream", "read", 1), frame("com.acme.pay.GatewayClient", "charge", 55)));
    return withStack(new PaymentException("Payment for order " + orderId + " failed", root), ORDER_SERVICE);
  }

  private static final class PaymentException extends Exception {
    PaymentException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  private static <T extends Throwable> T withStack(T t, StackTraceElement[] stack) {
    t.setStackTrace(stack);
    return t;
  }

  private static StackTraceElement frame(String cls, String method, int line) {
    return new StackTraceElement(cls, method, cls.substring(cls.lastIndexOf('.') + 1) + ".java", line);
  }

  private static StackTraceElement[] stack(StackTraceElement... frames) {
    return frames;
  }

  private static StackTraceElement[] copy(StackTraceElement[] frames) {
    StackTraceElement[] out = new StackTraceElement[frames.length];
    for (int i = 0; i < frames.length; i++) {
      StackTraceElement f = frames[i];
      out[i] = new StackTraceElement(new String(f.getClassName()), new String(f.getMethodName()), f.getFileName(), f.getLineNumber());
    }
    return out;
  }

  private static String sha256Prefix(String text, Charset charset) throws Exception {
    byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(charset));
    return HexFormat.of().formatHex(digest, 0, 8);
  }
}
