package io.platformlogger.docs;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One {@code ```java} block of a Markdown file, with the optional declarations a hidden {@code
 * <!-- java-context: ... -->} comment right above it provides (fields such as {@code String
 * orderId;} for names the prose introduced).
 */
record Snippet(Path file, int line, String code, String context, int index) {
  private static final Pattern TYPE =
      Pattern.compile("(?m)^(?:@\\w+(?:\\([^)]*\\))?\\s+)*(?:public\\s+|final\\s+|abstract\\s+)*(?:class|interface|record|enum|@interface)\\s+(\\w+)");
  private static final Pattern PUBLIC_TYPE =
      Pattern.compile("(?m)^(?:@\\w+(?:\\([^)]*\\))?\\s+)*public\\s+(?:final\\s+|abstract\\s+)*(?:class|interface|record|enum|@interface)\\s+(\\w+)");
  // A method declared at the snippet's top level (not indented, not a statement keyword).
  private static final Pattern MEMBER =
      Pattern.compile("(?m)^(?:@\\w+(?:\\([^)]*\\))?\\s+)*(?:(?:public|protected|private|static|final|abstract)\\s+)*(?!(?:try|if|for|while|switch|catch|synchronized|return|new|else|do|throw)\\b)[A-Za-z_][\\w<>\\[\\],.? ]*\\s+\\w+\\s*\\([^;]*\\)\\s*(?:throws [\\w., ]+)?\\s*\\{");
  // A field declared at the snippet's top level, as docs often show before the statements.
  private static final Pattern FIELD = Pattern.compile("^(?:(?:public|protected|private|static|final)\\s+)+[^(=]+(?:=.*)?;\\s*(?://.*)?$");

  /** The Java source file this snippet compiles as, and its simple file name. */
  String[] source(String defaultImports) {
    String name = "Snippet" + index;
    String body = code.replaceFirst("(?m)^package [\\w.]+;\\s*$", "");
    StringBuilder imports = new StringBuilder();
    StringBuilder rest = new StringBuilder();
    for (String l : body.split("\n", -1)) {
      if (l.startsWith("import ")) {
        imports.append(l).append('\n');
      } else {
        rest.append(l).append('\n');
      }
    }
    String header = "package snippets;\n" + defaultImports + imports + "\n";
    Matcher publicType = PUBLIC_TYPE.matcher(rest);
    if (TYPE.matcher(rest).find()) {
      String fileName = publicType.find() ? publicType.group(1) : name;
      return new String[] {fileName, header + rest + "\n" + context + "\n"}; // context: top-level types here
    }
    if (MEMBER.matcher(rest).find()) {
      return new String[] {name, header + "class " + name + " {\n" + context + "\n" + rest + "}\n"};
    }
    StringBuilder fields = new StringBuilder();
    StringBuilder statements = new StringBuilder();
    for (String l : rest.toString().split("\n", -1)) {
      (FIELD.matcher(l).matches() ? fields : statements).append(l).append('\n');
    }
    return new String[] {
      name,
      header + "class " + name + " {\n" + context + "\n" + fields
          + "  void snippet() throws Exception {\n" + statements + "  }\n}\n"
    };
  }

  @Override
  public String toString() {
    return file + ":" + line;
  }
}
