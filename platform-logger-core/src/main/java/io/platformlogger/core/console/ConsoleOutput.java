package io.platformlogger.core.console;

import java.io.BufferedWriter;
import java.io.Flushable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/**
 * Where {@link ConsoleSink} writes text. Implementations are not thread-safe: the sink serializes
 * calls. None of them closes what it wraps: the stream's owner does.
 */
abstract class ConsoleOutput {

  abstract void write(String text) throws IOException;

  abstract void flush() throws IOException;

  /** The stream current at each write, so a later {@code System.setOut} is honoured. */
  static ConsoleOutput of(Supplier<PrintStream> stream) {
    return new ConsoleOutput() {
      @Override
      void write(String text) throws IOException {
        stream.get().print(text);
      }

      @Override
      void flush() throws IOException {
        flushChecked(stream.get());
      }
    };
  }

  static ConsoleOutput of(PrintStream stream) {
    return of(() -> stream);
  }

  /** UTF-8 text to a raw byte stream. */
  static ConsoleOutput of(OutputStream stream) {
    Writer writer = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8));
    return new ConsoleOutput() {
      @Override
      void write(String text) throws IOException {
        writer.write(text);
      }

      @Override
      void flush() throws IOException {
        writer.flush();
      }
    };
  }

  static ConsoleOutput of(Appendable appendable) {
    if (appendable instanceof PrintStream) {
      return of((PrintStream) appendable);
    }
    return new ConsoleOutput() {
      @Override
      void write(String text) throws IOException {
        appendable.append(text);
      }

      @Override
      void flush() throws IOException {
        if (appendable instanceof PrintWriter) {
          // PrintWriter swallows IOExceptions like PrintStream does.
          if (((PrintWriter) appendable).checkError()) {
            throw new IOException("the console writer reported an error");
          }
        } else if (appendable instanceof Flushable) {
          ((Flushable) appendable).flush();
        }
      }
    };
  }

  // PrintStream swallows IOExceptions; checkError() flushes and reports whether one happened.
  private static void flushChecked(PrintStream stream) throws IOException {
    if (stream.checkError()) {
      throw new IOException("the console stream reported an error (closed or broken pipe?)");
    }
  }
}
