package io.platformlogger.location;

import static org.assertj.core.api.Assertions.assertThat;

import io.platformlogger.core.LogEntry;
import io.platformlogger.testkit.CaptureLogs;
import io.platformlogger.testkit.CapturedLogs;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.annotation.processing.Processor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

@CaptureLogs
class LocationProcessorTest {
  private static final List<String> APP = List.of("app/Calls.java", "app/Decoys.java");

  @TempDir Path dir;

  /** Where each entry says it was logged: message → "Class.method:line". */
  static Map<String, LogEntry> byMessage(List<LogEntry> entries) {
    Map<String, LogEntry> m = new java.util.HashMap<>();
    for (LogEntry e : entries) {
      m.put(e.message().split(" ")[0], e);
    }
    return m;
  }

  static Runnable instance(Fixtures.Compiled compiled, String className) throws Exception {
    return (Runnable) compiled.loader().loadClass(className).getDeclaredConstructor().newInstance();
  }

  private void assertSite(Map<String, LogEntry> entries, Map<String, Integer> lines, String name, String cls, String method) {
    LogEntry e = entries.get(name);
    assertThat(e).as("entry %s", name).isNotNull();
    assertThat(e.sourceFile()).as("file of %s", name).isEqualTo(cls.substring(cls.lastIndexOf('.') + 1).replaceAll("\\$.*", "") + ".java");
    assertThat(e.sourceLine()).as("line of %s", name).isEqualTo(lines.get(name));
    assertThat(e.sourceClass()).as("class of %s", name).isEqualTo(cls);
    assertThat(e.sourceMethod()).as("method of %s", name).isEqualTo(method);
  }

  @Test
  void everyKindOfCallReportsTheLineClassAndMethodOfItsSource(CapturedLogs logs) throws Exception {
    Fixtures.Compiled c = Fixtures.javac(dir, APP, List.of(), List.of(new LocationProcessor()));
    assertThat(c.success).as(c.diagnostics).isTrue();
    assertThat(c.diagnostics).doesNotContain("platform-logger source locations");

    instance(c, "app.Calls").run();

    Map<String, LogEntry> e = byMessage(logs.entries());
    Map<String, Integer> lines = Fixtures.siteLines("app/Calls.java");
    for (String run : List.of("one-line", "multi-line", "receiver-before", "expression-lambda", "block-lambda",
        "lambda-in-lambda", "fluent", "fluent-multi", "marker", "throwable", "varargs", "var-local", "platform",
        "platform-error", "platform-fluent", "debug-level")) {
      assertSite(e, lines, run, "app.Calls", "run");
    }
    assertSite(e, lines, "anonymous", "app.Calls$1", "run");
    assertSite(e, lines, "local", "app.Calls$1Local", "go");
    assertSite(e, lines, "nested", "app.Calls$Nested", "go");
    assertSite(e, lines, "method-ref", "app.Calls", "referenced");
    assertThat(lines).hasSize(e.size());
  }

  @Test
  void atTheNewestReleaseLevelOfTheRunningJdkToo(CapturedLogs logs) throws Exception {
    String newest = String.valueOf(Runtime.version().feature());
    Fixtures.Compiled c = Fixtures.javac(dir, APP, List.of("--release", newest), List.of(new LocationProcessor()));
    assertThat(c.success).as(c.diagnostics).isTrue();
    assertThat(c.diagnostics).doesNotContain("platform-logger source locations");

    instance(c, "app.Calls").run();
    Map<String, LogEntry> e = byMessage(logs.entries());
    Map<String, Integer> lines = Fixtures.siteLines("app/Calls.java");
    assertSite(e, lines, "lambda-in-lambda", "app.Calls", "run");
    assertSite(e, lines, "fluent-multi", "app.Calls", "run");
    assertSite(e, lines, "anonymous", "app.Calls$1", "run");
  }

  @Test
  void callsKeepTheirArgumentsMarkersThrowablesAndData(CapturedLogs logs) throws Exception {
    Fixtures.Compiled c = Fixtures.javac(dir, APP, List.of(), List.of(new LocationProcessor()));
    instance(c, "app.Calls").run();

    Map<String, LogEntry> e = byMessage(logs.entries());
    assertThat(e.get("multi-line").message()).isEqualTo("multi-line 1 2");
    assertThat(e.get("marker").message()).isEqualTo("marker 1");
    assertThat(e.get("marker").markers()).containsExactly("AUDIT");
    assertThat(e.get("throwable").errorType()).isEqualTo("java.lang.IllegalStateException");
    assertThat(e.get("varargs").message()).isEqualTo("varargs 1 2 3");
    assertThat(e.get("varargs").errorType()).isEqualTo("java.lang.IllegalArgumentException");
    assertThat(e.get("fluent").data()).containsEntry("k", 1L);
    assertThat(e.get("platform-error").data()).containsEntry("k", 1L);
    assertThat(e.get("platform-error").errorType()).isEqualTo("java.lang.RuntimeException");
    assertThat(e.get("platform-fluent").data()).containsEntry("k", 2L);
  }

  @Test
  @SuppressWarnings("unchecked")
  void methodsThatMerelyShareALoggingNameAreLeftAlone(CapturedLogs logs) throws Exception {
    Fixtures.Compiled c = Fixtures.javac(dir, APP, List.of(), List.of(new LocationProcessor()));
    List<String> calls = invokes(c.bytes("app.Calls"));
    assertThat(calls).contains("184 app/Decoys.info(Ljava/lang/String;)V", "182 app/Decoys$Other.info(Ljava/lang/String;)V");
    assertThat(calls).noneMatch(s -> s.matches(".*org/slf4j/Logger\\.(trace|debug|info|warn|error)\\(.*"));
    assertThat(calls).noneMatch(s -> s.contains("org/slf4j/spi/LoggingEventBuilder.log("));
    assertThat(calls).noneMatch(s -> s.contains("io/platformlogger/core/PlatformLogger."));

    ClassLoader loader = c.loader();
    ((Runnable) loader.loadClass("app.Calls").getDeclaredConstructor().newInstance()).run();
    Class<?> decoys = loader.loadClass("app.Decoys");
    assertThat((List<Object>) decoys.getField("CALLS").get(null)).containsExactly("decoy-static", "decoy-instance");
    assertThat(logs.messages()).doesNotContain("decoy-static", "decoy-instance");
  }

  @Test
  void excludedClassesAreLeftAsCompiledAndABadExcludePatternIsAnErrorNamingTheOption() throws Exception {
    Fixtures.Compiled plain = Fixtures.javac(dir.resolve("plain"), APP, List.of(), List.of());
    Fixtures.Compiled c = Fixtures.javac(dir, APP, List.of("-Aplatformlogger.location.exclude=app\\.Calls(\\$.*)?"),
        List.of(new LocationProcessor()));
    assertThat(c.success).as(c.diagnostics).isTrue();
    assertThat(c.bytes("app.Calls")).isEqualTo(plain.bytes("app.Calls"));
    assertThat(c.bytes("app.Calls$Nested")).isEqualTo(plain.bytes("app.Calls$Nested"));

    Fixtures.Compiled bad = Fixtures.javac(dir.resolve("bad"), APP, List.of("-Aplatformlogger.location.exclude=app.(Calls"),
        List.of(new LocationProcessor()));
    assertThat(bad.success).isFalse();
    assertThat(bad.diagnostics).contains("-Aplatformlogger.location.exclude=app.(Calls", "not a valid regular expression");
  }

  @Test
  void aSecondPassChangesNothing() throws Exception {
    Fixtures.Compiled c = Fixtures.javac(dir, APP, List.of(), List.of(new LocationProcessor()));
    Map<String, byte[]> before = c.snapshot();

    assertThat(RewriteClasses.run(new String[] {c.classes.toString()}, System.out, System.err)).isZero();

    Map<String, byte[]> after = c.snapshot();
    assertThat(after.keySet()).isEqualTo(before.keySet());
    before.forEach((k, v) -> assertThat(after.get(k)).as(k).isEqualTo(v));
  }

  @Test
  void recompilingOneClassIntoTheSameDirectoryRewritesItOnce(CapturedLogs logs) throws Exception {
    Fixtures.javac(dir, APP, List.of(), List.of(new LocationProcessor()));
    Fixtures.Compiled again = Fixtures.javac(dir, List.of("app/Calls.java"), List.of(), List.of(new LocationProcessor()));
    assertThat(again.success).as(again.diagnostics).isTrue();

    instance(again, "app.Calls").run();
    assertThat(byMessage(logs.entries()).get("one-line").sourceLine())
        .isEqualTo(Fixtures.siteLines("app/Calls.java").get("one-line"));
  }

  @Test
  void withoutLineNumbersItWarnsOnceAndLeavesTheClassesAsCompiled(CapturedLogs logs) throws Exception {
    Path plain = dir.resolve("plain");
    Fixtures.Compiled without = Fixtures.javac(plain, APP, List.of("-g:none"), List.of());
    Fixtures.Compiled with = Fixtures.javac(dir, APP, List.of("-g:none"), List.of(new LocationProcessor()));

    assertThat(with.success).isTrue();
    assertThat(with.diagnostics).containsOnlyOnce("platform-logger source locations").contains("-g:none");
    assertThat(with.bytes("app.Calls")).isEqualTo(without.bytes("app.Calls"));
    instance(with, "app.Calls").run();
    assertThat(logs.entries()).isNotEmpty().allSatisfy(e -> assertThat(e.sourceLine()).isNull());
  }

  @Test
  void withoutTheRuntimeHelpersOnTheClasspathItWarnsAndLeavesTheClassesAsCompiled() throws Exception {
    Fixtures.Compiled c =
        Fixtures.compile(
            javax.tools.ToolProvider.getSystemJavaCompiler(), dir, List.of("logback/WithLogback.java"), List.of(),
            List.of(new LocationProcessor()), false);

    assertThat(c.success).as(c.diagnostics).isTrue();
    assertThat(c.diagnostics).containsOnlyOnce("platform-logger source locations").contains("platform-logger-core");
    assertThat(invokes(c.bytes("logbackapp.WithLogback"))).contains("185 org/slf4j/Logger.info(Ljava/lang/String;Ljava/lang/Object;)V");
  }

  @Test
  void lombokSlf4jLoggersGetLocationsWhicheverProcessorRunsFirst(CapturedLogs logs) throws Exception {
    int line = Fixtures.siteLines("lombok/WithLombok.java").get("lombok");
    List<List<Processor>> orders = List.of(
        List.of(lombokProcessor(), new LocationProcessor()), List.of(new LocationProcessor(), lombokProcessor()));
    int n = 0;
    for (List<Processor> order : orders) {
      Fixtures.Compiled c = Fixtures.javac(dir.resolve("order" + n++), List.of("lombok/WithLombok.java"), List.of(), order);
      assertThat(c.success).as(c.diagnostics).isTrue();
      instance(c, "lombokapp.WithLombok").run();
    }
    assertThat(logs.entries()).hasSize(2).allSatisfy(e -> {
      assertThat(e.sourceLine()).isEqualTo(line);
      assertThat(e.sourceClass()).isEqualTo("lombokapp.WithLombok");
      assertThat(e.sourceMethod()).isEqualTo("run");
      assertThat(e.sourceFile()).isEqualTo("WithLombok.java");
    });
  }

  private static Processor lombokProcessor() throws Exception {
    return (Processor) Class.forName("lombok.launch.AnnotationProcessorHider$AnnotationProcessor")
        .getDeclaredConstructor().newInstance();
  }

  /** "opcode owner.name desc" of every method call in a class file. */
  static List<String> invokes(byte[] classFile) {
    List<String> calls = new ArrayList<>();
    new ClassReader(classFile).accept(new ClassVisitor(Opcodes.ASM9) {
      @Override
      public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
        return new MethodVisitor(Opcodes.ASM9) {
          @Override
          public void visitMethodInsn(int opcode, String owner, String name, String descriptor, boolean isInterface) {
            calls.add(opcode + " " + owner + "." + name + descriptor);
          }
        };
      }
    }, 0);
    return calls;
  }
}
