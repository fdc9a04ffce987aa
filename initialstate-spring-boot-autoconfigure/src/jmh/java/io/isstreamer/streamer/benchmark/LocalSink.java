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

package io.isstreamer.streamer.benchmark;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.json.JsonFactory;

/**
 * A fast stand-in for the Initial State API on 127.0.0.1, built on the JDK's HTTP server:
 * it counts the events and bytes it receives, can limit {@code /api/events} as the
 * service does (at most N requests in any second, 429 with {@code Retry-After} above it,
 * and the {@code X-RateLimit-*} headers of a 10-second window on every answer), can go
 * down and come back on the same port, and can record which events it saw, by value.
 */
final class LocalSink implements AutoCloseable {

	private static final byte[] EVENT_START = "{\"key\"".getBytes();

	private static final JsonFactory JSON = JsonFactory.builder().build();

	private final int limitPerSecond;

	private final boolean recordValues;

	private final ExecutorService executor = Executors.newSingleThreadExecutor((runnable) -> {
		Thread thread = new Thread(runnable, "local-sink");
		thread.setDaemon(true);
		return thread;
	});

	private final Deque<Long> recent = new ArrayDeque<>();

	private final List<Long> acceptedTimes = new ArrayList<>();

	private final List<Integer> bodySizes = new ArrayList<>();

	private final List<Long> throttledTimes = new ArrayList<>();

	private final BitSet values = new BitSet();

	private final byte[] buffer = new byte[4 * 1024 * 1024];

	private int port;

	private HttpServer server;

	private long events;

	private long bytes;

	private long eventRequests;

	private long throttled;

	private long duplicates;

	private long windowStart;

	private int windowCount;

	/**
	 * Start a sink.
	 * @param limitPerSecond requests per second allowed on {@code /api/events}, 0 for no
	 * limit
	 * @param recordValues whether to parse every event and remember its value (a long)
	 * @throws IOException if the server cannot start
	 */
	LocalSink(int limitPerSecond, boolean recordValues) throws IOException {
		this.limitPerSecond = limitPerSecond;
		this.recordValues = recordValues;
		start();
	}

	URI uri() {
		return URI.create("http://127.0.0.1:" + this.port);
	}

	/**
	 * Start answering again, on the same port.
	 * @throws IOException if the server cannot start
	 */
	synchronized void start() throws IOException {
		HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), this.port), 50);
		server.createContext("/api/buckets", (exchange) -> answer(exchange, 201));
		server.createContext("/api/events", this::events);
		server.setExecutor(this.executor);
		server.start();
		this.server = server;
		this.port = server.getAddress().getPort();
	}

	/**
	 * Stop answering: connections are refused until {@link #start()}.
	 */
	synchronized void stop() {
		if (this.server != null) {
			this.server.stop(0);
			this.server = null;
		}
	}

	private void events(HttpExchange exchange) throws IOException {
		// counted on arrival, as a rate limiter in front of a service does, not once the
		// body is in
		long now = System.currentTimeMillis();
		int length = read(exchange.getRequestBody());
		synchronized (this) {
			if (this.limitPerSecond > 0) {
				while (!this.recent.isEmpty() && now - this.recent.peekFirst() >= 1000) {
					this.recent.pollFirst();
				}
				if (now - this.windowStart >= 10_000) {
					this.windowStart = now;
					this.windowCount = 0;
				}
				int limit = this.limitPerSecond * 10;
				String reset = Long.toString((this.windowStart + 10_000) / 1000);
				exchange.getResponseHeaders().set("X-RateLimit-Limit", Integer.toString(limit));
				exchange.getResponseHeaders().set("X-RateLimit-Reset", reset);
				if (this.recent.size() >= this.limitPerSecond || this.windowCount >= limit) {
					this.throttled++;
					this.throttledTimes.add(now);
					exchange.getResponseHeaders().set("X-RateLimit-Remaining", "0");
					exchange.getResponseHeaders().set("Retry-After", "1");
					answer(exchange, 429);
					return;
				}
				this.recent.addLast(now);
				this.windowCount++;
				exchange.getResponseHeaders().set("X-RateLimit-Remaining", Integer.toString(limit - this.windowCount));
			}
			this.acceptedTimes.add(now);
			this.bodySizes.add(length);
			this.eventRequests++;
			this.bytes += length;
			this.events += (this.recordValues) ? recordValues(length) : countEvents(length);
		}
		answer(exchange, 204);
	}

	private int read(InputStream body) throws IOException {
		int length = 0;
		int read;
		while ((read = body.read(this.buffer, length, this.buffer.length - length)) > 0) {
			length += read;
		}
		return length;
	}

	private long countEvents(int length) {
		long count = 0;
		byte first = EVENT_START[0];
		for (int i = 0; i <= length - EVENT_START.length; i++) {
			if (this.buffer[i] == first && matches(i)) {
				count++;
			}
		}
		return count;
	}

	private boolean matches(int offset) {
		for (int j = 1; j < EVENT_START.length; j++) {
			if (this.buffer[offset + j] != EVENT_START[j]) {
				return false;
			}
		}
		return true;
	}

	private long recordValues(int length) {
		long count = 0;
		try (JsonParser parser = JSON.createParser(ObjectReadContext.empty(), this.buffer, 0, length)) {
			JsonToken token;
			while ((token = parser.nextToken()) != null) {
				if (token == JsonToken.PROPERTY_NAME && "value".equals(parser.currentName())) {
					parser.nextToken();
					int value = (int) parser.getLongValue();
					if (this.values.get(value)) {
						this.duplicates++;
					}
					this.values.set(value);
					count++;
				}
			}
		}
		return count;
	}

	private static void answer(HttpExchange exchange, int status) throws IOException {
		exchange.sendResponseHeaders(status, -1);
		exchange.close();
	}

	synchronized long events() {
		return this.events;
	}

	synchronized long bytes() {
		return this.bytes;
	}

	synchronized long eventRequests() {
		return this.eventRequests;
	}

	synchronized long throttled() {
		return this.throttled;
	}

	synchronized long duplicates() {
		return this.duplicates;
	}

	synchronized List<Long> throttledTimes() {
		return new ArrayList<>(this.throttledTimes);
	}

	synchronized List<Integer> bodySizes() {
		return new ArrayList<>(this.bodySizes);
	}

	synchronized List<Long> acceptedTimes() {
		return new ArrayList<>(this.acceptedTimes);
	}

	/**
	 * Return how many different values were received.
	 * @return the count
	 */
	synchronized long uniqueValues() {
		return this.values.cardinality();
	}

	@Override
	public void close() throws InterruptedException {
		stop();
		this.executor.shutdownNow();
		this.executor.awaitTermination(5, TimeUnit.SECONDS);
	}

}
