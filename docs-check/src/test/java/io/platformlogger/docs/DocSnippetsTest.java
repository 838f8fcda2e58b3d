package io.platformlogger.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every {@code ```java} block in README.md and docs/ compiles against the project's modules.
 * Snippets are statements (wrapped in a method), members (wrapped in a class) or whole types;
 * names the prose introduces come from a hidden {@code <!-- java-context: String orderId; -->}
 * comment above the block. Pseudo-code must not be fenced as java.
 */
class DocSnippetsTest {
  static final String IMPORTS =
      String.join(
          "\n",
          "import io.platformlogger.core.*;",
          "import io.platformlogger.core.config.*;",
          "import io.platformlogger.core.pipeline.*;",
          "import io.platformlogger.core.sink.*;",
          "import io.platformlogger.core.json.*;",
          "import io.platformlogger.core.error.*;",
          "import io.platformlogger.core.console.*;",
          "import io.platformlogger.testkit.*;",
          "import io.platformlogger.postgres.*;",
          "import io.platformlogger.service.*;",
          "import java.util.*;",
          "import java.util.concurrent.*;",
          "import java.time.*;",
          "import java.nio.file.*;",
          "import java.io.*;",
          "import org.slf4j.Logger;",
          "import org.slf4j.LoggerFactory;",
          "import org.slf4j.MDC;",
          "import org.slf4j.Marker;",
          "import org.slf4j.MarkerFactory;",
          "import org.junit.jupiter.api.*;",
          "")
          + "\n";

  @TempDir Path out;

  static Path root() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.exists(dir.resolve("mvnw"))) {
      dir = dir.getParent();
    }
    if (dir == null) {
      throw new IllegalStateException("project root (with mvnw) not found above " + Path.of("").toAbsolutePath());
    }
    return dir;
  }

  static List<Path> markdownFiles() throws IOException {
    Path root = root();
    List<Path> files = new ArrayList<>();
    files.add(root.resolve("README.md"));
    try (Stream<Path> docs = Files.walk(root.resolve("docs"))) {
      docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(files::add);
    }
    return files;
  }

  static List<Snippet> snippets(Path file, int firstIndex) throws IOException {
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    List<Snippet> found = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      if (!lines.get(i).strip().equals("```java")) {
        continue;
      }
      String context = "";
      int j = i - 1;
      while (j >= 0 && lines.get(j).isBlank()) {
        j--;
      }
      if (j >= 0 && lines.get(j).strip().startsWith("<!-- java-context:")) {
        String c = lines.get(j).strip();
        context = c.substring("<!-- java-context:".length(), c.length() - "-->".length()).strip();
      }
      StringBuilder code = new StringBuilder();
      int start = i + 1;
      for (i = start; i < lines.size() && !lines.get(i).strip().equals("```"); i++) {
        code.append(lines.get(i)).append('\n');
      }
      found.add(new Snippet(file, start, code.toString(), context, firstIndex + found.size()));
    }
    return found;
  }

  @Test
  void everyJavaSnippetInTheDocsCompiles() throws IOException {
    List<String> failures = new ArrayList<>();
    int count = 0;
    for (Path file : markdownFiles()) {
      List<Snippet> snippets = snippets(file, count);
      count += snippets.size();
      if (!snippets.isEmpty()) {
        failures.addAll(compile(snippets)); // one file's snippets together: later ones may use earlier types
      }
    }
    assertThat(count).as("java snippets found in README.md and docs/").isGreaterThan(10);
    assertThat(failures).as("snippets that do not compile").isEmpty();
  }

  private List<String> compile(List<Snippet> snippets) throws IOException {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    Map<String, Snippet> byUnit = new LinkedHashMap<>();
    Map<String, String> sources = new LinkedHashMap<>();
    List<JavaFileObject> units = new ArrayList<>();
    for (Snippet s : snippets) {
      String[] source = s.source(IMPORTS);
      String unitName = sources.containsKey(source[0]) ? "Snippet" + s.index() : source[0];
      byUnit.put(unitName, s);
      sources.put(unitName, source[1]);
      units.add(
          new SimpleJavaFileObject(URI.create("string:///snippets/" + unitName + ".java"), JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
              return source[1];
            }
          });
    }
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    List<String> failures = new ArrayList<>();
    try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8)) {
      Path classes = Files.createDirectories(out.resolve("s" + snippets.get(0).index()));
      List<String> options =
          List.of("-proc:none", "-Xlint:none", "-classpath", System.getProperty("java.class.path"), "-d", classes.toString());
      if (javac.getTask(new StringWriter(), files, diagnostics, options, null, units).call()) {
        return failures;
      }
    }
    for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
      if (d.getKind() != Diagnostic.Kind.ERROR || d.getSource() == null) {
        continue;
      }
      String path = d.getSource().toUri().getPath();
      String unit = path.substring(path.lastIndexOf('/') + 1, path.length() - ".java".length());
      Snippet s = byUnit.get(unit);
      String[] lines = sources.get(unit).split("\n", -1);
      String line = lines[(int) Math.max(0, Math.min(lines.length - 1, d.getLineNumber() - 1))].strip();
      failures.add(root().relativize(s.file()) + ":" + s.line() + " (snippet starting there): "
          + d.getMessage(Locale.ROOT).replace('\n', ' ') + "  [in: " + line + "]");
    }
    return failures;
  }
}
