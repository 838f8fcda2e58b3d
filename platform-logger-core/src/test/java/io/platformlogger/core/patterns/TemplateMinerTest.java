package io.platformlogger.core.patterns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class TemplateMinerTest {

  @Test
  void numbersAndIdsNeverSplitAGroup() {
    List<String> templates =
        TemplateMiner.templatesOf(
            List.of(
                "PacketResponder 1 for block blk_38865049064139660 terminating",
                "PacketResponder 0 for block blk_-6952295868487656571 terminating",
                "PacketResponder 2 for block blk_7128370237687728475 terminating"));

    assertThat(templates).containsOnly("PacketResponder <*> for block <*> terminating");
  }

  @Test
  void aWordThatVariesBecomesAWildcardAndTheFirstMessageGetsTheFinalTemplate() {
    List<String> templates =
        TemplateMiner.templatesOf(
            List.of(
                "Failed password for root from 10.0.0.1 port 22 ssh2",
                "Failed password for admin from 10.0.0.9 port 4711 ssh2",
                "Failed password for guest from 192.168.1.1 port 80 ssh2"));

    // "ssh2" holds a digit, so it is masked too and joins the port's run of variables.
    assertThat(templates).containsOnly("Failed password for <*> from <*> port <*>");
  }

  @Test
  void partsOfATokenAreMaskedAroundSeparators() {
    List<String> templates =
        TemplateMiner.templatesOf(
            List.of(
                "authentication failure; logname= uid=0 euid=0 tty=NODEVssh ruser= rhost=218.188.2.4",
                "authentication failure; logname= uid=0 euid=0 tty=NODEVssh ruser= rhost=10.0.0.7"));

    assertThat(templates)
        .containsOnly("authentication failure; logname= uid=<*> euid=<*> tty=NODEVssh ruser= rhost=<*>");
  }

  @Test
  void twoTemplatesDifferingInOneConstantWordStayApart() {
    List<String> messages = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      messages.add("Accepted password for user" + (char) ('a' + i) + " from 10.0.0." + i + " port " + (1000 + i) + " ssh2");
      messages.add("Failed password for user" + (char) ('a' + i) + " from 10.0.0." + i + " port " + (1000 + i) + " ssh2");
    }

    List<String> templates = TemplateMiner.templatesOf(messages);

    assertThat(new java.util.TreeSet<>(templates))
        .containsExactly(
            "Accepted password for <*> from <*> port <*>",
            "Failed password for <*> from <*> port <*>");
  }

  @Test
  void aFirstWordSeenWithManyValuesIsOneVariable() {
    // The first word keys a branch of the tree, so Drain alone keeps one group per program.
    List<String> messages = new ArrayList<>();
    for (String program : List.of("chrome.exe", "firefox.exe", "outlook.exe", "dropbox.exe", "git.exe")) {
      messages.add(program + " - proxy.example.org:5070 open through proxy proxy.example.org:5070 HTTPS");
    }

    assertThat(TemplateMiner.templatesOf(messages))
        .containsOnly("<*> - proxy.example.org:<*> open through proxy proxy.example.org:<*> HTTPS");
  }

  @Test
  void aFirstWordSeenWithTwoValuesStaysTwoTemplates() {
    List<String> templates =
        TemplateMiner.templatesOf(
            List.of(
                "Starting service cache on node alpha",
                "Stopping service cache on node alpha"));

    assertThat(templates).doesNotHaveDuplicates();
  }

  @Test
  void listsOfNumbersOfAnyLengthShareOneShape() {
    List<String> templates =
        TemplateMiner.templatesOf(
            List.of("onExtend:1514038530000 14 0 4", "onExtend:1514038530000 14 0", "onExtend:1514038590000 3"));

    assertThat(templates).containsOnly("onExtend:<*> <*>");
  }

  @Test
  void theSameMessagesInTheSameOrderGiveTheSameTemplates() {
    List<String> messages = syntheticLog(new Random(7), 3_000);

    assertThat(TemplateMiner.templatesOf(messages)).isEqualTo(TemplateMiner.templatesOf(new ArrayList<>(messages)));
  }

  @Test
  void equalStringsAreOneGroupAndDifferentEventsDifferentOnes() {
    List<String> messages = syntheticLog(new Random(11), 2_000);
    List<String> templates = TemplateMiner.templatesOf(messages);

    for (int i = 0; i < messages.size(); i++) {
      String event = messages.get(i).split(" ")[0];
      for (int j = i + 1; j < Math.min(messages.size(), i + 50); j++) {
        boolean sameEvent = event.equals(messages.get(j).split(" ")[0]);
        assertThat(templates.get(i).equals(templates.get(j)))
            .as("%s / %s", messages.get(i), messages.get(j))
            .isEqualTo(sameEvent);
      }
    }
  }

  @Test
  void theHandleFollowsTheTemplateAsItWidensAndMerges() {
    TemplateMiner miner = new TemplateMiner();
    Template first = miner.add("Session opened for alice on tty1");

    assertThat(first.text()).isEqualTo("Session opened for alice on <*>");
    miner.add("Session opened for bob on tty2");
    assertThat(first.text()).isEqualTo("Session opened for <*> on <*>");
    assertThat(first.count()).isEqualTo(2);

    Template a = miner.add("alpha wrote block to disk");
    for (String w : List.of("beta", "gamma", "delta")) {
      miner.add(w + " wrote block to disk");
    }
    miner.consolidate();
    assertThat(a.text()).isEqualTo("<*> wrote block to disk");
    assertThat(a.count()).isEqualTo(4);
    assertThat(miner.templates()).extracting(Template::text)
        .containsExactly("<*> wrote block to disk", "Session opened for <*> on <*>");
  }

  @Test
  void aLaterValueJoinsAMergedTemplateAtTheNextConsolidation() {
    TemplateMiner miner = new TemplateMiner();
    for (String w : List.of("alpha", "beta", "gamma", "delta")) {
      miner.add(w + " wrote block to disk");
    }
    miner.consolidate();
    Template late = miner.add("epsilon wrote block to disk");
    assertThat(late.text()).isEqualTo("epsilon wrote block to disk"); // its own leaf until then

    miner.consolidate();

    assertThat(late.text()).isEqualTo("<*> wrote block to disk");
    assertThat(late.count()).isEqualTo(5);
    assertThat(miner.size()).isEqualTo(1);
  }

  @Test
  void theCapOnTemplatesDropsTheLeastRecentlyUsed() {
    TemplateMiner miner = new TemplateMiner(MinerSettings.DEFAULTS.withMaxClusters(3));
    Template kept = miner.add("kept message stays warm");
    Template dropped = miner.add("second kind of thing");
    miner.add("third sort here now please");
    miner.add("kept message stays warm");
    miner.add("fourth shape of a line with more words");

    assertThat(miner.size()).isEqualTo(3);
    assertThat(miner.templates()).contains(kept).doesNotContain(dropped);
    assertThat(dropped.text()).isEqualTo("second kind of thing");
    assertThat(miner.add("second kind of thing")).isNotSameAs(dropped);
  }

  @Test
  void twoHundredThousandDistinctMessagesStayWithinTheCap() {
    TemplateMiner miner = new TemplateMiner(MinerSettings.DEFAULTS.withMaxClusters(500));
    Random random = new Random(3);
    for (int i = 0; i < 200_000; i++) {
      miner.add(randomWords(random, 1 + random.nextInt(12)));
    }
    assertThat(miner.size()).isLessThanOrEqualTo(500);
  }

  @Test
  void aLongMessageIsCutToTheTokenCapWithAVariableTail() {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 300; i++) {
      sb.append("word").append((char) ('a' + i % 26)).append(' ');
    }
    Template t = new TemplateMiner().add(sb.toString());

    String[] tokens = t.text().split(" ");
    assertThat(tokens).hasSize(MinerSettings.DEFAULTS.maxTokens());
    assertThat(tokens[tokens.length - 1]).isEqualTo("<*>");
  }

  @Test
  void nullBlankAndMultiLineMessagesHaveTemplates() {
    List<String> templates =
        TemplateMiner.templatesOf(
            java.util.Arrays.asList(null, "   ", "Boom at 12\n\tat com.example.A.b(A.java:1)", "Boom at 13"));

    assertThat(templates).containsExactly("", "", "Boom at <*>", "Boom at <*>");
  }

  @Test
  void craftedWorstCasesAreReadOnlyUpToTheirFirstThousandCharacters() {
    for (String s : List.of("0".repeat(100_000), "ab12:".repeat(20_000), "'".repeat(50_000), "= ".repeat(50_000))) {
      String text = new TemplateMiner().add(s).text();
      assertThat(text.length()).isLessThanOrEqualTo(TokenMasker.MAX_INPUT_CHARS);
    }
  }

  @Test
  void readersSeeWholeTemplatesWhileOneThreadAdds() throws Exception {
    TemplateMiner miner = new TemplateMiner(MinerSettings.DEFAULTS.withMaxClusters(200));
    List<String> messages = syntheticLog(new Random(5), 20_000);
    List<Throwable> failures = new CopyOnWriteArrayList<>();
    AtomicBoolean done = new AtomicBoolean();
    List<Thread> readers = new ArrayList<>();
    for (int r = 0; r < 3; r++) {
      Thread reader = new Thread(() -> {
        try {
          while (!done.get()) {
            for (Template t : miner.templates()) {
              assertThat(t.text()).doesNotContain("  ");
              assertThat(t.count()).isPositive();
            }
          }
        } catch (Throwable e) {
          failures.add(e);
        }
      });
      reader.start();
      readers.add(reader);
    }
    long added = 0;
    for (String m : messages) {
      miner.add(m);
      added++;
    }
    done.set(true);
    for (Thread reader : readers) {
      reader.join();
    }

    assertThat(failures).isEmpty();
    assertThat(miner.templates().stream().mapToLong(Template::count).sum()).isEqualTo(added);
  }

  @Test
  void badSettingsNameTheSettingAndItsRange() {
    assertThatThrownBy(() -> MinerSettings.DEFAULTS.withSimilarity(1.5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("similarity must be in (0, 1], was 1.5");
    assertThatThrownBy(() -> MinerSettings.DEFAULTS.withMaxClusters(0))
        .hasMessageContaining("maxClusters must be at least 1");
  }

  /** Lines of 12 event kinds; the first word names the kind, the rest has ids, numbers and names. */
  static List<String> syntheticLog(Random random, int lines) {
    String[] users = {"alice", "bob", "carol", "dave", "erin", "frank", "grace"};
    List<String> out = new ArrayList<>(lines);
    for (int i = 0; i < lines; i++) {
      int kind = random.nextInt(12);
      String user = users[random.nextInt(users.length)];
      out.add(switch (kind) {
        case 0 -> "login user " + user + " from 10.0." + random.nextInt(256) + "." + random.nextInt(256);
        case 1 -> "logout user " + user + " after " + random.nextInt(5000) + " ms";
        case 2 -> "upload of file report-" + random.nextInt(99) + ".pdf by " + user + " finished in " + random.nextInt(90) + "s";
        case 3 -> "retrying request " + Long.toHexString(random.nextLong()) + " attempt " + random.nextInt(5);
        case 4 -> "cache hit ratio " + random.nextInt(100) + "% for region eu-" + random.nextInt(3);
        case 5 -> "gc pause young " + random.nextInt(300) + "ms heap " + random.nextInt(4096) + "M";
        case 6 -> "disk usage on /var is " + random.nextInt(100) + " percent";
        case 7 -> "scheduler picked job job_" + random.nextInt(1_000_000) + " for queue default";
        case 8 -> "connection pool exhausted waiting threads " + random.nextInt(64);
        case 9 -> "config reloaded from /etc/app/app.conf with " + random.nextInt(40) + " keys";
        case 10 -> "order " + random.nextInt(100_000) + " shipped to " + user + " via carrier";
        default -> "heartbeat ok";
      });
    }
    return out;
  }

  static String randomWords(Random random, int words) {
    StringBuilder sb = new StringBuilder();
    for (int w = 0; w < words; w++) {
      int len = 2 + random.nextInt(8);
      for (int c = 0; c < len; c++) {
        sb.append((char) ('a' + random.nextInt(26)));
      }
      sb.append(' ');
    }
    return sb.toString();
  }
}
