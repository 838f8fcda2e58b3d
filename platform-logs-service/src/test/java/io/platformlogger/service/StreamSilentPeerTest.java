package io.platformlogger.service;

import static io.platformlogger.service.TestService.T1;
import static io.platformlogger.testkit.Await.until;
import static org.assertj.core.api.Assertions.assertThat;

import io.platformlogger.core.Level;
import io.platformlogger.core.LogEntry;
import io.platformlogger.postgres.TestDatabase;
import io.platformlogger.redis.RedisStreamLogSink;
import io.platformlogger.redis.TestRedis;
import io.platformlogger.testkit.Await;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A stream client that vanished without a close frame (network gone, process frozen, a tab whose
 * machine slept) is found by the pings it leaves unanswered and dropped, its send buffer freed
 * and the drop counted; a client that answers keeps its stream. The silent client is a raw socket
 * that completes the WebSocket handshake and then neither reads nor writes again.
 */
@ExtendWith(TestDatabase.class)
class StreamSilentPeerTest {
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final int MAX_MISSED = 8;
  private static TestService svc;
  private static RedisStreamLogSink sink;

  @BeforeAll
  static void start() {
    // Pings every 200 ms: a silent client is dropped after 8 unanswered ones, in about 2 s; an
    // answering client has those 2 s to answer any one of them, even on a loaded machine (a JDK
    // client just started, its code not yet compiled, was seen to take longer than 3 pings 100 ms apart).
    svc = new TestService(TestRedis.url(), ServiceSettings.defaults().withLimits(ServiceSettings.Limits.defaults()
        .withPingInterval(Duration.ofMillis(200)).withStreamMaxMissedPings(MAX_MISSED)));
    sink = svc.redisSink();
  }

  @AfterAll
  static void stop() {
    sink.close();
    svc.close();
  }

  @Test
  void aClientThatAnswersNoPingsIsDroppedAndCountedWhileAnAnsweringOneStays() throws Exception {
    long evictedBefore = metric("platform_logs_stream_evicted_total");
    try (WsClient answering = WsClient.open(svc, "?service=silent-peer", T1).awaitReady();
        Socket silent = handshake("?service=silent-peer")) {
      until("the silent client dropped", WAIT, () -> metric("platform_logs_stream_evicted_total") > evictedBefore);
      until("only the answering stream open", WAIT, () -> metric("platform_logs_stream_open") == 1);

      // The answering client was pinged all along, answered, and still receives.
      assertThat(answering.pings.get()).isPositive();
      assertThat(answering.closeCode).isNotDone();
      sink.write(List.of(entry("after the silent one left")));
      until("the entry at the answering client", WAIT, () -> answering.entryMessages().contains("after the silent one left"));
      assertThat(answering.closeCode).isNotDone();

      // The silent client was sent its ready message and pings it never answered, then its
      // connection ended — and not the entry logged after it was dropped.
      List<Frame> frames = readUntilClosed(silent);
      assertThat(frames).filteredOn(f -> f.opcode == 0x9).hasSizeGreaterThanOrEqualTo(MAX_MISSED);
      assertThat(frames).filteredOn(f -> f.opcode == 0x1).extracting(f -> f.text())
          .anyMatch(t -> t.contains("\"ready\"")).noneMatch(t -> t.contains("after the silent one left"));
    }
    assertThat(metric("platform_logs_stream_evicted_total")).isEqualTo(evictedBefore + 1);
  }

  @Test
  void aClientThatStopsReadingWhileEntriesFlowIsDroppedToo() throws Exception {
    long evictedBefore = metric("platform_logs_stream_evicted_total");
    try (Socket silent = handshake("?service=flowing")) {
      // Entries keep the stream busy (so it is never idle), yet the client sends nothing back: every
      // look at the metrics first writes another batch, so entries flow for as long as the wait lasts.
      Await.value("the silent client dropped while entries flowed to it (the stream's metrics)", WAIT,
          () -> {
            writeFlowBatch();
            return svc.get("/metrics", null).body().lines().filter(l -> l.startsWith("platform_logs_stream_")).toList();
          },
          lines -> metric(lines, "platform_logs_stream_evicted_total") > evictedBefore);
      until("no stream open", WAIT, () -> metric("platform_logs_stream_open") == 0);
      // Entries did go out to it before it was dropped: the pings had to get past a busy stream.
      assertThat(readUntilClosed(silent)).filteredOn(f -> f.opcode == 0x1).extracting(f -> f.text())
          .anyMatch(t -> t.contains("flow "));
    }
    assertThat(metric("platform_logs_stream_evicted_total")).isEqualTo(evictedBefore + 1);
  }

  private static LogEntry entry(String message) {
    return LogEntry.builder().timestamp(Instant.now()).level(Level.INFO).message(message).tenantId("t1")
        .service("silent-peer").build();
  }

  private static long metric(String name) {
    return metric(svc.get("/metrics", null).body().lines().toList(), name);
  }

  private static long metric(List<String> metricsLines, String name) {
    return metricsLines.stream().filter(l -> l.startsWith(name + " "))
        .mapToLong(l -> (long) Double.parseDouble(l.substring(name.length() + 1).trim())).sum();
  }

  /** Twenty 2 KB entries to the stream the silent client reads (service "flowing"). */
  private static void writeFlowBatch() {
    String pad = "x".repeat(2000);
    List<LogEntry> batch = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      batch.add(LogEntry.builder().timestamp(Instant.now()).level(Level.INFO).message("flow " + i + " " + pad)
          .tenantId("t1").service("flowing").build());
    }
    try {
      sink.write(batch);
    } catch (Exception e) { // the write declares Exception; any failure here is the test's own
      throw new AssertionError("the Redis stream refused the flow batch", e);
    }
  }

  /** A socket that completed the stream's WebSocket upgrade (RFC 6455 section 4.1) and then goes quiet. */
  private static Socket handshake(String query) throws IOException {
    Socket s = new Socket("127.0.0.1", svc.service.port());
    byte[] nonce = new byte[16];
    ThreadLocalRandom.current().nextBytes(nonce);
    String request = "GET " + LogsService.STREAM + query + " HTTP/1.1\r\n"
        + "Host: 127.0.0.1:" + svc.service.port() + "\r\n"
        + "Upgrade: websocket\r\n"
        + "Connection: Upgrade\r\n"
        + "Sec-WebSocket-Key: " + Base64.getEncoder().encodeToString(nonce) + "\r\n"
        + "Sec-WebSocket-Version: 13\r\n"
        + "Authorization: Bearer " + T1 + "\r\n\r\n";
    OutputStream out = s.getOutputStream();
    out.write(request.getBytes(StandardCharsets.US_ASCII));
    out.flush();
    s.setSoTimeout((int) WAIT.toMillis());
    InputStream in = s.getInputStream();
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) { // byte by byte: no frame bytes consumed
      int b = in.read();
      if (b < 0) {
        throw new AssertionError("the upgrade ended early: " + head.toString(StandardCharsets.US_ASCII));
      }
      head.write(b);
    }
    assertThat(head.toString(StandardCharsets.US_ASCII)).startsWith("HTTP/1.1 101");
    return s;
  }

  /** One frame from the server (unmasked, RFC 6455 section 5.2). */
  private record Frame(int opcode, byte[] payload) {
    String text() {
      return new String(payload, StandardCharsets.UTF_8);
    }
  }

  /** Everything the server sent after the upgrade, as frames, until it ended the connection. */
  private static List<Frame> readUntilClosed(Socket s) throws IOException {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    byte[] buf = new byte[64 * 1024];
    try {
      for (int n; (n = s.getInputStream().read(buf)) >= 0; ) {
        all.write(buf, 0, n);
      }
    } catch (SocketTimeoutException e) {
      throw new AssertionError("the server did not end the silent client's connection within " + WAIT, e);
    } catch (SocketException e) {
      // reset by the server: ended too
    }
    byte[] b = all.toByteArray();
    List<Frame> frames = new ArrayList<>();
    int i = 0;
    while (i + 2 <= b.length) {
      int opcode = b[i] & 0x0f;
      long len = b[i + 1] & 0x7f;
      int at = i + 2;
      if (len == 126) {
        len = ((b[at] & 0xff) << 8) | (b[at + 1] & 0xff);
        at += 2;
      } else if (len == 127) {
        len = 0;
        for (int k = 0; k < 8; k++) {
          len = (len << 8) | (b[at + k] & 0xff);
        }
        at += 8;
      }
      if (at + len > b.length) {
        break; // a frame cut off by the disconnect
      }
      byte[] payload = java.util.Arrays.copyOfRange(b, at, (int) (at + len));
      frames.add(new Frame(opcode, payload));
      i = (int) (at + len);
    }
    return frames;
  }
}
