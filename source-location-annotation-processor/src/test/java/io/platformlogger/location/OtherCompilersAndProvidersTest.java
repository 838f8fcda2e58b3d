package io.platformlogger.location;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.platformlogger.testkit.CaptureLogs;
import io.platformlogger.testkit.CapturedLogs;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.jdt.internal.compiler.tool.EclipseCompiler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@CaptureLogs
class OtherCompilersAndProvidersTest {
  @TempDir Path dir;

  @Test
  void underEclipsesCompilerItWarnsOnceAndTheStandaloneModeAddsTheLocationsAfterwards(CapturedLogs logs) throws Exception {
    Fixtures.Compiled c =
        Fixtures.compile(new EclipseCompiler(), dir, List.of("app/Calls.java", "app/Decoys.java"),
            List.of("-g"), List.of(new LocationProcessor()), true);
    assertThat(c.success).as(c.diagnostics).isTrue();
    assertThat(c.diagnostics).containsOnlyOnce("platform-logger source locations").contains("not running inside javac");
    assertThat(LocationProcessorTest.invokes(c.bytes("app.Calls")))
        .contains("185 org/slf4j/Logger.info(Ljava/lang/String;)V");

    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int status = RewriteClasses.run(new String[] {c.classes.toString()}, new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
    assertThat(status).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("rewritten");

    LocationProcessorTest.instance(c, "app.Calls").run();
    var entries = LocationProcessorTest.byMessage(logs.entries());
    var lines = Fixtures.siteLines("app/Calls.java");
    assertThat(entries.get("one-line").sourceLine()).isEqualTo(lines.get("one-line"));
    assertThat(entries.get("expression-lambda").sourceMethod()).isEqualTo("run");
    assertThat(entries.get("nested").sourceClass()).isEqualTo("app.Calls$Nested");
    assertThat(entries.get("platform").sourceFile()).isEqualTo("Calls.java");
  }

  @Test
  void theStandaloneModeRejectsAMissingDirectoryWithAMessageSayingWhatToPass() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = RewriteClasses.run(new String[] {dir.resolve("nope").toString()}, System.out, new PrintStream(err, true, StandardCharsets.UTF_8));
    assertThat(status).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("is not a directory").contains("target/classes");
  }

  @Test
  void theStandaloneMainReturnsWhenDoneAndThrowsOnFailureSoThatItCanRunInsideMavensJvm(CapturedLogs logs) throws Exception {
    Fixtures.Compiled c = Fixtures.javac(dir, List.of("app/Calls.java", "app/Decoys.java"), List.of(), List.of());

    RewriteClasses.main(new String[] {c.classes.toString()});

    LocationProcessorTest.instance(c, "app.Calls").run();
    assertThat(LocationProcessorTest.byMessage(logs.entries()).get("one-line").sourceLine())
        .isEqualTo(Fixtures.siteLines("app/Calls.java").get("one-line"));
    assertThatThrownBy(() -> RewriteClasses.main(new String[] {dir.resolve("nope").toString()}))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("RewriteClasses failed");
  }

  @Test
  void anApplicationOnLogbackStillLogsThroughLogbackAndLogbackSeesTheRealCaller() throws Exception {
    Fixtures.Compiled c = Fixtures.javac(dir, List.of("logback/WithLogback.java"), List.of(), List.of(new LocationProcessor()));
    assertThat(c.success).as(c.diagnostics).isTrue();
    assertThat(LocationProcessorTest.invokes(c.bytes("logbackapp.WithLogback")))
        .anyMatch(s -> s.contains("io/platformlogger/core/location/Slf4jCalls.info"));

    LoggerContext context = new LoggerContext();
    // The helpers sit between the application and Logback: tell Logback they are framework frames.
    context.getFrameworkPackages().add("io.platformlogger.core.location");
    Logger logger = context.getLogger("app");
    ListAppender<ILoggingEvent> appender = new ListAppender<>() {
      @Override
      protected void append(ILoggingEvent event) {
        event.getCallerData(); // caller data is computed lazily; take it while the call is on the stack
        super.append(event);
      }
    };
    appender.setContext(context);
    appender.start();
    logger.addAppender(appender);

    c.loader().loadClass("logbackapp.WithLogback").getMethod("run", org.slf4j.Logger.class).invoke(null, logger);

    assertThat(appender.list).extracting(ILoggingEvent::getFormattedMessage)
        .containsExactly("through logback 1", "fluent through logback");
    var lines = Fixtures.siteLines("logback/WithLogback.java");
    StackTraceElement caller = appender.list.get(0).getCallerData()[0];
    assertThat(caller.getClassName()).isEqualTo("logbackapp.WithLogback");
    assertThat(caller.getLineNumber()).isEqualTo(lines.get("logback"));
  }
}
