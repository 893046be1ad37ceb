package com.campaignengine.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.MalformedInputException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * A people CSV file cut into chunks that each carry the header row, so each can go to {@code POST
 * /api/v1/people/import} on its own. A chunk knows which line of the file each of its rows came
 * from, so the server's per-line answers can be told in the file's terms.
 */
final class CsvChunks {
  private static final Pattern LINE_BREAK = Pattern.compile("\r\n|\r|\n");

  /** One chunk: its CSV text and, for each row, its line in the chunk and in the file. */
  record Chunk(String csv, int rows, long[] chunkLines, long[] fileLines) {
    /** The file's line of the row the server reports at {@code chunkLine}; 0 if none. */
    long fileLine(long chunkLine) {
      int i = Arrays.binarySearch(chunkLines, chunkLine);
      return i >= 0 ? fileLines[i] : 0;
    }
  }

  private final List<String> header;
  private final List<CSVRecord> records;
  private final int[] lineStarts;

  private CsvChunks(List<String> header, List<CSVRecord> records, int[] lineStarts) {
    this.header = header;
    this.records = records;
    this.lineStarts = lineStarts;
  }

  static CsvChunks read(Path file) {
    String text;
    try {
      text = Files.readString(file);
    } catch (NoSuchFileException e) {
      throw new CommandFailure(ExitCodes.REFUSED, file + ": no such file");
    } catch (MalformedInputException e) {
      throw new CommandFailure(ExitCodes.REFUSED, file + ": not UTF-8 text");
    } catch (IOException e) {
      throw new CommandFailure(ExitCodes.REFUSED, file + ": cannot be read: " + e.getMessage());
    }
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1); // a byte-order mark from a spreadsheet export
    }
    CSVFormat format =
        CSVFormat.DEFAULT
            .builder()
            .setHeader()
            .setSkipHeaderRecord(true)
            .setIgnoreEmptyLines(true)
            .get();
    try (CSVParser parser = CSVParser.parse(text, format)) {
      List<String> header = parser.getHeaderNames();
      if (header.stream()
          .noneMatch(h -> h.strip().toLowerCase(Locale.ROOT).equals("email_address"))) {
        throw new CommandFailure(
            ExitCodes.REFUSED,
            file.getFileName() + ":1: the header row needs an email_address column");
      }
      return new CsvChunks(header, parser.getRecords(), lineStarts(text));
    } catch (IllegalArgumentException | IllegalStateException | UncheckedIOException e) {
      throw new CommandFailure(
          ExitCodes.REFUSED, file.getFileName() + ": malformed CSV: " + e.getMessage());
    } catch (IOException e) {
      throw new CommandFailure(ExitCodes.REFUSED, file.getFileName() + ": malformed CSV: " + e);
    }
  }

  int rows() {
    return records.size();
  }

  /** The rows in chunks of at most {@code size}, in file order. */
  List<Chunk> chunks(int size) {
    List<Chunk> chunks = new ArrayList<>();
    for (int from = 0; from < records.size(); from += size) {
      chunks.add(chunk(records.subList(from, Math.min(records.size(), from + size))));
    }
    return chunks;
  }

  private Chunk chunk(List<CSVRecord> rows) {
    StringBuilder csv = new StringBuilder();
    long[] chunkLines = new long[rows.size()];
    long[] fileLines = new long[rows.size()];
    csv.append(CSVFormat.DEFAULT.format(header.toArray())).append('\n');
    long line = 1;
    for (int i = 0; i < rows.size(); i++) {
      CSVRecord row = rows.get(i);
      csv.append(CSVFormat.DEFAULT.format((Object[]) row.values())).append('\n');
      for (String value : row.values()) {
        line += LINE_BREAK.matcher(value).results().count();
      }
      line += 1;
      chunkLines[i] = line;
      fileLines[i] = lineOf(row.getCharacterPosition());
    }
    return new Chunk(csv.toString(), rows.size(), chunkLines, fileLines);
  }

  /** The 1-based line of a character position in the file. */
  private long lineOf(long position) {
    int i = Arrays.binarySearch(lineStarts, (int) position);
    return i >= 0 ? i + 1 : -i - 1;
  }

  private static int[] lineStarts(String text) {
    List<Integer> starts = new ArrayList<>();
    starts.add(0);
    var m = LINE_BREAK.matcher(text);
    while (m.find()) {
      starts.add(m.end());
    }
    return starts.stream().mapToInt(Integer::intValue).toArray();
  }
}
