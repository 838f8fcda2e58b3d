package io.platformlogger.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.platformlogger.testkit.Await;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A JDK WebSocket client of the stream that keeps every message it received, in order (each
 * frame is a JSON array of messages; {@link #frames} counts the frames). A "stalled" client reads
 * one frame and then nothing (its TCP window fills), until {@link #resume()}.
 */
final class WsClient implements AutoCloseable {
  final List<JsonNode> messages = new CopyOnWriteArrayList<>();
  final AtomicInteger frames = new AtomicInteger();
  final AtomicInteger pings = new AtomicInteger();
  final CompletableFuture<Integer> closeCode = new CompletableFuture<>();
  private final WebSocket ws;
  private volatile boolean stalled;
  private final StringBuilder partial = new StringBuilder();

  private WsClient(HttpClient http, URI uri, String key, boolean stalled) {
    this.stalled = stalled;
    WebSocket.Builder b = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10));
    if (key != null) {
      b.header("Authorization", "Bearer " + key);
    }
    this.ws = b.buildAsync(uri, new Listener()).orTimeout(20, TimeUnit.SECONDS).join();
  }

  static WsClient open(TestService svc, String query, String key) {
    return new WsClient(svc.http, URI.create("ws" + svc.base.substring(4) + LogsService.STREAM + query), key, false);
  }

  static WsClient stalled(TestService svc, String query, String key) {
    return new WsClient(svc.http, URI.create("ws" + svc.base.substring(4) + LogsService.STREAM + query), key, true);
  }

  /** The HTTP status the upgrade was refused with (fails when it was accepted). */
  static int refusedWith(TestService svc, String query, String key) {
    try {
      new WsClient(svc.http, URI.create("ws" + svc.base.substring(4) + LogsService.STREAM + query), key, false).abort();
    } catch (CompletionException e) {
      if (e.getCause() instanceof WebSocketHandshakeException h) {
        return h.getResponse().statusCode();
      }
      throw e;
    }
    throw new AssertionError("the upgrade was accepted: " + query);
  }

  private final class Listener implements WebSocket.Listener {
    @Override
    public void onOpen(WebSocket webSocket) {
      webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        JsonNode frame = TestService.parse(partial.toString());
        partial.setLength(0);
        if (!frame.isArray() || frame.isEmpty()) {
          throw new AssertionError("a frame is not a non-empty JSON array of messages: " + frame);
        }
        frame.forEach(messages::add);
        frames.incrementAndGet();
      }
      if (!stalled) {
        webSocket.request(1);
      }
      return null;
    }

    @Override
    public CompletionStage<?> onPing(WebSocket webSocket, java.nio.ByteBuffer message) {
      pings.incrementAndGet();
      if (!stalled) {
        webSocket.request(1);
      }
      return null; // the JDK client answers with a pong itself
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
      closeCode.complete(statusCode);
      return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
      closeCode.completeExceptionally(error);
    }
  }

  void resume() {
    stalled = false;
    ws.request(Long.MAX_VALUE);
  }

  /** The entries received, by type "entry". */
  List<JsonNode> entries() {
    List<JsonNode> out = new ArrayList<>();
    for (JsonNode m : messages) {
      if (m.get("type").asText().equals("entry")) {
        out.add(m);
      }
    }
    return out;
  }

  List<String> entryMessages() {
    List<String> out = new ArrayList<>();
    for (JsonNode m : entries()) {
      out.add(m.get("entry").get("message").asText());
    }
    return out;
  }

  boolean has(Predicate<JsonNode> p) {
    return messages.stream().anyMatch(p);
  }

  /** Waits until the stream said it is live (after a resume's catch-up). */
  WsClient awaitReady() {
    Await.until("the stream is ready", Duration.ofSeconds(20), () -> has(m -> m.get("type").asText().equals("ready")));
    return this;
  }

  /** Drops the connection without a close handshake, as a crashed browser tab would. */
  void abort() {
    ws.abort();
  }

  @Override
  public void close() {
    if (!ws.isOutputClosed()) {
      ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
    }
    ws.abort();
  }
}
