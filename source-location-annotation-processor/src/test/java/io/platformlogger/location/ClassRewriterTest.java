package io.platformlogger.location;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClassRewriterTest {
  @TempDir Path dir;

  @Test
  void aClassFileVersionAsmDoesNotKnowIsLeftUntouchedWithAReason() {
    Fixtures.Compiled c = Fixtures.javac(dir, List.of("logback/WithLogback.java"), List.of(), List.of());
    byte[] bytes = c.bytes("logbackapp.WithLogback");
    bytes[6] = (byte) 0x7F; // major version 0x7F.. : far beyond any JDK ASM knows
    ClassRewriter.Result r = ClassRewriter.rewrite(bytes);
    assertThat(r.changed()).isFalse();
    assertThat(r.skipped).contains("unsupported class file");
  }

  @Test
  void classesForJavaBelow11AreLeftAsCompiledWithAWarningSayingWhichReleaseToUse() {
    Fixtures.Compiled plain = Fixtures.javac(dir.resolve("plain"), List.of("logback/WithLogback.java"), List.of("--release", "8"), List.of());
    Fixtures.Compiled c = Fixtures.javac(dir, List.of("logback/WithLogback.java"), List.of("--release", "8"),
        List.of(new LocationProcessor()));
    assertThat(c.success).as(c.diagnostics).isTrue();
    assertThat(c.diagnostics).containsOnlyOnce("platform-logger source locations").contains("--release 11 or newer");
    assertThat(c.bytes("logbackapp.WithLogback")).isEqualTo(plain.bytes("logbackapp.WithLogback"));
  }

  @Test
  void lambdaBodiesAreNamedAfterTheMethodThatCreatesThem() {
    assertThat(ClassRewriter.enclosingMethod("lambda$0", java.util.Map.of("lambda$0", "run"))).isEqualTo("run");
    assertThat(ClassRewriter.enclosingMethod("lambda$1", java.util.Map.of("lambda$1", "lambda$0", "lambda$0", "go")))
        .isEqualTo("go");
    assertThat(ClassRewriter.enclosingMethod("lambda$handle$3", java.util.Map.of())).isEqualTo("handle");
    assertThat(ClassRewriter.enclosingMethod("lambda$static$0", java.util.Map.of())).isEqualTo("<clinit>");
    assertThat(ClassRewriter.enclosingMethod("lambda$new$1", java.util.Map.of())).isEqualTo("<init>");
    assertThat(ClassRewriter.enclosingMethod("charge", java.util.Map.of())).isEqualTo("charge");
  }
}
