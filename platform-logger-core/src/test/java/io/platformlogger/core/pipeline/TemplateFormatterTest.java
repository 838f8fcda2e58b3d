package io.platformlogger.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.slf4j.helpers.MessageFormatter;

/** The pipeline's template filling must give MessageFormatter's text for every template. */
class TemplateFormatterTest {
  private static String ours(String template, Object... args) {
    StringBuilder out = new StringBuilder();
    Set<String> sanitized = new LinkedHashSet<>();
    return TemplateFormatter.format(template, args, out, sanitized) ? out.toString() : template;
  }

  private static void assertAsMessageFormatter(String template, Object... args) {
    assertThat(TemplateFormatter.handles(args)).isTrue();
    assertThat(ours(template, args))
        .as("template %s", template)
        .isEqualTo(MessageFormatter.basicArrayFormat(template, args));
  }

  @Test
  void fillsPlaceholdersInOrderAndKeepsTheRest() {
    assertAsMessageFormatter("order {} placed by {}", 184_467L, "u-8f3K2");
    assertAsMessageFormatter("{}{}{}", 1, 2L, "three");
    assertAsMessageFormatter("too few {} {} {}", "one");
    assertAsMessageFormatter("too many {}", "one", "two", "three");
    assertAsMessageFormatter("no placeholder", "unused");
    assertAsMessageFormatter("nulls {} {}", null, null);
    assertAsMessageFormatter("{}", Long.MIN_VALUE);
    assertAsMessageFormatter("{} and {}", Integer.MIN_VALUE, 4.5d);
    assertAsMessageFormatter("", "x");
    assertAsMessageFormatter("{", "x");
    assertAsMessageFormatter("}{", "x");
  }

  @Test
  void treatsEscapedPlaceholdersAsMessageFormatterDoes() {
    assertAsMessageFormatter("literal \\{} then {}", "value");
    assertAsMessageFormatter("backslash \\\\{} value", "value");
    assertAsMessageFormatter("\\{}", "value");
    assertAsMessageFormatter("\\\\{}", "value");
    assertAsMessageFormatter("a\\{}b\\{}c{}", "value", "more");
  }

  @Test
  void aTemplateWithoutPlaceholdersIsTheMessageItself() {
    String template = "nothing to fill";
    assertThat(TemplateFormatter.format(template, new Object[] {"x"}, new StringBuilder(), new LinkedHashSet<>()))
        .isFalse();
  }

  @Test
  void randomTemplatesComeOutAsMessageFormatterWritesThem() {
    Random random = new Random(20);
    String[] pieces = {"{}", "{", "}", "\\", "\\\\", "x", " ", "{}{}", "\\{}", "\u00e9"};
    Object[] values = {"s", 7L, -3, null, 2.5, true, 'c', List.of(1, 2), new StringBuilder("sb")};
    for (int n = 0; n < 5000; n++) {
      StringBuilder t = new StringBuilder();
      for (int i = random.nextInt(8); i > 0; i--) {
        t.append(pieces[random.nextInt(pieces.length)]);
      }
      List<Object> args = new ArrayList<>();
      for (int i = random.nextInt(5); i >= 0; i--) {
        args.add(values[random.nextInt(values.length)]);
      }
      assertAsMessageFormatter(t.toString(), args.toArray());
    }
  }

  @Test
  void anArgumentWhoseToStringThrowsBecomesAMarkedPlaceholder() {
    Object broken =
        new Object() {
          @Override
          public String toString() {
            throw new IllegalStateException("no");
          }
        };
    StringBuilder out = new StringBuilder();
    Set<String> sanitized = new LinkedHashSet<>();
    assertThat(TemplateFormatter.format("value {} end", new Object[] {broken}, out, sanitized)).isTrue();
    assertThat(out.toString()).isEqualTo("value [toString() failed: java.lang.IllegalStateException] end");
    assertThat(sanitized).containsExactly("tostring_failed");
  }

  @Test
  void leavesArraysAndThrowablesToMessageFormatter() {
    assertThat(TemplateFormatter.handles(new Object[] {"a", new int[] {1}})).isFalse();
    assertThat(TemplateFormatter.handles(new Object[] {new RuntimeException()})).isFalse();
    assertThat(TemplateFormatter.handles(new Object[] {"a", null, 1L})).isTrue();
  }

  @Test
  void recordsWhereEachValueLandedSoThatTheRestIsTheTemplatesText() {
    Object[] args = {184_467L, "u-8f3K2", null, 7, "ignored"};
    int[] placed = new int[1 + 2 * args.length];
    StringBuilder out = new StringBuilder();
    assertThat(TemplateFormatter.format("order {} by {}: {}, {}", args, out, new LinkedHashSet<>(), placed)).isTrue();
    String message = out.toString();
    assertThat(placed[0]).isEqualTo(4);
    List<String> values = new ArrayList<>();
    StringBuilder rest = new StringBuilder();
    int done = 0;
    for (int k = 0; k < placed[0]; k++) {
      values.add(message.substring(placed[1 + 2 * k], placed[2 + 2 * k]));
      rest.append(message, done, placed[1 + 2 * k]).append("{}");
      done = placed[2 + 2 * k];
    }
    rest.append(message.substring(done));
    assertThat(values).containsExactly("184467", "u-8f3K2", "null", "7");
    assertThat(rest.toString()).isEqualTo("order {} by {}: {}, {}");
  }
}
