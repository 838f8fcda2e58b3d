package io.platformlogger.postgres;

import io.platformlogger.core.patterns.TemplateValues;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Collects, for each {@code <*>} of a template, the first {@value #PER_WILDCARD} distinct values
 * the messages it is given had there (messages of another form add nothing). For the sample
 * values of error groups and patterns. Not thread-safe.
 */
final class SampleValues {
  static final int PER_WILDCARD = 5;

  private final String template;
  private final List<Set<String>> values = new ArrayList<>();

  SampleValues(String template) {
    this.template = template;
  }

  void add(String message) {
    List<String> v = TemplateValues.of(template, message);
    for (int i = 0; i < v.size(); i++) {
      if (values.size() <= i) {
        values.add(new LinkedHashSet<>());
      }
      if (values.get(i).size() < PER_WILDCARD) {
        values.get(i).add(v.get(i));
      }
    }
  }

  List<List<String>> toList() {
    List<List<String>> out = new ArrayList<>(values.size());
    for (Set<String> s : values) {
      out.add(List.copyOf(s));
    }
    return out;
  }
}
