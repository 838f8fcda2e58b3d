package io.platformlogger.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The API boundary holds on a real module path (docs/api-boundary.md): an application module that
 * requires core compiles against the API, cannot compile against core.internal, cannot reach the
 * internals, the spool or the pipeline's capture by reflection either, and still gets our SLF4J
 * provider from ServiceLoader. The other tests run on the class path (see the pom).
 */
class ModuleBoundaryTest {
  private static Path core;
  private static String modulePath;

  @TempDir static Path dir;

  @BeforeAll
  static void locateTheModules() throws URISyntaxException {
    core = location(LogEntry.class);
    modulePath =
        String.join(
            java.io.File.pathSeparator,
            core.toString(),
            location(org.slf4j.Logger.class).toString(),
            location(com.fasterxml.jackson.core.JsonFactory.class).toString());
  }

  @Test
  void onlyTheApiAndSpiPackagesAreExported() {
    ModuleDescriptor d = descriptor();
    assertThat(d.exports()).allMatch(e -> !e.isQualified());
    assertThat(d.exports().stream().map(ModuleDescriptor.Exports::source))
        .containsExactlyInAnyOrder(
            "io.platformlogger.core", "io.platformlogger.core.config", "io.platformlogger.core.console",
            "io.platformlogger.core.error", "io.platformlogger.core.json", "io.platformlogger.core.location",
            "io.platformlogger.core.patterns", "io.platformlogger.core.pipeline", "io.platformlogger.core.redact",
            "io.platformlogger.core.sink", "io.platformlogger.core.slf4j");
    assertThat(d.packages())
        .contains("io.platformlogger.core.internal", "io.platformlogger.core.spool", "io.platformlogger.core.backend");
    assertThat(d.provides()).anyMatch(p -> p.service().equals("org.slf4j.spi.SLF4JServiceProvider"));
  }

  @Test
  void noExportedSignatureShowsAJacksonTypeAndLogEventIsNotPublic() throws Exception {
    List<String> leaks = new ArrayList<>();
    for (ModuleDescriptor.Exports e : descriptor().exports()) {
      Path pkg = core.resolve(e.source().replace('.', '/'));
      try (Stream<Path> files = Files.list(pkg)) {
        for (Path f : files.filter(p -> p.toString().endsWith(".class")).collect(Collectors.toList())) {
          String name = e.source() + "." + f.getFileName().toString().replace(".class", "");
          Class<?> c = Class.forName(name, false, getClass().getClassLoader());
          if (!Modifier.isPublic(c.getModifiers())) {
            continue;
          }
          for (Executable x : executables(c)) {
            for (Class<?> t : x.getParameterTypes()) {
              check(leaks, c, x.getName(), t);
            }
            if (x instanceof Method) {
              check(leaks, c, x.getName(), ((Method) x).getReturnType());
            }
          }
          for (Field fl : c.getFields()) {
            check(leaks, c, fl.getName(), fl.getType());
          }
        }
      }
    }
    assertThat(leaks).isEmpty();
    assertThat(Modifier.isPublic(Class.forName("io.platformlogger.core.pipeline.LogEvent").getModifiers())).isFalse();
  }

  @Test
  void anApplicationModuleCannotCompileAgainstCoreInternal() throws IOException {
    Path src = dir.resolve("bad");
    write(src.resolve("module-info.java"), "module bad { requires io.platformlogger.core; }");
    write(
        src.resolve("bad/Main.java"),
        "package bad;\n"
            + "public class Main { public static void main(String[] a) {\n"
            + "  io.platformlogger.core.internal.EntryInternals.markClean(null); } }");
    StringWriter out = new StringWriter();
    int status = compile(src, dir.resolve("bad-out"), out);
    assertThat(status).isNotZero();
    assertThat(out.toString()).contains("io.platformlogger.core.internal").contains("does not export");
  }

  @Test
  void anApplicationModuleUsesTheApiGetsTheSlf4jProviderAndCannotReachTheInsides() throws Exception {
    Path src = dir.resolve("app");
    write(src.resolve("module-info.java"), "module app { requires io.platformlogger.core; }");
    write(src.resolve("app/Main.java"), APP);
    Path classes = dir.resolve("app-out");
    StringWriter diagnostics = new StringWriter();
    assertThat(compile(src, classes, diagnostics)).as(diagnostics.toString()).isZero();

    Path launcher = Path.of(System.getProperty("java.home"), "bin", "java");
    Process p =
        new ProcessBuilder(
                launcher.toString(),
                "--module-path", modulePath + java.io.File.pathSeparator + classes,
                "-Dplatformlogger.console.enabled=false",
                "-m", "app/app.Main")
            .redirectErrorStream(true)
            .start();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.exitValue()).as(output).isZero();
    assertThat(output)
        .contains("factory io.platformlogger.core.slf4j.PlatformSlf4jLoggerFactory")
        .contains("json {\"id\":\"0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b\"")
        .contains("EntryInternals.keepJson: IllegalAccessException")
        .contains("EntryInternals.markClean: IllegalAccessException")
        .contains("Spool.open: IllegalAccessException")
        .contains("LogEvent: IllegalAccessException")
        .contains("LogBackend.capture: IllegalAccessException");
  }

  private static final String APP =
      "package app;\n"
          + "import io.platformlogger.core.*;\n"
          + "import io.platformlogger.core.json.LogEntryJson;\n"
          + "import io.platformlogger.core.pipeline.LogPipeline;\n"
          + "import java.lang.reflect.*;\n"
          + "public class Main {\n"
          + "  public static void main(String[] a) throws Exception {\n"
          + "    System.out.println(\"factory \" + org.slf4j.LoggerFactory.getILoggerFactory().getClass().getName());\n"
          + "    LogEntry e = LogEntry.builder().id(\"0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b\").level(Level.INFO).message(\"hi\").build();\n"
          + "    System.out.println(\"json \" + LogEntryJson.encode(e));\n"
          + "    Class<?> internals = Class.forName(\"io.platformlogger.core.internal.EntryInternals\");\n"
          + "    attempt(\"EntryInternals.keepJson\", () -> internals.getMethod(\"keepJson\", LogEntry.class, byte[].class).invoke(null, e, new byte[0]));\n"
          + "    attempt(\"EntryInternals.markClean\", () -> internals.getMethod(\"markClean\", LogEntry.class).invoke(null, e));\n"
          + "    Class<?> spool = Class.forName(\"io.platformlogger.core.spool.Spool\");\n"
          + "    attempt(\"Spool.open\", () -> spool.getMethod(\"open\", java.nio.file.Path.class, long.class, long.class).invoke(null, java.nio.file.Path.of(\"x\"), 1L, 1L));\n"
          + "    Class<?> event = Class.forName(\"io.platformlogger.core.pipeline.LogEvent\");\n"
          + "    attempt(\"LogEvent\", () -> event.getDeclaredConstructor(Level.class, String.class, java.time.Instant.class).newInstance(Level.INFO, \"x\", java.time.Instant.now()));\n"
          + "    try (LogPipeline p = LogPipeline.builder().configuredSinks(false).build()) {\n"
          + "      Class<?> backend = Class.forName(\"io.platformlogger.core.backend.LogBackend\");\n"
          + "      attempt(\"LogBackend.capture\", () -> backend.getMethod(\"capture\", Level.class, String.class).invoke(p, Level.INFO, \"x\"));\n"
          + "    }\n"
          + "  }\n"
          + "  interface Attempt { Object run() throws Exception; }\n"
          + "  static void attempt(String what, Attempt a) {\n"
          + "    try { a.run(); System.out.println(what + \": reached\"); }\n"
          + "    catch (Exception x) { System.out.println(what + \": \" + x.getClass().getSimpleName()); }\n"
          + "  }\n"
          + "}\n";

  private static int compile(Path src, Path out, StringWriter diagnostics) throws IOException {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    // An empty class path: javac's default is this JVM's, which holds core's classes unnamed.
    Path nothing = Files.createDirectories(dir.resolve("empty"));
    List<String> args =
        new ArrayList<>(List.of("--module-path", modulePath, "--class-path", nothing.toString(), "-d", out.toString()));
    try (Stream<Path> files = Files.walk(src)) {
      files.filter(f -> f.toString().endsWith(".java")).forEach(f -> args.add(f.toString()));
    }
    return javac.run(null, diagnostics(diagnostics), diagnostics(diagnostics), args.toArray(new String[0]));
  }

  private static java.io.OutputStream diagnostics(StringWriter w) {
    return new java.io.OutputStream() {
      @Override
      public void write(int b) {
        w.write(b);
      }
    };
  }

  private static void check(List<String> leaks, Class<?> c, String member, Class<?> type) {
    Class<?> t = type.isArray() ? type.getComponentType() : type;
    if (t.getName().startsWith("com.fasterxml.")) {
      leaks.add(c.getName() + "." + member + " shows " + t.getName());
    }
  }

  private static List<Executable> executables(Class<?> c) {
    List<Executable> out = new ArrayList<>();
    for (Method m : c.getDeclaredMethods()) {
      if (Modifier.isPublic(m.getModifiers()) || Modifier.isProtected(m.getModifiers())) {
        out.add(m);
      }
    }
    for (Constructor<?> k : c.getDeclaredConstructors()) {
      if (Modifier.isPublic(k.getModifiers()) || Modifier.isProtected(k.getModifiers())) {
        out.add(k);
      }
    }
    return out;
  }

  private static ModuleDescriptor descriptor() {
    return ModuleFinder.of(core).find("io.platformlogger.core").orElseThrow().descriptor();
  }

  private static Path location(Class<?> c) throws URISyntaxException {
    return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI());
  }

  private static void write(Path file, String text) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
  }
}
