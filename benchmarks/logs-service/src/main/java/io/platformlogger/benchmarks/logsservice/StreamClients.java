package io.platformlogger.benchmarks.logsservice;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The fan-out benchmark's WebSocket clients, in a JVM of their own so that the load generator's
 * heap, GC and JIT are not the service's (they still share the machine's cores). Started by
 * {@link LogsServiceBenchmark} with {@code <host> <port> <path?query> <key> <clients> <max entries
 * per client>}; prints {@code READY} once every client has its {@code ready} message, and on a
 * line {@code STOP} on standard input prints {@code RESULT <received> <dropped> <p50 ns> <p99 ns>
 * <cpu ns>}.
 *
 * <p>Each client is a minimal RFC 6455 client on a blocking socket (one thread each) that looks
 * for the entries' timestamps in the frame's bytes: the JDK's {@code WebSocket} decodes every
 * frame to UTF-16 chars first, and on this 2-core machine that decoding for 250 000 entries a
 * second took CPU the service being measured needs. Lag = the time a frame was read in full − the
 * entry's {@code timestamp}, parsed by hand (a cached minute plus the seconds).
 */
public final class StreamClients {
  private static final byte[] TS = ascii("\"timestamp\":\"");
  private static final byte[] DROPPED = ascii("\"type\":\"dropped\",\"count\":");
  private static final byte[] READY = ascii("\"type\":\"ready\"");

  private StreamClients() {}

  public static void main(String[] args) throws Exception {
    String host = args[0];
    int port = Integer.parseInt(args[1]);
    String path = args[2];
    String key = args[3];
    int clients = Integer.parseInt(args[4]);
    int max = Integer.parseInt(args[5]);
    CountDownLatch ready = new CountDownLatch(clients);
    List<Client> all = new ArrayList<>();
    for (int i = 0; i < clients; i++) {
      Client c = new Client(max, ready);
      c.connect(host, port, path, key);
      all.add(c);
      Thread t = new Thread(c, "client-" + i);
      t.setDaemon(true);
      t.start();
    }
    if (!ready.await(60, TimeUnit.SECONDS)) {
      throw new IllegalStateException("not every client got its ready message");
    }
    long cpu0 = cpuNanos();
    System.out.println("READY");
    System.out.flush();
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    for (String line; (line = in.readLine()) != null && !line.equals("STOP");) {
      // wait
    }
    long cpu = cpuNanos() - cpu0;
    long dropped = 0;
    List<long[]> got = new ArrayList<>();
    for (Client c : all) {
      synchronized (c) { // a snapshot: frames still arriving do not count
        got.add(Arrays.copyOf(c.lag, c.got));
        dropped += c.dropped;
      }
    }
    long[] lags = got.stream().flatMapToLong(Arrays::stream).toArray();
    int n = lags.length;
    Arrays.sort(lags);
    System.out.printf(Locale.ROOT, "RESULT %d %d %d %d %d%n", n, dropped, pct(lags, 50), pct(lags, 99), cpu);
    System.out.flush();
    System.exit(0);
  }

  private static long cpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
  }

  static long pct(long[] sorted, int p) {
    if (sorted.length == 0) {
      return -1;
    }
    int i = Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1);
    return sorted[Math.max(0, i)];
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  /** One client: lags of the entries it received, and the dropped counts it was told. */
  private static final class Client implements Runnable {
    final long[] lag;
    int got; // guarded by this
    long dropped; // guarded by this
    private final CountDownLatch ready;
    private final Map<String, Long> minutes = new HashMap<>(); // "2026-12-06T21:43" -> its epoch second
    private Socket socket;
    private DataInputStream in;
    private OutputStream out;
    private byte[] message = new byte[1 << 16];

    Client(int max, CountDownLatch ready) {
      this.lag = new long[max];
      this.ready = ready;
    }

    void connect(String host, int port, String path, String key) throws IOException {
      socket = new Socket(host, port);
      socket.setTcpNoDelay(true);
      in = new DataInputStream(new BufferedInputStream(socket.getInputStream(), 1 << 16));
      out = socket.getOutputStream();
      byte[] nonce = new byte[16];
      new SecureRandom().nextBytes(nonce);
      out.write(("GET " + path + " HTTP/1.1\r\nHost: " + host + ":" + port + "\r\nUpgrade: websocket\r\n"
          + "Connection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: "
          + Base64.getEncoder().encodeToString(nonce) + "\r\nAuthorization: Bearer " + key + "\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      StringBuilder head = new StringBuilder();
      while (!head.toString().endsWith("\r\n\r\n")) {
        int b = in.read();
        if (b < 0) {
          throw new IOException("connection closed during the upgrade: " + head);
        }
        head.append((char) b);
      }
      if (!head.toString().startsWith("HTTP/1.1 101")) {
        throw new IOException("upgrade refused: " + head);
      }
    }

    @Override
    public void run() {
      try {
        int length = 0;
        while (true) {
          int b0 = in.readUnsignedByte();
          int b1 = in.readUnsignedByte();
          long len = b1 & 0x7f;
          if (len == 126) {
            len = in.readUnsignedShort();
          } else if (len == 127) {
            len = in.readLong();
          }
          int opcode = b0 & 0x0f;
          byte[] payload = opcode == 0 || opcode == 1 ? null : new byte[(int) len];
          if (payload != null) {
            in.readFully(payload);
          } else {
            if (length + len > message.length) {
              message = Arrays.copyOf(message, (int) Math.max(message.length * 2L, length + len));
            }
            in.readFully(message, length, (int) len);
            length += (int) len;
            if ((b0 & 0x80) != 0) {
              message(message, length, nowNanos());
              length = 0;
            }
          }
          if (opcode == 8) {
            return;
          }
          if (opcode == 9) { // ping: answer with a masked pong (zero mask)
            synchronized (out) {
              out.write(new byte[] {(byte) 0x8a, (byte) (0x80 | payload.length), 0, 0, 0, 0});
              out.write(payload);
              out.flush();
            }
          }
        }
      } catch (IOException e) {
        // closed at the end
      }
    }

    private void message(byte[] m, int n, long now) {
      if (indexOf(m, n, READY, 0) >= 0) {
        ready.countDown();
      }
      synchronized (this) {
        for (int i = indexOf(m, n, DROPPED, 0); i >= 0; i = indexOf(m, n, DROPPED, i + 1)) {
          long count = 0;
          for (int j = i + DROPPED.length; m[j] >= '0' && m[j] <= '9'; j++) {
            count = count * 10 + (m[j] - '0');
          }
          dropped += count;
        }
        for (int i = indexOf(m, n, TS, 0); i >= 0 && got < lag.length; i = indexOf(m, n, TS, i + 1)) {
          lag[got++] = now - timestamp(m, i + TS.length);
        }
      }
    }

    /** Epoch nanos of "yyyy-MM-ddTHH:mm:ss[.fraction]Z" at {@code at}. */
    private long timestamp(byte[] m, int at) {
      String minute = new String(m, at, 16, StandardCharsets.US_ASCII);
      Long base = minutes.get(minute);
      if (base == null) {
        base = Instant.parse(minute + ":00Z").getEpochSecond();
        minutes.put(minute, base);
      }
      long sec = (m[at + 17] - '0') * 10 + (m[at + 18] - '0');
      long nanos = 0;
      int i = at + 19;
      if (m[i] == '.') {
        long scale = 100_000_000;
        for (i++; m[i] >= '0' && m[i] <= '9'; i++) {
          nanos += (m[i] - '0') * scale;
          scale /= 10;
        }
      }
      return (base + sec) * 1_000_000_000L + nanos;
    }

    private static int indexOf(byte[] m, int n, byte[] what, int from) {
      outer:
      for (int i = from; i <= n - what.length; i++) {
        for (int j = 0; j < what.length; j++) {
          if (m[i + j] != what[j]) {
            continue outer;
          }
        }
        return i;
      }
      return -1;
    }

    private static long nowNanos() {
      Instant t = Instant.now();
      return t.getEpochSecond() * 1_000_000_000L + t.getNano();
    }
  }
}
