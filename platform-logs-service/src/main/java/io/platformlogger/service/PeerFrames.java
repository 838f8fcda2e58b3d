package io.platformlogger.service;

import java.util.function.LongSupplier;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.common.WebSocketSession;
import org.eclipse.jetty.websocket.core.WebSocketConnection;
import org.eclipse.jetty.websocket.core.WebSocketCoreSession;

/**
 * How many frames a WebSocket peer has sent so far: the one sign of life a stream client gives,
 * since it sends nothing but pongs. Read from Jetty's connection because Javalin 7 hands pongs to
 * no handler of ours (its listener leaves {@code onWebSocketPong} to Jetty's default, which drops
 * them); every pong, like every other frame, is counted by the connection as it is parsed. Called
 * by the hub's pinger thread; Jetty counts with a {@code LongAdder}, so reading is safe from any
 * thread.
 */
final class PeerFrames {
  /** What {@link #of} gives when the session is not Jetty's: nothing is known, nobody is dropped. */
  static final long UNKNOWN = -1;

  private PeerFrames() {}

  /** The frames in of {@code session}'s connection, or {@link #UNKNOWN} if Jetty's count is out of reach. */
  static LongSupplier of(Session session) {
    if (session instanceof WebSocketSession s && s.getCoreSession() instanceof WebSocketCoreSession core) {
      return () -> {
        WebSocketConnection c = core.getConnection();
        return c == null ? UNKNOWN : c.getMessagesIn(); // Jetty's "messages" are frames
      };
    }
    return () -> UNKNOWN;
  }
}
