package com.campaignengine.inbound.gmail;

import com.google.api.client.http.HttpTransport;
import com.google.api.client.http.LowLevelHttpRequest;
import com.google.api.client.http.LowLevelHttpResponse;
import java.io.ByteArrayInputStream;
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
import java.util.Locale;
import java.util.Set;

/**
 * Lets the Google auth library make its token requests with our {@link HttpClient}, so that they
 * obey the configured timeout: its default transport waits 20 s per connect and per read whatever
 * we configure. Token answers are small JSON documents, so they are read whole.
 *
 * <p>Thread-safe: requests are independent and {@link HttpClient} is thread-safe.
 */
final class TokenTransport extends HttpTransport {

  // Headers the JDK client computes itself and refuses to take from callers.
  private static final Set<String> RESTRICTED =
      Set.of("connection", "content-length", "expect", "host", "upgrade");

  private final HttpClient client;
  private final Duration timeout;

  TokenTransport(HttpClient client, Duration timeout) {
    this.client = client;
    this.timeout = timeout;
  }

  @Override
  protected LowLevelHttpRequest buildRequest(String method, String url) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url)).timeout(timeout);
    return new LowLevelHttpRequest() {
      @Override
      public void addHeader(String name, String value) {
        if (!RESTRICTED.contains(name.toLowerCase(Locale.ROOT))) {
          builder.header(name, value);
        }
      }

      @Override
      public LowLevelHttpResponse execute() throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        if (getStreamingContent() != null) {
          getStreamingContent().writeTo(body);
        }
        if (getContentType() != null) {
          builder.header("Content-Type", getContentType());
        }
        try {
          HttpResponse<byte[]> response =
              client.send(
                  builder.method(method, BodyPublishers.ofByteArray(body.toByteArray())).build(),
                  BodyHandlers.ofByteArray());
          return new Response(response);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          InterruptedIOException interrupted = new InterruptedIOException("interrupted");
          interrupted.initCause(e);
          throw interrupted;
        }
      }
    };
  }

  private static final class Response extends LowLevelHttpResponse {
    private final HttpResponse<byte[]> response;

    Response(HttpResponse<byte[]> response) {
      this.response = response;
    }

    @Override
    public InputStream getContent() {
      return new ByteArrayInputStream(response.body());
    }

    // The library asks for gzip and unpacks the content itself when told so here.
    @Override
    public String getContentEncoding() {
      return response.headers().firstValue("Content-Encoding").orElse(null);
    }

    @Override
    public long getContentLength() {
      return response.body().length;
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
      return "";
    }

    // Token parsing needs only the content type and encoding, which have their own methods.
    @Override
    public int getHeaderCount() {
      return 0;
    }

    @Override
    public String getHeaderName(int index) {
      throw new IndexOutOfBoundsException(index);
    }

    @Override
    public String getHeaderValue(int index) {
      throw new IndexOutOfBoundsException(index);
    }
  }
}
