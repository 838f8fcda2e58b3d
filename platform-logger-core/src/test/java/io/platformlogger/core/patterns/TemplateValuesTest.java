package io.platformlogger.core.patterns;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TemplateValuesTest {

  @Test
  void eachWildcardGetsTheTextItStoodFor() {
    String message = "Failed password for root from 10.0.0.1 port 22 ssh2";
    String template = new TemplateMiner().add(message).text();

    assertThat(template).isEqualTo("Failed password for root from <*> port <*>");
    assertThat(TemplateValues.of(template, message)).containsExactly("10.0.0.1", "22 ssh2");
  }

  @Test
  void wildcardsInsideATokenAndAtTheStartAreRead() {
    assertThat(TemplateValues.of("<*> - proxy:<*> open", "chrome.exe - proxy:5070 open"))
        .containsExactly("chrome.exe", "5070");
    assertThat(TemplateValues.of("rhost=<*> user=<*>", "rhost=10.1.1.1   user=root\nsecond line"))
        .containsExactly("10.1.1.1", "root");
  }

  @Test
  void aMessageOfAnotherFormHasNoValues() {
    assertThat(TemplateValues.of("Failed password for <*> from <*>", "Accepted password for root from x")).isEmpty();
    assertThat(TemplateValues.of("Session <*> closed", "Session 12 opened")).isEmpty();
    assertThat(TemplateValues.of("no wildcard", "no wildcard")).isEmpty();
    assertThat(TemplateValues.of(null, "x")).isEmpty();
  }

  @Test
  void valuesOfEveryMinedMessageRebuildTheMessage() {
    List<String> messages = TemplateMinerTest.syntheticLog(new java.util.Random(9), 500);
    List<String> templates = TemplateMiner.templatesOf(messages);
    for (int i = 0; i < messages.size(); i++) {
      String template = templates.get(i);
      List<String> values = TemplateValues.of(template, messages.get(i));
      if (!template.contains("<*>")) {
        continue;
      }
      assertThat(values).as(messages.get(i) + " / " + template).isNotEmpty();
      String rebuilt = template;
      for (String v : values) {
        rebuilt = rebuilt.replaceFirst("<\\*>", java.util.regex.Matcher.quoteReplacement(v));
      }
      assertThat(rebuilt).isEqualTo(messages.get(i).trim());
    }
  }
}
