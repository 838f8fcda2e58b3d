package io.platformlogger.cli;

import io.platformlogger.core.Level;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import picocli.CommandLine;

/** Option converters whose messages say what to change. */
final class Converters {
  private Converters() {}

  static final class LevelConverter implements CommandLine.ITypeConverter<Level> {
    @Override
    public Level convert(String value) {
      try {
        return Level.parse(value);
      } catch (IllegalArgumentException e) {
        throw new CommandLine.TypeConversionException(e.getMessage());
      }
    }
  }

  static final class RegexConverter implements CommandLine.ITypeConverter<Pattern> {
    @Override
    public Pattern convert(String value) {
      try {
        return Pattern.compile(value);
      } catch (PatternSyntaxException e) {
        throw new CommandLine.TypeConversionException(
            "'" + value + "' is not a valid regular expression: " + e.getDescription()
                + " near index " + e.getIndex());
      }
    }
  }
}
