package io.platformlogger.postgres;

import io.platformlogger.core.EntryField;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Names and DDL of the log table in one PostgreSQL schema; identifiers are validated up front. */
final class Schema {
  static final String TABLE = "platform_logs";
  static final String MIGRATIONS = "platform_logger_migrations";

  /**
   * Every stored column except the generated {@code search}, in COPY order: the entry's fields by
   * JSON name ({@link EntryField}).
   */
  static final List<String> COLUMNS =
      EntryField.all().stream().map(EntryField::jsonName).collect(Collectors.toUnmodifiableList());

  static final String COLUMN_LIST = String.join(", ", COLUMNS);

  /** What the read side selects: {@code data} as text so the core's JSON rules decode it. */
  static final String SELECT_LIST = COLUMN_LIST.replace(" data,", " data::text AS data,");

  /**
   * Only the first characters of a message are indexed for full-text search: a tsvector is limited
   * to 1 MiB, and a longer message must never make its insert fail.
   */
  static final int SEARCH_CHARS = 100_000;

  /** The text search configuration of the generated column; queries must use the same. */
  static final String TS_CONFIG = "english";

  private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,47}");

  private final String schema;

  Schema(String schema) {
    this.schema = schema;
  }

  /**
   * Checks a schema name given in configuration. Lower-case identifiers only, so the name never
   * needs quoting and cannot carry SQL.
   */
  static String validName(String key, String name) {
    if (name == null || !IDENTIFIER.matcher(name).matches()) {
      throw new IllegalArgumentException(
          key + " is '" + name + "': use a lower-case PostgreSQL identifier (letters, digits, _,"
              + " at most 48 characters, not starting with a digit), such as public or logs");
    }
    return name;
  }

  String name() {
    return schema;
  }

  String table() {
    return schema + "." + TABLE;
  }

  String migrations() {
    return schema + "." + MIGRATIONS;
  }

  String defaultPartition() {
    return schema + "." + TABLE + "_default";
  }

  String qualified(String relation) {
    return schema + "." + relation;
  }

  /** An advisory lock key for DDL on this schema's table, the same in every process. */
  String lockKey() {
    return (schema + "." + TABLE).toLowerCase(Locale.ROOT);
  }
}
