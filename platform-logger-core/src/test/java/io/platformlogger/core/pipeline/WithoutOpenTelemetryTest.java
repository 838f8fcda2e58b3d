package io.platformlogger.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Core without opentelemetry-api, as most applications run it: {@link NoOpenTelemetryMain} runs in
 * a forked JVM whose class path is this one's minus every OpenTelemetry jar, with {@code
 * -verbose:class} listing each class the JVM loads. Logging works, the probe says absent, the
 * entry has no span ids, and no OpenTelemetry class, nor the class that would touch the API, was
 * ever loaded.
 */
class WithoutOpenTelemetryTest {

  @Test
  void loggingWorksWithoutTheApiAndNothingOfItIsLoaded() throws Exception {
    List<String> classPath =
        Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
            .filter(entry -> !entry.contains("opentelemetry"))
            .collect(Collectors.toList());
    assertThat(classPath).as("this JVM's class path").isNotEmpty();
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process child =
        new ProcessBuilder(
                java, "-verbose:class", "-cp", String.join(File.pathSeparator, classPath),
                NoOpenTelemetryMain.class.getName())
            .redirectErrorStream(true)
            .start();
    String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(child.exitValue()).as(out).isZero();

    assertThat(out)
        .contains("api-absent=true", "available=false", "flushed=true", "entries=1", "trace-id=null", "message=plain");
    List<String> loaded = out.lines().filter(l -> l.contains("[class,load]")).collect(Collectors.toList());
    assertThat(loaded).as("classes the child loaded").anyMatch(l -> l.contains(CurrentSpan.class.getName() + " "));
    assertThat(loaded).noneMatch(l -> l.contains("io.opentelemetry"));
    assertThat(loaded).noneMatch(l -> l.contains("CurrentSpan$Lookup"));
  }
}
