package io.platformlogger.core;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The schema of a {@link LogEntry}, one row per field, in wire order (docs/schema.md): the JSON
 * name (also the PostgreSQL column and the CSV header), the Java name (the entry's accessor and
 * the builder's setter), the {@link Kind} of value and the {@link Group} it belongs to.
 *
 * <p>Everything that handles every field of an entry walks this table instead of naming the
 * fields again: the JSON writer and reader, {@code equals} and {@code toString}, the PostgreSQL
 * sink's COPY rows and column list, CSV export, the testkit's diff, and {@link LogContext} (whose
 * named fields are the {@link Group#REQUEST} group). Adding a field is a row here plus its accessor
 * and setter on {@link LogEntry}. Immutable and thread-safe.
 */
public enum EntryField {
  ID("id", Kind.TEXT, Group.EVENT, true),
  TIMESTAMP("timestamp", Kind.INSTANT, Group.EVENT, true),
  LEVEL("level", Kind.LEVEL, Group.EVENT, true),
  MESSAGE("message", Kind.TEXT, Group.EVENT, true),
  DATA("data", Kind.DATA, Group.EVENT, false),
  SERVICE("service", Kind.TEXT, Group.ORIGIN, false),
  ENVIRONMENT("environment", Kind.ENVIRONMENT, Group.ORIGIN, false),
  VERSION("version", Kind.TEXT, Group.ORIGIN, false),
  REGION("region", Kind.TEXT, Group.ORIGIN, false),
  INSTANCE_ID("instance_id", Kind.TEXT, Group.ORIGIN, false),
  EVENT_TYPE("event_type", Kind.TEXT, Group.EVENT, false),
  STREAM("stream", Kind.TEXT, Group.EVENT, false),
  TENANT_ID("tenant_id", Kind.TEXT, Group.REQUEST, false),
  TENANT_SLUG("tenant_slug", Kind.TEXT, Group.REQUEST, false),
  WORKSPACE_ID("workspace_id", Kind.TEXT, Group.REQUEST, false),
  PROJECT_ID("project_id", Kind.TEXT, Group.REQUEST, false),
  USER_ID("user_id", Kind.TEXT, Group.REQUEST, false),
  SESSION_ID("session_id", Kind.TEXT, Group.REQUEST, false),
  IMPERSONATOR_ID("impersonator_id", Kind.TEXT, Group.REQUEST, false),
  REQUEST_ID("request_id", Kind.TEXT, Group.REQUEST, false),
  TRACE_ID("trace_id", Kind.TEXT, Group.REQUEST, false),
  SPAN_ID("span_id", Kind.TEXT, Group.REQUEST, false),
  SOURCE_FILE("source_file", Kind.TEXT, Group.CALL_SITE, false),
  SOURCE_LINE("source_line", Kind.INTEGER, Group.CALL_SITE, false),
  SOURCE_CLASS("source_class", Kind.TEXT, Group.CALL_SITE, false),
  SOURCE_METHOD("source_method", Kind.TEXT, Group.CALL_SITE, false),
  ACTION("action", Kind.TEXT, Group.EVENT, false),
  ERROR_TYPE("error_type", Kind.TEXT, Group.ERROR, false),
  ERROR_CODE("error_code", Kind.TEXT, Group.ERROR, false),
  ERROR_STACK("error_stack", Kind.TEXT, Group.ERROR, false),
  ERROR_SIGNATURE("error_signature", Kind.TEXT, Group.ERROR, false),
  LOGGER_NAME("logger_name", Kind.TEXT, Group.CALL_SITE, false),
  THREAD_NAME("thread_name", Kind.TEXT, Group.CALL_SITE, false),
  MARKERS("markers", Kind.TEXT_LIST, Group.EVENT, false),
  SANITIZED("sanitized", Kind.TEXT_LIST, Group.EVENT, false);

  /** What a field holds; {@link #type()} is the Java type of its values. */
  public enum Kind {
    /** A String. */
    TEXT(String.class),
    /** An {@link Instant}. */
    INSTANT(Instant.class),
    /** A {@link Level}. */
    LEVEL(Level.class),
    /** An {@link Environment}, written as its {@link Environment#wireName()}. */
    ENVIRONMENT(Environment.class),
    /** An Integer. */
    INTEGER(Integer.class),
    /** A JSON object: a {@code Map<String, Object>} of JSON-compatible values, never null. */
    DATA(Map.class),
    /** A {@code List<String>}, never null (possibly empty; omitted from JSON when empty). */
    TEXT_LIST(List.class);

    private final Class<?> type;

    Kind(Class<?> type) {
      this.type = type;
    }

    public Class<?> type() {
      return type;
    }
  }

  /** What a field describes. */
  public enum Group {
    /** What happened: id, time, level, message, data, and how the entry is classified. */
    EVENT,
    /** Which deployment logged it: service, environment, version, region, instance. */
    ORIGIN,
    /** Who and which request it was for: the fields a {@link LogContext} carries. */
    REQUEST,
    /** Where in the code: source location, logger and thread. */
    CALL_SITE,
    /** The error the entry reports. */
    ERROR
  }

  /** The number of fields: the length of every array indexed by {@link #ordinal()}. */
  static final int COUNT = values().length;

  private static final EntryField[] ALL = values();
  private static final Map<String, EntryField> BY_JSON_NAME = new HashMap<>();
  private static final List<EntryField> LIST = List.of(ALL);
  private static final List<EntryField> REQUEST_FIELDS;

  static {
    List<EntryField> request = new ArrayList<>();
    for (EntryField f : ALL) {
      BY_JSON_NAME.put(f.jsonName, f);
      if (f.group == Group.REQUEST) {
        request.add(f);
      }
    }
    REQUEST_FIELDS = List.copyOf(request);
    // LogContext and LogEntry address the group as one range of ordinals.
    for (int i = 0; i < REQUEST_FIELDS.size(); i++) {
      if (REQUEST_FIELDS.get(i).ordinal() != REQUEST_FIELDS.get(0).ordinal() + i) {
        throw new IllegalStateException("the REQUEST fields must be contiguous in EntryField");
      }
    }
  }

  private final String jsonName;
  private final String javaName;
  private final Kind kind;
  private final Group group;
  private final boolean required;

  EntryField(String jsonName, Kind kind, Group group, boolean required) {
    this.jsonName = jsonName;
    this.javaName = camelCase(jsonName);
    this.kind = kind;
    this.group = group;
    this.required = required;
  }

  /** The JSON member name, which is also the PostgreSQL column and the CSV header. */
  public String jsonName() {
    return jsonName;
  }

  /** The name of the {@link LogEntry} accessor and the {@link LogEntry.Builder} setter. */
  public String javaName() {
    return javaName;
  }

  public Kind kind() {
    return kind;
  }

  public Group group() {
    return group;
  }

  /** Whether an entry's JSON must hold it (id, timestamp, level, message). */
  public boolean required() {
    return required;
  }

  /** This field's value on {@code entry}, of {@link Kind#type()}; null when unset. */
  public Object get(LogEntry entry) {
    return entry.values[ordinal()];
  }

  /**
   * A scalar field's value as text, as COPY and CSV write it (an instant in ISO-8601, a level's
   * name, an environment's wire name, a number in decimal); null when unset.
   *
   * @throws IllegalStateException for {@link Kind#DATA} and {@link Kind#TEXT_LIST}, which have no
   *     single text form
   */
  public String text(LogEntry entry) {
    Object v = entry.values[ordinal()];
    if (v == null) {
      return null;
    }
    switch (kind) {
      case TEXT:
        return (String) v;
      case LEVEL:
        return ((Level) v).name();
      case ENVIRONMENT:
        return ((Environment) v).wireName();
      case INSTANT:
      case INTEGER:
        return v.toString();
      default:
        throw new IllegalStateException(jsonName + " is " + kind + ", not a scalar");
    }
  }

  /**
   * Sets this field on {@code builder}, as its typed setter would.
   *
   * @throws IllegalArgumentException when {@code value} is not null and not of {@link Kind#type()}
   *     (for {@link Kind#TEXT_LIST}, a list of Strings)
   */
  public void set(LogEntry.Builder builder, Object value) {
    if (value != null && !kind.type.isInstance(value)) {
      throw new IllegalArgumentException(
          "entry field '" + jsonName + "' holds " + kind.type.getSimpleName() + ", not "
              + value.getClass().getName());
    }
    if (kind == Kind.TEXT_LIST && value != null) {
      for (Object element : (List<?>) value) {
        if (!(element instanceof String)) {
          throw new IllegalArgumentException("entry field '" + jsonName + "' holds strings only, not " + element);
        }
      }
    }
    builder.values[ordinal()] = value;
  }

  /** The field with this JSON name, or null (a name from a newer schema, say). */
  public static EntryField forJsonName(String name) {
    return BY_JSON_NAME.get(name);
  }

  /** Every field, in wire order (unmodifiable). */
  public static List<EntryField> all() {
    return LIST;
  }

  /** The {@link Group#REQUEST} fields, in wire order: what a {@link LogContext} names. */
  public static List<EntryField> requestFields() {
    return REQUEST_FIELDS;
  }

  private static String camelCase(String snake) {
    StringBuilder sb = new StringBuilder(snake.length());
    boolean upper = false;
    for (int i = 0; i < snake.length(); i++) {
      char c = snake.charAt(i);
      if (c == '_') {
        upper = true;
      } else {
        sb.append(upper ? Character.toUpperCase(c) : c);
        upper = false;
      }
    }
    return sb.toString();
  }
}
