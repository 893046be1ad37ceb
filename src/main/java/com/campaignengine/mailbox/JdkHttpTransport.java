package com.campaignengine.mailbox;

import com.google.api.client.http.HttpTransport;
import com.google.api.client.http.LowLevelHttpRequest;
import com.google.api.client.http.LowLevelHttpResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Lets the Google auth library make its token requests with our {@link HttpClient}, so they obey
 * the configured timeout (the library's default transport waits 20 s per connect and per read,
 * whatever we configure) and share one connection pool with the Gmail API calls.
 *
 * <p>Thread-safe: every request is independent and {@link HttpClient} is thread-safe.
 */
public final class JdkHttpTransport extends HttpTransport {

  // Headers the JDK client computes itself and refuses to take from callers.
  private static final Set<String> RESTRICTED =
      Set.of("connection", "content-length", "expect", "host", "upgrade");

  private final HttpClient client;
  private final Duration timeout;

  public JdkHttpTransport(HttpClient client, Duration timeout) {
    this.client = client;
    this.timeout = timeout;
  }

  @Override
  protected LowLevelHttpRequest buildRequest(String method, String url) {
    return new Request(method, URI.create(url));
  }

  private final class Request extends LowLevelHttpRequest {
    private final String method;
    private final HttpRequest.Builder builder;

    Request(String method, URI uri) {
      this.method = method;
      this.builder = HttpRequest.newBuilder(uri).timeout(timeout);
    }

    @Override
    public void addHeader(String name, String value) {
      if (!RESTRICTED.contains(name.toLowerCase(Locale.ROOT))) {
        builder.header(name, value);
      }
    }

    @Override
    public LowLevelHttpResponse execute() throws IOException {
      HttpRequest.BodyPublisher body = BodyPublishers.noBody();
      if (getStreamingContent() != null) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        getStreamingContent().writeTo(out);
        body = BodyPublishers.ofByteArray(out.toByteArray());
      }
      if (getContentType() != null) {
        builder.header("Content-Type", getContentType());
      }
      if (getContentEncoding() != null) {
        builder.header("Content-Encoding", getContentEncoding());
      }
      try {
        return new Response(
            client.send(builder.method(method, body).build(), BodyHandlers.ofInputStream()));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        InterruptedIOException interrupted = new InterruptedIOException("interrupted");
        interrupted.initCause(e);
        throw interrupted;
      }
    }
  }

  private static final class Response extends LowLevelHttpResponse {
    private final HttpResponse<InputStream> response;
    private final List<String[]> headers = new ArrayList<>();

    Response(HttpResponse<InputStream> response) {
      this.response = response;
      for (Map.Entry<String, List<String>> header : response.headers().map().entrySet()) {
        for (String value : header.getValue()) {
          headers.add(new String[] {header.getKey(), value});
        }
      }
    }

    @Override
    public InputStream getContent() {
      return response.body();
    }

    @Override
    public String getContentEncoding() {
      return response.headers().firstValue("Content-Encoding").orElse(null);
    }

    @Override
    public long getContentLength() {
      return response.headers().firstValueAsLong("Content-Length").orElse(-1);
    }

    @Override
    public String getContentType() {
      return response.headers().firstValue("Content-Type").orElse(null);
    }

    @Override
    public String getStatusLine() {
      return "HTTP " + response.statusCode();
    }

    @Override
    public int getStatusCode() {
      return response.statusCode();
    }

    @Override
    public String getReasonPhrase() {
      // The JDK client does not expose it; the status code carries the meaning.
      return "";
    }

    @Override
    public int getHeaderCount() {
      return headers.size();
    }

    @Override
    public String getHeaderName(int index) {
      return headers.get(index)[0];
    }

    @Override
    public String getHeaderValue(int index) {
      return headers.get(index)[1];
    }

    @Override
    public void disconnect() throws IOException {
      response.body().close();
    }
  }
}
