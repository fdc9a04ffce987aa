/*
 * Copyright 2026 the original author or authors.
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *      https://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */

package io.isstreamer.streamer.transport;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.ProxySelector;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;

import io.isstreamer.streamer.support.Durations;
import org.jspecify.annotations.Nullable;

/**
 * Sends requests to the Initial State API with the JDK's {@link HttpClient}: connections
 * are reused, a connect timeout applies, and each request carries its own read timeout
 * (the sender lets it grow after timeouts, which a client-wide setting could not do). A
 * proxy and a TLS context can be set. The client is private to the streamer, so its own
 * requests are never instrumented and exported as application metrics. Failures to reach
 * the service say which host and what went wrong: an unknown host, a refused connection,
 * a TLS handshake, or a timeout.
 */
public final class HttpTransport implements Transport {

	/**
	 * The {@code User-Agent} of every request.
	 */
	public static final String USER_AGENT = "isstreamer-java/" + version();

	private static final List<String> HEADERS_READ = List.of("Retry-After", "X-RateLimit-Limit",
			"X-RateLimit-Remaining", "X-RateLimit-Reset", "Content-Type");

	private static final int MAX_BODY_CHARS = 4096;

	private static final AtomicInteger INSTANCES = new AtomicInteger();

	private final Settings settings;

	private final ExecutorService executor;

	private final HttpClient httpClient;

	/**
	 * Create a transport.
	 * @param settings where and how to connect
	 */
	public HttpTransport(Settings settings) {
		this.settings = settings;
		this.executor = Executors
			.newCachedThreadPool(daemonThreads("initialstate-http-" + INSTANCES.incrementAndGet()));
		HttpClient.Builder builder = HttpClient.newBuilder()
			.connectTimeout(settings.connectTimeout())
			.followRedirects(HttpClient.Redirect.NEVER)
			.executor(this.executor);
		if (settings.proxy() != null) {
			builder.proxy(settings.proxy());
		}
		if (settings.sslContext() != null) {
			builder.sslContext(settings.sslContext());
		}
		this.httpClient = builder.build();
	}

	@Override
	public TransportResponse send(TransportRequest request) throws IOException {
		URI uri = this.settings.resolve(request.kind());
		Duration readTimeout = (request.readTimeout() != null) ? request.readTimeout() : this.settings.readTimeout();
		HttpRequest.Builder builder = HttpRequest.newBuilder(uri)
			.timeout(readTimeout)
			.header("X-IS-AccessKey", this.settings.accessKey())
			.header("Accept-Version", this.settings.apiVersion())
			.header("User-Agent", USER_AGENT)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofByteArray(request.body()));
		if (request.kind() == TransportRequest.Kind.SEND_EVENTS) {
			builder.header("X-IS-BucketKey", request.bucketKey());
		}
		try {
			HttpResponse<InputStream> response = this.httpClient.send(builder.build(),
					HttpResponse.BodyHandlers.ofInputStream());
			Map<String, String> headers = new HashMap<>();
			for (String name : HEADERS_READ) {
				response.headers().firstValue(name).ifPresent((value) -> headers.put(name, value));
			}
			return new TransportResponse(response.statusCode(), headers, readBody(response.body()));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new InterruptedIOException("interrupted while waiting for " + hostOf(uri));
		}
		catch (IOException ex) {
			throw explain(ex, uri, readTimeout);
		}
	}

	/**
	 * Say which host a failure concerns and what kind it is, keeping the failure's type
	 * where it tells the sender something (a timeout).
	 */
	private IOException explain(IOException ex, URI uri, Duration readTimeout) {
		String host = hostOf(uri);
		if (ex instanceof HttpConnectTimeoutException) {
			return new HttpConnectTimeoutException("could not connect to " + host + " within "
					+ Durations.format(this.settings.connectTimeout()) + " (connect timeout)");
		}
		if (ex instanceof HttpTimeoutException) {
			return new HttpTimeoutException(
					"no answer from " + host + " within " + Durations.format(readTimeout) + " (read timeout)");
		}
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof UnknownHostException || cause instanceof UnresolvedAddressException) {
				return new UnknownHostException("unknown host " + uri.getHost() + " (check initialstate.api-base)");
			}
			if (cause instanceof SSLException) {
				return new SSLException("TLS handshake with " + host + " failed: " + cause.getMessage()
						+ " (check the trust store, initialstate.http.ssl.bundle)", ex);
			}
		}
		if (ex instanceof ConnectException) {
			return new ConnectException("connection refused by " + host + " (is the service reachable from here?)");
		}
		return new IOException("request to " + host + " failed: " + ex, ex);
	}

	private static String hostOf(URI uri) {
		int port = (uri.getPort() != -1) ? uri.getPort() : ("https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80);
		return uri.getHost() + ":" + port;
	}

	/**
	 * Shut the HTTP client's threads down.
	 */
	@Override
	public void close() {
		this.executor.shutdownNow();
		if (this.httpClient instanceof AutoCloseable closeable) {
			// Java 21 and later: stop the client's selector thread now rather than at GC
			try {
				closeable.close();
			}
			catch (Exception ex) {
				// nothing more to release
			}
		}
	}

	@Override
	public String toString() {
		return "HttpTransport[" + this.settings.apiBase() + "]";
	}

	private static String readBody(InputStream body) throws IOException {
		try (body) {
			byte[] bytes = body.readNBytes(MAX_BODY_CHARS);
			// read the rest too, so the connection can be used again
			body.transferTo(OutputStream.nullOutputStream());
			return new String(bytes, StandardCharsets.UTF_8);
		}
	}

	private static ThreadFactory daemonThreads(String prefix) {
		AtomicInteger count = new AtomicInteger();
		return (runnable) -> {
			Thread thread = new Thread(runnable, prefix + "-" + count.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		};
	}

	private static String version() {
		try (InputStream in = HttpTransport.class.getResourceAsStream("/io/isstreamer/streamer/version.properties")) {
			if (in != null) {
				Properties properties = new Properties();
				properties.load(in);
				String version = properties.getProperty("version");
				if (version != null && !version.startsWith("$") && !version.startsWith("@")) {
					return version;
				}
			}
		}
		catch (IOException ex) {
			// fall through
		}
		return "dev";
	}

	/**
	 * Where and how the transport connects.
	 *
	 * @param apiBase the API base URL
	 * @param accessKey the access key, sent in the {@code X-IS-AccessKey} header only
	 * @param apiVersion the {@code Accept-Version} header
	 * @param connectTimeout time allowed to open a connection
	 * @param readTimeout time allowed for an answer, unless a request says otherwise
	 * @param proxy the proxy, or {@code null} for a direct connection
	 * @param sslContext the TLS context, or {@code null} for the JDK default
	 */
	public record Settings(URI apiBase, String accessKey, String apiVersion, Duration connectTimeout,
			Duration readTimeout, @Nullable ProxySelector proxy, @Nullable SSLContext sslContext) {

		URI resolve(TransportRequest.Kind kind) {
			String base = this.apiBase.toString();
			return URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + kind.path());
		}

		@Override
		public String toString() {
			return "Settings[apiBase=" + this.apiBase + ", apiVersion=" + this.apiVersion + "]";
		}

	}

}
