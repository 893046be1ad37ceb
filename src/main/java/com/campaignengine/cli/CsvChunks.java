package com.campaignengine.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * A people CSV file cut into chunks that each carry the header row, so each can go to {@code POST
 * /api/v1/people/import} on its own. A chunk knows which line of the file each of its rows came
 * from, so the server's per-line answers can be told in the file's terms.
 *
 * <p>The file is streamed, never held: {@link #read} reads it once to check it (UTF-8, well-formed
 * CSV, an {@code email_address} column) and count its rows, so a bad file is refused before
 * anything is sent; {@link #chunks} reads it again, one chunk at a time.
 */
final class CsvChunks {
  private static final Pattern LINE_BREAK = Pattern.compile("\r\n|\r|\n");
  private static final CSVFormat FORMAT =
      CSVFormat.DEFAULT
          .builder()
          .setHeader()
          .setSkipHeaderRecord(true)
          .setIgnoreEmptyLines(true)
          .get();

  /** One chunk: its CSV text and, for each row, its line in the chunk and in the file. */
  record Chunk(String csv, int rows, long[] chunkLines, long[] fileLines) {
    /** The file's line of the row the server reports at {@code chunkLine}; 0 if none. */
    long fileLine(long chunkLine) {
      int i = Arrays.binarySearch(chunkLines, chunkLine);
      return i >= 0 ? fileLines[i] : 0;
    }
  }

  private final Path file;
  private final long rows;

  private CsvChunks(Path file, long rows) {
    this.file = file;
    this.rows = rows;
  }

  /** Checks the whole file and counts its rows; a file that cannot be imported is refused. */
  static CsvChunks read(Path file) {
    try (Rows rows = new Rows(file)) {
      long count = 0;
      while (rows.hasNext()) {
        rows.next();
        count++;
      }
      return new CsvChunks(file, count);
    }
  }

  long rows() {
    return rows;
  }

  /** The rows in chunks of at most {@code size}, in file order, read as they are asked for. */
  Chunks chunks(int size) {
    return new Chunks(new Rows(file), size);
  }

  /** The chunks of the file, each made when asked for; close when done. */
  static final class Chunks implements Iterator<Chunk>, AutoCloseable {
    private final Rows rows;
    private final int size;

    private Chunks(Rows rows, int size) {
      this.rows = rows;
      this.size = size;
    }

    @Override
    public boolean hasNext() {
      return rows.hasNext();
    }

    @Override
    public Chunk next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      StringBuilder csv = new StringBuilder();
      long[] chunkLines = new long[size];
      long[] fileLines = new long[size];
      csv.append(CSVFormat.DEFAULT.format(rows.header().toArray())).append('\n');
      long line = 1;
      int n = 0;
      while (n < size && rows.hasNext()) {
        CSVRecord row = rows.next();
        csv.append(CSVFormat.DEFAULT.format((Object[]) row.values())).append('\n');
        long breaks = lineBreaks(row);
        line += breaks + 1;
        chunkLines[n] = line;
        fileLines[n] = rows.lastLine() - breaks;
        n++;
      }
      return new Chunk(
          csv.toString(), n, Arrays.copyOf(chunkLines, n), Arrays.copyOf(fileLines, n));
    }

    @Override
    public void close() {
      rows.close();
    }
  }

  /** Line breaks inside the row's (quoted) values: a row spans this many lines more than one. */
  private static long lineBreaks(CSVRecord row) {
    long breaks = 0;
    for (String value : row.values()) {
      breaks += LINE_BREAK.matcher(value).results().count();
    }
    return breaks;
  }

  /** The records of the file, streamed; every problem with it is a refusal naming the file. */
  private static final class Rows implements AutoCloseable {
    private final Path file;
    private final CSVParser parser;
    private final Iterator<CSVRecord> records;

    Rows(Path file) {
      this.file = file;
      BufferedReader reader;
      try {
        reader = Files.newBufferedReader(file); // UTF-8: malformed input throws as it is read
      } catch (NoSuchFileException e) {
        throw new CommandFailure(ExitCodes.REFUSED, file + ": no such file");
      } catch (IOException e) {
        throw new CommandFailure(ExitCodes.REFUSED, file + ": cannot be read: " + e.getMessage());
      }
      try {
        reader.mark(1);
        if (reader.read() != '\uFEFF') { // a byte-order mark from a spreadsheet export
          reader.reset();
        }
        this.parser = CSVParser.parse(reader, FORMAT);
      } catch (IOException | IllegalArgumentException | IllegalStateException e) {
        closeQuietly(reader);
        throw refused(e);
      }
      if (header().stream()
          .noneMatch(h -> h.strip().toLowerCase(Locale.ROOT).equals("email_address"))) {
        close();
        throw new CommandFailure(
            ExitCodes.REFUSED,
            file.getFileName() + ":1: the header row needs an email_address column");
      }
      this.records = parser.iterator();
    }

    List<String> header() {
      return parser.getHeaderNames();
    }

    boolean hasNext() {
      try {
        return records.hasNext();
      } catch (UncheckedIOException | IllegalStateException e) {
        close();
        throw refused(e);
      }
    }

    CSVRecord next() {
      return records.next();
    }

    /** The file's line where the record just read ends. */
    long lastLine() {
      return parser.getCurrentLineNumber();
    }

    /** Malformed text or CSV, found while reading: the parser wraps what the reader threw. */
    private CommandFailure refused(Exception e) {
      Throwable cause = e instanceof UncheckedIOException ? e.getCause() : e;
      if (cause instanceof CharacterCodingException) {
        return new CommandFailure(ExitCodes.REFUSED, file + ": not UTF-8 text");
      }
      return new CommandFailure(
          ExitCodes.REFUSED, file.getFileName() + ": malformed CSV: " + cause.getMessage());
    }

    @Override
    public void close() {
      closeQuietly(parser);
    }
  }

  private static void closeQuietly(AutoCloseable closeable) {
    try {
      closeable.close();
    } catch (Exception e) {
      // Reading is over; failing to release the file changes nothing the user asked for.
    }
  }
}
