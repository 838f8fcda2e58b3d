package io.platformlogger.location;

import com.sun.source.util.JavacTask;
import com.sun.source.util.TaskEvent;
import com.sun.source.util.TaskListener;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.Messager;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;
import javax.tools.Diagnostic;
import javax.tools.FileObject;
import javax.tools.StandardLocation;

/**
 * Injects the source location of every logging call at compile time: put this jar on javac's
 * processor path and each {@code org.slf4j.Logger}, fluent {@code LoggingEventBuilder.log} and
 * {@code PlatformLogger} call in the compiled classes carries its file, line, class and method
 * as a constant (see docs/source-location.md).
 *
 * <p>It claims no annotation and generates no source. In {@code init} it registers a listener with
 * javac through the public {@link JavacTask} API; each time javac has written a class file, the
 * listener rewrites it ({@link ClassRewriter}). Anything it cannot handle (not javac, the runtime
 * helpers missing from the classpath, no line numbers, an unknown class-file version) produces one
 * warning and leaves the classes as javac wrote them: it never fails the build. Option
 * {@code -Aplatformlogger.location.warnings=note} reports those as notes instead, for builds with
 * {@code -Werror}; {@code -Aplatformlogger.location=off} turns the processor off, and
 * {@code -Aplatformlogger.location.exclude=<regex>} leaves classes whose binary name matches alone.
 *
 * <p>javac calls it from its compiling thread only.
 */
public final class LocationProcessor extends AbstractProcessor {
  static final String HELPER = "io.platformlogger.core.location.Slf4jCalls";
  static final String OPTION_OFF = "platformlogger.location";
  static final String OPTION_WARNINGS = "platformlogger.location.warnings";
  static final String OPTION_EXCLUDE = "platformlogger.location.exclude";

  private final AtomicBoolean warned = new AtomicBoolean();
  private Messager messager;
  private Diagnostic.Kind warningKind = Diagnostic.Kind.WARNING;
  private Pattern exclude;

  @Override
  public Set<String> getSupportedAnnotationTypes() {
    return Set.of("*");
  }

  @Override
  public Set<String> getSupportedOptions() {
    return Set.of(OPTION_OFF, OPTION_WARNINGS, OPTION_EXCLUDE);
  }

  @Override
  public SourceVersion getSupportedSourceVersion() {
    return SourceVersion.latestSupported();
  }

  @Override
  public synchronized void init(ProcessingEnvironment env) {
    super.init(env);
    messager = env.getMessager();
    if ("note".equalsIgnoreCase(env.getOptions().get(OPTION_WARNINGS))) {
      warningKind = Diagnostic.Kind.NOTE;
    }
    if ("off".equalsIgnoreCase(env.getOptions().get(OPTION_OFF))) {
      return;
    }
    String excluded = env.getOptions().get(OPTION_EXCLUDE);
    if (excluded != null) {
      try {
        exclude = Pattern.compile(excluded);
      } catch (PatternSyntaxException e) {
        // A configuration mistake is reported as an error: the user asked for something we cannot do.
        messager.printMessage(Diagnostic.Kind.ERROR, "platform-logger source locations: -A" + OPTION_EXCLUDE + "="
            + excluded + " is not a valid regular expression (" + e.getDescription() + "); give a Java regex "
            + "matched against binary class names, such as com\\.acme\\.generated\\..*");
        return;
      }
    }
    try {
      if (env.getElementUtils().getTypeElement(HELPER) == null) {
        warnOnce("the runtime helpers (" + HELPER + ") are not on the compile classpath; add "
            + "io.platformlogger:platform-logger-core as a dependency. Classes are left as compiled.");
        return;
      }
      JavacTask task = JavacTask.instance(env);
      task.addTaskListener(new Listener(env));
    } catch (RuntimeException | LinkageError e) {
      // JavacTask.instance throws IllegalArgumentException for any other compiler (Eclipse's ecj)
      // or for a wrapped ProcessingEnvironment.
      warnOnce("not running inside javac (" + env.getClass().getName() + "), so classes are left as compiled; "
          + "run io.platformlogger.location.RewriteClasses on the output directory instead.");
    }
  }

  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment roundEnv) {
    return false; // claims nothing, so other processors see every annotation
  }

  private void warnOnce(String message) {
    if (warned.compareAndSet(false, true)) {
      messager.printMessage(warningKind, "platform-logger source locations: " + message);
    }
  }

  /** Rewrites each class file right after javac has written it. */
  private final class Listener implements TaskListener {
    private final ProcessingEnvironment env;

    Listener(ProcessingEnvironment env) {
      this.env = env;
    }

    @Override
    public void started(TaskEvent e) {}

    @Override
    public void finished(TaskEvent e) {
      if (e.getKind() != TaskEvent.Kind.GENERATE || e.getTypeElement() == null) {
        return;
      }
      TypeElement type = e.getTypeElement();
      try {
        Elements elements = env.getElementUtils();
        String binary = elements.getBinaryName(type).toString();
        if (exclude != null && exclude.matcher(binary).matches()) {
          return;
        }
        String pkg = elements.getPackageOf(type).getQualifiedName().toString();
        String relative = (pkg.isEmpty() ? binary : binary.substring(pkg.length() + 1)) + ".class";
        FileObject file = env.getFiler().getResource(StandardLocation.CLASS_OUTPUT, pkg, relative);
        ClassRewriter.Result result = ClassFiles.rewrite(Path.of(file.toUri()));
        if (result.skipped != null) {
          warnOnce(binary + ": " + result.skipped + ". Classes like it are left as compiled.");
        }
      } catch (Exception | LinkageError ex) {
        // Never break the build: the class stays exactly as javac wrote it.
        warnOnce("could not rewrite " + type.getQualifiedName() + " (" + ex + "); it is left as compiled.");
      }
    }
  }
}
