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
import java.io.UncheckedIOException;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
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

import org.jspecify.annotations.Nullable;

import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;

/**
 * Sends requests to the Initial State API with Spring Framework's {@link RestClient} on
 * the JDK HTTP client: connections are reused, connect and read timeouts apply, and a
 * proxy and a TLS context can be set. The client is private to the streamer, so its own
 * requests are never instrumented and exported as application metrics.
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

	private final RestClient restClient;

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
		JdkClientHttpRequestFactory requestFactory = new JdkClientHttpRequestFactory(this.httpClient);
		requestFactory.setReadTimeout(settings.readTimeout());
		this.restClient = RestClient.builder().requestFactory(requestFactory).build();
	}

	@Override
	public TransportResponse send(TransportRequest request) throws IOException {
		URI uri = this.settings.resolve(request.kind());
		try {
			return this.restClient.post().uri(uri).headers((headers) -> {
				headers.set("X-IS-AccessKey", this.settings.accessKey());
				if (request.kind() == TransportRequest.Kind.SEND_EVENTS) {
					headers.set("X-IS-BucketKey", request.bucketKey());
				}
				headers.set("Accept-Version", this.settings.apiVersion());
				headers.set("User-Agent", USER_AGENT);
			}).contentType(MediaType.APPLICATION_JSON).body(request.body()).exchange((clientRequest, response) -> {
				Map<String, String> headers = new HashMap<>();
				for (String name : HEADERS_READ) {
					String value = response.getHeaders().getFirst(name);
					if (value != null) {
						headers.put(name, value);
					}
				}
				return new TransportResponse(response.getStatusCode().value(), headers, readBody(response.getBody()));
			}, true);
		}
		catch (ResourceAccessException ex) {
			Throwable cause = ex.getCause();
			throw (cause instanceof IOException io) ? io : new IOException(ex.getMessage(), ex);
		}
		catch (UncheckedIOException ex) {
			throw ex.getCause();
		}
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
		byte[] bytes = body.readNBytes(MAX_BODY_CHARS);
		return new String(bytes, StandardCharsets.UTF_8);
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
				if (version != null && !version.startsWith("$")) {
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
	 * @param readTimeout time allowed for an answer
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
