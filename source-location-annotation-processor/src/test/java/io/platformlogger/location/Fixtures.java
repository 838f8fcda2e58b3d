package io.platformlogger.location;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.annotation.processing.Processor;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/** Compiles fixture sources from src/test/resources/fixtures in-process, into a directory. */
final class Fixtures {
  private static final Pattern SITE = Pattern.compile("// site:([\\w-]+)");

  private Fixtures() {}

  /** The result of one compilation. */
  static final class Compiled {
    final Path classes;
    final boolean success;
    final String diagnostics;

    Compiled(Path classes, boolean success, String diagnostics) {
      this.classes = classes;
      this.success = success;
      this.diagnostics = diagnostics;
    }

    ClassLoader loader() {
      try {
        return new URLClassLoader(new URL[] {classes.toUri().toURL()}, Fixtures.class.getClassLoader());
      } catch (MalformedURLException e) {
        throw new IllegalStateException(e);
      }
    }

    Path classFile(String binaryName) {
      return classes.resolve(binaryName.replace('.', '/') + ".class");
    }

    byte[] bytes(String binaryName) {
      try {
        return Files.readAllBytes(classFile(binaryName));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    /** Every class file's bytes, by path, to compare before and after. */
    Map<String, byte[]> snapshot() {
      try (Stream<Path> walk = Files.walk(classes)) {
        Map<String, byte[]> all = new HashMap<>();
        for (Path p : walk.filter(Files::isRegularFile).collect(Collectors.toList())) {
          all.put(classes.relativize(p).toString(), Files.readAllBytes(p));
        }
        return all;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /** The source of a fixture, such as {@code app/Calls.java}. */
  static String source(String fixture) {
    try (InputStream in = Fixtures.class.getResourceAsStream("/fixtures/" + fixture)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture " + fixture);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** NAME → 1-based line of each {@code // site:NAME} comment in the fixture. */
  static Map<String, Integer> siteLines(String fixture) {
    Map<String, Integer> lines = new HashMap<>();
    String[] all = source(fixture).split("\n", -1);
    for (int i = 0; i < all.length; i++) {
      Matcher m = SITE.matcher(all[i]);
      if (m.find()) {
        lines.put(m.group(1), i + 1);
      }
    }
    return lines;
  }

  /** The jar or directory a class was loaded from. */
  static String pathOf(Class<?> type) {
    try {
      return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The compile classpath fixtures need: slf4j-api, core, Lombok. */
  static List<String> classpath(boolean withCore) {
    List<String> cp = new ArrayList<>();
    cp.add(pathOf(org.slf4j.Logger.class));
    if (withCore) {
      cp.add(pathOf(io.platformlogger.core.LogSite.class));
    }
    cp.add(pathOf(lombok.extern.slf4j.Slf4j.class));
    return cp;
  }

  static Compiled javac(Path out, List<String> fixtures, List<String> options, List<Processor> processors) {
    return compile(ToolProvider.getSystemJavaCompiler(), out, fixtures, options, processors, true);
  }

  static Compiled compile(
      JavaCompiler compiler, Path out, List<String> fixtures, List<String> options, List<Processor> processors, boolean withCore) {
    try {
      Path src = Files.createDirectories(out.resolve("src"));
      Path classes = Files.createDirectories(out.resolve("classes"));
      List<Path> files = new ArrayList<>();
      for (String f : fixtures) {
        Path p = src.resolve(f);
        Files.createDirectories(p.getParent());
        Files.writeString(p, source(f));
        files.add(p);
      }
      List<String> args = new ArrayList<>(List.of("-d", classes.toString()));
      if (!options.contains("--release")) {
        args.addAll(List.of("--release", "17"));
      }
      // The output directory too, as in an incremental build that recompiles a subset.
      List<String> cp = new ArrayList<>(classpath(withCore));
      cp.add(classes.toString());
      args.addAll(List.of("-classpath", String.join(java.io.File.pathSeparator, cp)));
      args.addAll(options);
      StringWriter diagnostics = new StringWriter();
      try (StandardJavaFileManager fm = compiler.getStandardFileManager(null, null, StandardCharsets.UTF_8)) {
        Iterable<? extends JavaFileObject> units = fm.getJavaFileObjectsFromPaths(files);
        JavaCompiler.CompilationTask task = compiler.getTask(diagnostics, fm, null, args, null, units);
        task.setProcessors(processors);
        boolean ok = task.call();
        return new Compiled(classes, ok, diagnostics.toString());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
