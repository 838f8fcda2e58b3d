package io.platformlogger.location;

import java.util.HashMap;
import java.util.Map;
import org.objectweb.asm.Attribute;
import org.objectweb.asm.ByteVector;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.ConstantDynamic;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Rewrites one class file: every matching logging call (see {@link CallTargets}) becomes an
 * {@code invokestatic} of its helper, preceded by an {@code ldc} of a dynamic constant holding
 * the call's site: source file (the class's SourceFile attribute), line (the line-number-table
 * entry in force at the invoke instruction), class (binary name) and method (for a lambda body,
 * the method whose {@code invokedynamic} creates the lambda, followed outwards through nested
 * lambdas; javac's {@code lambda$name$N} and ecj's {@code lambda$N} are both handled this way).
 * Each call instruction gets its own constant, named {@code site0}, {@code site1}, ... in class
 * order, so that each call has its own {@code LogSite} instance. Nothing else in the class changes: no new
 * fields or methods, stack map frames untouched (the extra operand only raises max_stack).
 *
 * <p>A rewritten class carries the {@value #MARKER} attribute and is never rewritten again. A
 * class the rewriter cannot handle is left untouched and the result says why. Stateless and
 * thread-safe.
 */
final class ClassRewriter {
  static final String MARKER = "io.platformlogger.SourceLocations";
  private static final int API = Opcodes.ASM9;
  private static final Handle BOOTSTRAP =
      new Handle(
          Opcodes.H_INVOKESTATIC,
          CallTargets.LOG_SITES,
          "site",
          "(Ljava/lang/invoke/MethodHandles$Lookup;Ljava/lang/String;Ljava/lang/Class;"
              + "Ljava/lang/String;ILjava/lang/String;Ljava/lang/String;)L"
              + CallTargets.SITE
              + ";",
          false);

  /** What happened to a class file. */
  static final class Result {
    final byte[] bytes; // the rewritten class, or null when unchanged
    final int calls;
    final String skipped; // why the class was left alone despite matching calls, or null

    private Result(byte[] bytes, int calls, String skipped) {
      this.bytes = bytes;
      this.calls = calls;
      this.skipped = skipped;
    }

    boolean changed() {
      return bytes != null;
    }
  }

  private ClassRewriter() {}

  static Result rewrite(byte[] classFile) {
    ClassReader reader;
    try {
      reader = new ClassReader(classFile);
    } catch (IllegalArgumentException e) {
      // ASM refuses class-file versions newer than it knows.
      return new Result(null, 0, "unsupported class file (" + e.getMessage() + "); a newer processor may know it");
    }
    Scan scan = new Scan();
    reader.accept(scan, ClassReader.SKIP_FRAMES);
    if (scan.marked || scan.calls == 0) {
      return new Result(null, 0, null);
    }
    if (scan.missingLines) {
      return new Result(null, 0, "no line numbers (compiled with -g:none or -g:source?); compile with -g or -g:lines,source");
    }
    if (scan.sourceFile == null) {
      return new Result(null, 0, "no SourceFile attribute (compiled with -g:none?); compile with -g or -g:lines,source");
    }
    if ((scan.version & 0xFFFF) < Opcodes.V11) {
      return new Result(null, 0, "class file version " + (scan.version & 0xFFFF) + " predates dynamic constants; compile with --release 11 or newer");
    }
    ClassWriter writer = new ClassWriter(reader, ClassWriter.COMPUTE_MAXS);
    Rewrite rewrite = new Rewrite(writer, scan.sourceFile, scan.lambdaOwners);
    reader.accept(rewrite, 0);
    return new Result(writer.toByteArray(), rewrite.calls, null);
  }

  /**
   * The source method a method's code belongs to: itself, or for a lambda body the method that
   * creates the lambda ({@code lambdaOwners}: lambda body → creating method), outermost first;
   * failing that javac's naming ({@code lambda$name$0} → {@code name}, {@code lambda$static$0} →
   * {@code <clinit>}, {@code lambda$new$0} → {@code <init>}).
   */
  static String enclosingMethod(String method, Map<String, String> lambdaOwners) {
    String m = method;
    for (int hops = 0; hops < 100 && lambdaOwners.containsKey(m); hops++) {
      m = lambdaOwners.get(m);
    }
    if (!m.startsWith("lambda$")) {
      return m;
    }
    return fromLambdaName(m);
  }

  private static String fromLambdaName(String method) {
    int end = method.indexOf('$', 7);
    String name = end > 7 ? method.substring(7, end) : method;
    switch (name) {
      case "static":
        return "<clinit>";
      case "new":
        return "<init>";
      default:
        return name;
    }
  }

  /** First pass: is there anything to do, and can it be done? */
  private static final class Scan extends ClassVisitor {
    int version;
    String sourceFile;
    boolean marked;
    boolean missingLines;
    int calls;
    final Map<String, String> lambdaOwners = new HashMap<>();
    private String owner;

    Scan() {
      super(API);
    }

    @Override
    public void visit(int version, int access, String name, String signature, String superName, String[] interfaces) {
      this.version = version;
      this.owner = name;
    }

    @Override
    public void visitSource(String source, String debug) {
      this.sourceFile = source;
    }

    @Override
    public void visitAttribute(Attribute attribute) {
      if (MARKER.equals(attribute.type)) {
        marked = true;
      }
    }

    @Override
    public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
      String method = name;
      return new MethodVisitor(API) {
        int line;

        @Override
        public void visitInvokeDynamicInsn(String name, String descriptor, Handle bootstrap, Object... args) {
          // A lambda's body is a synthetic lambda$ method of this class passed as a handle to the
          // bootstrap (a method reference to an ordinary method is not a lambda body).
          for (Object arg : args) {
            if (arg instanceof Handle) {
              Handle h = (Handle) arg;
              if (h.getOwner().equals(owner) && h.getName().startsWith("lambda$") && !h.getName().equals(method)) {
                lambdaOwners.putIfAbsent(h.getName(), method);
              }
            }
          }
        }

        @Override
        public void visitLineNumber(int line, Label start) {
          this.line = line;
        }

        @Override
        public void visitMethodInsn(int opcode, String owner, String name, String descriptor, boolean isInterface) {
          if (CallTargets.helperFor(opcode, owner, name, descriptor) != null) {
            calls++;
            if (line == 0) {
              missingLines = true;
            }
          }
        }
      };
    }
  }

  /** Second pass: the rewrite itself. */
  private static final class Rewrite extends ClassVisitor {
    private final String sourceFile;
    private final Map<String, String> lambdaOwners;
    private String className;
    int calls;

    Rewrite(ClassVisitor next, String sourceFile, Map<String, String> lambdaOwners) {
      super(API, next);
      this.sourceFile = sourceFile;
      this.lambdaOwners = lambdaOwners;
    }

    @Override
    public void visit(int version, int access, String name, String signature, String superName, String[] interfaces) {
      this.className = name.replace('/', '.');
      super.visit(version, access, name, signature, superName, interfaces);
    }

    @Override
    public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
      MethodVisitor next = super.visitMethod(access, name, descriptor, signature, exceptions);
      String method = enclosingMethod(name, lambdaOwners);
      return new MethodVisitor(API, next) {
        int line;

        @Override
        public void visitLineNumber(int line, Label start) {
          this.line = line;
          super.visitLineNumber(line, start);
        }

        @Override
        public void visitMethodInsn(int opcode, String owner, String name, String descriptor, boolean isInterface) {
          String helper = CallTargets.helperFor(opcode, owner, name, descriptor);
          if (helper == null) {
            super.visitMethodInsn(opcode, owner, name, descriptor, isInterface);
            return;
          }
          // One constant per call instruction, so one LogSite instance per call: ASM merges equal
          // constants, and two calls on one line have equal arguments; the name (which the
          // bootstrap ignores) keeps them apart.
          super.visitLdcInsn(
              new ConstantDynamic("site" + calls, CallTargets.SITE_DESC, BOOTSTRAP, sourceFile, line, className, method));
          calls++;
          super.visitMethodInsn(Opcodes.INVOKESTATIC, helper, name, CallTargets.helperDescriptor(owner, descriptor), false);
        }
      };
    }

    @Override
    public void visitEnd() {
      super.visitAttribute(new Marker());
      super.visitEnd();
    }
  }

  /** The never-twice marker: an attribute the JVM ignores (JVMS 4.7.1), holding a format version. */
  private static final class Marker extends Attribute {
    Marker() {
      super(MARKER);
    }

    @Override
    protected ByteVector write(ClassWriter classWriter, byte[] code, int codeLength, int maxStack, int maxLocals) {
      return new ByteVector().putShort(1);
    }
  }
}
