package io.platformlogger.cli;

/** {@code --output}: lines for people or JSON Lines for machines. */
enum OutputFormat {
  pretty,
  json
}
