package io.platformlogger.cli;

/** {@code --color}: auto colours only a terminal without {@code NO_COLOR}. */
enum ColorChoice {
  auto,
  always,
  never
}
