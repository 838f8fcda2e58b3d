package io.platformlogger.kafka;

import java.util.regex.Pattern;

/** Kafka's rules for topic names, checked at configuration time. */
final class Topics {
  private static final Pattern LEGAL = Pattern.compile("[a-zA-Z0-9._-]{1,249}");

  private Topics() {}

  static String check(String topic, String key) {
    if (topic == null || !LEGAL.matcher(topic).matches() || topic.equals(".") || topic.equals("..")) {
      throw new IllegalArgumentException(
          key + " is '" + topic + "': a Kafka topic name is 1 to 249 characters of a-z, A-Z, 0-9,"
              + " '.', '_' and '-'");
    }
    return topic;
  }
}
