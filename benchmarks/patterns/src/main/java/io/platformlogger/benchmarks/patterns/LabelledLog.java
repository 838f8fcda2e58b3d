package io.platformlogger.benchmarks.patterns;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * One system's labelled log lines: the message ({@code Content}) and its true template id ({@code
 * EventId}), read from a Loghub {@code <System>_2k.log_structured.csv} with a real CSV parser
 * (quoted fields hold commas and quotes).
 */
record LabelledLog(String system, List<String> messages, List<String> eventIds) {

  /** Every {@code <System>/<System>*.log_structured.csv} under {@code dir}, by system name. */
  static List<LabelledLog> readAll(Path dir) throws IOException {
    List<LabelledLog> out = new ArrayList<>();
    try (Stream<Path> systems = Files.list(dir)) {
      for (Path system : systems.filter(Files::isDirectory).sorted().toList()) {
        try (Stream<Path> files = Files.list(system)) {
          for (Path csv : files.filter(f -> f.getFileName().toString().endsWith("log_structured.csv")).sorted().toList()) {
            out.add(read(system.getFileName().toString(), csv));
          }
        }
      }
    }
    return out;
  }

  static LabelledLog read(String system, Path csv) throws IOException {
    List<String> messages = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    CsvMapper mapper = new CsvMapper();
    try (Reader reader = Files.newBufferedReader(csv, StandardCharsets.UTF_8);
        MappingIterator<Map<String, String>> rows =
            mapper.readerForMapOf(String.class).with(CsvSchema.emptySchema().withHeader()).readValues(reader)) {
      while (rows.hasNext()) {
        Map<String, String> row = rows.next();
        String content = row.get("Content");
        String id = row.get("EventId");
        if (content == null || id == null) {
          throw new IOException(csv + ": a row without Content or EventId: " + row);
        }
        messages.add(content);
        ids.add(id);
      }
    }
    return new LabelledLog(system, List.copyOf(messages), List.copyOf(ids));
  }
}
