package io.platformlogger.location;

import java.util.HashMap;
import java.util.Map;
import org.objectweb.asm.Opcodes;

/**
 * The calls the rewriter replaces, matched exactly on the invoke instruction (opcode, owner =
 * the receiver's static type, name, descriptor), and the static helper each one becomes. The
 * helper's descriptor is the original one with the receiver prepended and the site appended; only
 * descriptors the helpers have are listed, so a method added to SLF4J later is left alone.
 * Immutable, thread-safe.
 */
final class CallTargets {
  static final String SITE = "io/platformlogger/core/LogSite";
  static final String SITE_DESC = "L" + SITE + ";";
  static final String SLF4J_CALLS = "io/platformlogger/core/location/Slf4jCalls";
  static final String FLUENT_CALLS = "io/platformlogger/core/location/FluentCalls";
  static final String PLATFORM_CALLS = "io/platformlogger/core/location/PlatformLoggerCalls";
  static final String LOG_SITES = "io/platformlogger/core/location/LogSites";

  private static final String S = "Ljava/lang/String;";
  private static final String O = "Ljava/lang/Object;";
  private static final String OA = "[Ljava/lang/Object;";
  private static final String T = "Ljava/lang/Throwable;";
  private static final String M = "Lorg/slf4j/Marker;";
  private static final String MAP = "Ljava/util/Map;";

  /** owner + "." + name + desc → helper class. */
  private static final Map<String, String> HELPERS = new HashMap<>();

  static {
    String[] slf4jArgs = {S, S + O, S + O + O, S + OA, S + T};
    for (String level : new String[] {"trace", "debug", "info", "warn", "error"}) {
      for (String args : slf4jArgs) {
        put("org/slf4j/Logger", level, "(" + args + ")V", SLF4J_CALLS);
        put("org/slf4j/Logger", level, "(" + M + args + ")V", SLF4J_CALLS);
      }
    }
    for (String args : new String[] {"", S, S + O, S + O + O, S + OA, "Ljava/util/function/Supplier;"}) {
      put("org/slf4j/spi/LoggingEventBuilder", "log", "(" + args + ")V", FLUENT_CALLS);
    }
    String pl = "io/platformlogger/core/PlatformLogger";
    for (String level : new String[] {"debug", "info", "warn", "error"}) {
      for (String args : new String[] {S, S + MAP, S + O, S + O + O, S + OA}) {
        put(pl, level, "(" + args + ")V", PLATFORM_CALLS);
      }
      String cap = Character.toUpperCase(level.charAt(0)) + level.substring(1);
      put(pl, "at" + cap, "()Lio/platformlogger/core/LogStatement;", PLATFORM_CALLS);
    }
    put(pl, "warn", "(" + S + T + ")V", PLATFORM_CALLS);
    put(pl, "error", "(" + S + T + ")V", PLATFORM_CALLS);
    put(pl, "error", "(" + S + T + MAP + ")V", PLATFORM_CALLS);
    put(pl, "at", "(Lio/platformlogger/core/Level;)Lio/platformlogger/core/LogStatement;", PLATFORM_CALLS);
  }

  private CallTargets() {}

  private static void put(String owner, String name, String desc, String helper) {
    HELPERS.put(owner + "." + name + desc, helper);
  }

  /** The helper class for this invoke instruction, or null if it is not a call we rewrite. */
  static String helperFor(int opcode, String owner, String name, String desc) {
    boolean virtual =
        owner.equals("io/platformlogger/core/PlatformLogger")
            ? opcode == Opcodes.INVOKEVIRTUAL
            : opcode == Opcodes.INVOKEINTERFACE;
    return virtual ? HELPERS.get(owner + "." + name + desc) : null;
  }

  /** The helper's descriptor: receiver first, site last. */
  static String helperDescriptor(String owner, String desc) {
    int close = desc.indexOf(')');
    return "(L" + owner + ";" + desc.substring(1, close) + SITE_DESC + desc.substring(close);
  }
}
