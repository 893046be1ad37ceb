package com.campaignengine.bench;

import com.campaignengine.engine.EngineConfig;
import com.campaignengine.engine.EngineListener;
import com.campaignengine.node.Collaborators;
import com.campaignengine.node.Node;
import com.campaignengine.node.NodeOptions;
import com.campaignengine.node.StorageSettings;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Locale;

/**
 * Times {@code POST /api/v1/people/import} end to end: a node on a fresh durable database serves
 * the API on a local port, and an HTTP client streams it a generated CSV of N people (with
 * companies: one per ten people, every fourth known by name only, and a custom field), twice: all
 * new, then the same file again, all updated; a small import of other people first warms the server
 * up. The CSV is generated as it is sent and the answer read as it arrives, so the client adds
 * little to this JVM's memory.
 */
public final class ImportBench {
  /** People per company in the generated file. */
  static final int PEOPLE_PER_COMPANY = 10;

  /** Rows of the import that warms the server up, not counted. */
  static final int WARM_UP_ROWS = 10_000;

  private static final String HEADER =
      "email_address,first_name,last_name,title,timezone,company_name,company_domain,team\n";

  private final PrintStream out;

  public ImportBench(PrintStream out) {
    this.out = out;
  }

  /** What one import answered, and how long it took. */
  record Pass(long rows, double seconds, long imported, long updated, long skipped, long people) {
    double rowsPerS() {
      return rows / seconds;
    }
  }

  public void run(int rows, String databaseUrl, Path scratch)
      throws IOException, InterruptedException {
    Clock clock = Clock.systemUTC();
    try (BenchTransport transport = BenchTransport.inMemory();
        MemoryProbe memory = new MemoryProbe();
        Node node =
            Node.open(
                NodeOptions.withEnvironment(
                    new StorageSettings(scratch, databaseUrl, true),
                    EngineConfig.builder().nodeId("bench-import").build(),
                    true),
                new Collaborators(clock, transport, EngineListener.NONE, null))) {
      String key = node.api().workspaces().createWorkspace("bench-import");
      URI uri = URI.create("http://127.0.0.1:" + node.serveHttp(0) + "/api/v1/people/import");
      String run = Long.toString(System.nanoTime(), 36);
      HttpClient client = HttpClient.newHttpClient();
      out.printf(
          Locale.ROOT,
          "Importing %,d rows (%,d companies) through POST /api/v1/people/import%n",
          rows,
          (rows + PEOPLE_PER_COMPANY - 1) / PEOPLE_PER_COMPANY);
      // A running server has compiled its import path long before: one small import first.
      int warmUp = Math.min(rows, WARM_UP_ROWS);
      report("warm-up", pass(client, uri, key, warmUp, run + "w"));
      Pass created = pass(client, uri, key, rows, run);
      report("new people", created);
      Pass updated = pass(client, uri, key, rows, run);
      report("same again", updated);
      out.printf(
          Locale.ROOT,
          "  peak heap %d MiB, peak RSS %d MiB (this JVM: the server and the streaming client;"
              + " PostgreSQL runs as its own processes)%n",
          memory.peakHeapMib(),
          MemoryProbe.peakRssMib());
      out.printf(
          Locale.ROOT,
          "{\"import_rows\": %d, \"new_rows_per_s\": %.0f, \"updated_rows_per_s\": %.0f,"
              + " \"new_seconds\": %.2f, \"updated_seconds\": %.2f, \"peak_heap_mib\": %d,"
              + " \"peak_rss_mib\": %d}%n",
          rows,
          created.rowsPerS(),
          updated.rowsPerS(),
          created.seconds(),
          updated.seconds(),
          memory.peakHeapMib(),
          MemoryProbe.peakRssMib());
    }
  }

  private void report(String what, Pass pass) {
    out.printf(
        Locale.ROOT,
        "  %-12s %,d rows in %.2f s: %,.0f rows/s (imported %,d, updated %,d, skipped %,d)%n",
        what,
        pass.rows(),
        pass.seconds(),
        pass.rowsPerS(),
        pass.imported(),
        pass.updated(),
        pass.skipped());
    if (pass.skipped() > 0 || pass.people() != pass.rows()) {
      throw new IllegalStateException(
          "the import answered " + pass.people() + " people for " + pass.rows() + " rows");
    }
  }

  private static Pass pass(HttpClient client, URI uri, String key, int rows, String run)
      throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(uri)
            .header("Authorization", "Bearer " + key)
            .header("Content-Type", "text/csv")
            .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new GeneratedCsv(rows, run)))
            .build();
    long start = System.nanoTime();
    HttpResponse<InputStream> response =
        client.send(request, HttpResponse.BodyHandlers.ofInputStream());
    try (InputStream body = response.body()) {
      if (response.statusCode() != 200) {
        throw new IllegalStateException(
            "the import answered "
                + response.statusCode()
                + ": "
                + new String(body.readNBytes(2000), StandardCharsets.UTF_8));
      }
      return read(body, rows, start);
    }
  }

  /** Reads the answer as it arrives: the counts, and how many people it lists. */
  private static Pass read(InputStream body, long rows, long start) throws IOException {
    long imported = 0;
    long updated = 0;
    long skipped = 0;
    long people = 0;
    try (JsonParser json = new JsonFactory().createParser(body)) {
      String field = null;
      int depth = 0;
      for (JsonToken token = json.nextToken(); token != null; token = json.nextToken()) {
        switch (token) {
          case START_OBJECT, START_ARRAY -> depth++;
          case END_OBJECT, END_ARRAY -> depth--;
          case FIELD_NAME -> {
            if (depth == 1) {
              field = json.currentName();
            }
          }
          case VALUE_NUMBER_INT -> {
            if (depth == 1 && "imported".equals(field)) {
              imported = json.getLongValue();
            } else if (depth == 1 && "updated".equals(field)) {
              updated = json.getLongValue();
            }
          }
          default -> {}
        }
        if (token == JsonToken.START_OBJECT && depth == 3) {
          if ("people".equals(field)) {
            people++;
          } else if ("skipped".equals(field)) {
            skipped++;
          }
        }
      }
    }
    return new Pass(rows, (System.nanoTime() - start) / 1e9, imported, updated, skipped, people);
  }

  /** The CSV, made row by row as the client sends it. */
  private static final class GeneratedCsv extends InputStream {
    private final int rows;
    private final String run;
    private byte[] chunk = HEADER.getBytes(StandardCharsets.UTF_8);
    private int position;
    private int next;

    GeneratedCsv(int rows, String run) {
      this.rows = rows;
      this.run = run;
    }

    @Override
    public int read() {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) {
      if (position == chunk.length && !refill()) {
        return -1;
      }
      int n = Math.min(length, chunk.length - position);
      System.arraycopy(chunk, position, buffer, offset, n);
      position += n;
      return n;
    }

    /** The next thousand rows. */
    private boolean refill() {
      if (next >= rows) {
        return false;
      }
      StringBuilder text = new StringBuilder(128 * 1000);
      for (int end = Math.min(rows, next + 1000); next < end; next++) {
        int company = next / PEOPLE_PER_COMPANY;
        boolean byName = company % 4 == 3;
        text.append("p")
            .append(next)
            .append('.')
            .append(run)
            .append("@bench.example,First")
            .append(next)
            .append(",Last")
            .append(next)
            .append(",Engineer,Europe/Berlin,Company ")
            .append(company)
            .append(' ')
            .append(run)
            .append(',');
        if (!byName) {
          text.append("c").append(company).append('.').append(run).append(".example");
        }
        text.append(",team").append(next % 7).append('\n');
      }
      chunk = text.toString().getBytes(StandardCharsets.UTF_8);
      position = 0;
      return true;
    }
  }
}
