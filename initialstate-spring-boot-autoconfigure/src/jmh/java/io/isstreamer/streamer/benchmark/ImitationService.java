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
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * An imitation of the Initial State service for load runs, on 127.0.0.1: fixed rate-limit
 * windows of a given length, aligned to the epoch, each allowing a given number of
 * {@code /api/events} requests, counted as they arrive; every events answer carries
 * {@code X-RateLimit-Limit}, {@code X-RateLimit-Remaining} and {@code X-RateLimit-Reset}
 * (epoch seconds of the window's end), and a request past the limit gets 429 with
 * {@code Retry-After}, the seconds to the reset. Accepted requests are answered after a
 * given delay, each on a thread of a pool, so slow answers do not hold up others. It can
 * go down (connections refused) and come back on the same port.
 * <p>
 * It records what it accepted: every event value (a long, read as
 * {@code process * 1,000,000,000 + sequence}), once or more, request and 429 counts, and
 * the arrival time and body size of each accepted request. {@code GET /stats} returns the
 * figures as JSON, so it can run in a process of its own ({@link #main}) shared by
 * several client processes.
 */
final class ImitationService implements AutoCloseable {

	/**
	 * Values are {@code process * VALUES_PER_PROCESS + sequence}.
	 */
	static final long VALUES_PER_PROCESS = 1_000_000_000L;

	private static final JsonFactory JSON = JsonFactory.builder().build();

	private final long windowMillis;

	private final int limit;

	private final long delayMillis;

	private final ExecutorService executor = Executors.newFixedThreadPool(32, (runnable) -> {
		Thread thread = new Thread(runnable, "imitation-service");
		thread.setDaemon(true);
		return thread;
	});

	private final AtomicInteger inFlight = new AtomicInteger();

	private final Map<Long, BitSet> values = new HashMap<>();

	private final List<Long> acceptedTimes = new ArrayList<>();

	private final List<Long> acceptedAnswerTimes = new ArrayList<>();

	private final List<Integer> bodySizes = new ArrayList<>();

	private final List<Long> throttledTimes = new ArrayList<>();

	private int port;

	private volatile HttpServer server;

	private int maxInFlight;

	private long windowIndex = Long.MIN_VALUE;

	private int windowCount;

	private long requests;

	private long bucketRequests;

	private long events;

	private long duplicates;

	private long bytes;

	/**
	 * Start a service.
	 * @param port the port, 0 for any free one
	 * @param window the length of a rate-limit window
	 * @param limit requests allowed per window, 0 for no limit
	 * @param delay how long after its arrival a request is answered
	 * @throws IOException if the server cannot start
	 */
	ImitationService(int port, Duration window, int limit, Duration delay) throws IOException {
		this.windowMillis = window.toMillis();
		this.limit = limit;
		this.delayMillis = delay.toMillis();
		this.port = port;
		start();
	}

	URI uri() {
		return URI.create("http://127.0.0.1:" + this.port);
	}

	/**
	 * Start answering (again, on the same port).
	 * @throws IOException if the server cannot start
	 */
	synchronized void start() throws IOException {
		if (this.server != null) {
			return;
		}
		HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), this.port), 100);
		server.createContext("/api/buckets", this::bucket);
		server.createContext("/api/events", this::events);
		server.createContext("/stats", this::stats);
		server.setExecutor(this.executor);
		server.start();
		this.server = server;
		this.port = server.getAddress().getPort();
	}

	/**
	 * Stop answering: connections are refused until {@link #start()}.
	 */
	synchronized void stop() {
		HttpServer server = this.server;
		if (server != null) {
			this.server = null;
			server.stop(0);
		}
	}

	private void bucket(HttpExchange exchange) throws IOException {
		long arrived = System.currentTimeMillis();
		synchronized (this) {
			this.bucketRequests++;
		}
		exchange.getRequestBody().transferTo(OutputStream.nullOutputStream());
		answerAt(exchange, 201, arrived + this.delayMillis);
	}

	private void events(HttpExchange exchange) throws IOException {
		long arrived = System.currentTimeMillis();
		int inFlight = this.inFlight.incrementAndGet();
		try {
			boolean accepted;
			synchronized (this) {
				this.maxInFlight = Math.max(this.maxInFlight, inFlight);
				this.requests++;
				accepted = admit(exchange, arrived);
			}
			byte[] body = read(exchange.getRequestBody());
			if (!accepted) {
				answerAt(exchange, 429, arrived);
				return;
			}
			long[] counted = record(body);
			synchronized (this) {
				this.acceptedTimes.add(arrived);
				this.bodySizes.add(body.length);
				this.bytes += body.length;
				this.events += counted[0];
				this.duplicates += counted[1];
			}
			answerAt(exchange, 204, arrived + this.delayMillis);
			synchronized (this) {
				this.acceptedAnswerTimes.add(System.currentTimeMillis());
			}
		}
		finally {
			this.inFlight.decrementAndGet();
		}
	}

	/**
	 * Count a request in its window and set the rate-limit headers.
	 * @return whether it is within the limit
	 */
	private boolean admit(HttpExchange exchange, long arrived) {
		if (this.limit <= 0) {
			return true;
		}
		long index = Math.floorDiv(arrived, this.windowMillis);
		if (index != this.windowIndex) {
			this.windowIndex = index;
			this.windowCount = 0;
		}
		long end = (index + 1) * this.windowMillis;
		exchange.getResponseHeaders().set("X-RateLimit-Limit", Integer.toString(this.limit));
		exchange.getResponseHeaders().set("X-RateLimit-Reset", Long.toString(end / 1000));
		if (this.windowCount >= this.limit) {
			this.throttledTimes.add(arrived);
			exchange.getResponseHeaders().set("X-RateLimit-Remaining", "0");
			exchange.getResponseHeaders().set("Retry-After", Long.toString(Math.max(1, (end - arrived + 999) / 1000)));
			return false;
		}
		this.windowCount++;
		exchange.getResponseHeaders().set("X-RateLimit-Remaining", Integer.toString(this.limit - this.windowCount));
		return true;
	}

	private static byte[] read(InputStream body) throws IOException {
		try (body) {
			return body.readAllBytes();
		}
	}

	/**
	 * Remember the values of a body's events.
	 * @return the events and the duplicates among them
	 */
	private long[] record(byte[] body) {
		long count = 0;
		long repeated = 0;
		try (JsonParser parser = JSON.createParser(ObjectReadContext.empty(), body)) {
			JsonToken token;
			while ((token = parser.nextToken()) != null) {
				if (token == JsonToken.PROPERTY_NAME && "value".equals(parser.currentName())) {
					token = parser.nextToken();
					count++;
					if (token == JsonToken.VALUE_NUMBER_INT) {
						long value = parser.getLongValue();
						synchronized (this) {
							BitSet seen = this.values.computeIfAbsent(value / VALUES_PER_PROCESS,
									(process) -> new BitSet());
							int bit = (int) (value % VALUES_PER_PROCESS);
							if (seen.get(bit)) {
								repeated++;
							}
							seen.set(bit);
						}
					}
				}
			}
		}
		return new long[] { count, repeated };
	}

	private void answerAt(HttpExchange exchange, int status, long atMillis) throws IOException {
		long wait = atMillis - System.currentTimeMillis();
		if (wait > 0) {
			try {
				Thread.sleep(wait);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		exchange.sendResponseHeaders(status, -1);
		exchange.close();
	}

	private void stats(HttpExchange exchange) throws IOException {
		byte[] json = snapshot().toJson().getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		exchange.sendResponseHeaders(200, json.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(json);
		}
	}

	/**
	 * Return the figures so far.
	 * @return the figures
	 */
	synchronized Stats snapshot() {
		Map<Long, Long> unique = new TreeMap<>();
		this.values.forEach((process, seen) -> unique.put(process, (long) seen.cardinality()));
		return new Stats(this.requests, this.acceptedTimes.size(), this.throttledTimes.size(), this.bucketRequests,
				this.events, this.duplicates, this.bytes, this.maxInFlight, unique, List.copyOf(this.acceptedTimes),
				List.copyOf(this.acceptedAnswerTimes), List.copyOf(this.bodySizes), List.copyOf(this.throttledTimes));
	}

	/**
	 * Return how many different values of a process were accepted below a bound.
	 * @param process the process
	 * @param below the bound on the sequence
	 * @return the count
	 */
	synchronized long unique(long process, long below) {
		BitSet seen = this.values.get(process);
		return (seen != null) ? seen.get(0, (int) Math.min(below, Integer.MAX_VALUE)).cardinality() : 0;
	}

	@Override
	public void close() throws InterruptedException {
		stop();
		this.executor.shutdownNow();
		this.executor.awaitTermination(5, TimeUnit.SECONDS);
	}

	/**
	 * Run a service in a process of its own until killed. Arguments, all optional:
	 * {@code port=N window=SECONDS limit=N delay=MILLIS}. Prints {@code LISTENING <port>}
	 * once it answers.
	 * @param args the options
	 * @throws Exception if it cannot start
	 */
	public static void main(String[] args) throws Exception {
		int port = 0;
		double window = 10;
		int limit = 30;
		long delay = 0;
		for (String arg : args) {
			String[] option = arg.split("=", 2);
			switch (option[0]) {
				case "port" -> port = Integer.parseInt(option[1]);
				case "window" -> window = Double.parseDouble(option[1]);
				case "limit" -> limit = Integer.parseInt(option[1]);
				case "delay" -> delay = Long.parseLong(option[1]);
				default -> throw new IllegalArgumentException("Unknown option " + arg);
			}
		}
		ImitationService service = new ImitationService(port, Duration.ofMillis((long) (window * 1000)), limit,
				Duration.ofMillis(delay));
		System.out.println("LISTENING " + service.port);
		System.out.flush();
		Thread.currentThread().join();
	}

	/**
	 * What the service saw.
	 *
	 * @param requests events requests received
	 * @param accepted events requests accepted
	 * @param throttled events requests answered 429
	 * @param bucketRequests bucket creations
	 * @param events events accepted, repeats included
	 * @param duplicates events accepted again
	 * @param bytes bytes of accepted bodies
	 * @param maxInFlight most events requests being served at once
	 * @param unique different values accepted, by process
	 * @param acceptedTimes arrival of each accepted request, epoch millis
	 * @param answerTimes when each accepted request was answered, epoch millis
	 * @param bodySizes body of each accepted request, bytes
	 * @param throttledTimes arrival of each 429, epoch millis
	 */
	record Stats(long requests, long accepted, long throttled, long bucketRequests, long events, long duplicates,
			long bytes, int maxInFlight, Map<Long, Long> unique, List<Long> acceptedTimes, List<Long> answerTimes,
			List<Integer> bodySizes, List<Long> throttledTimes) {

		long acceptedBetween(long from, long to) {
			return this.acceptedTimes.stream().filter((time) -> time >= from && time < to).count();
		}

		long throttledBetween(long from, long to) {
			return this.throttledTimes.stream().filter((time) -> time >= from && time < to).count();
		}

		String toJson() {
			StringBuilder json = new StringBuilder("{");
			json.append("\"requests\":").append(this.requests);
			json.append(",\"accepted\":").append(this.accepted);
			json.append(",\"throttled\":").append(this.throttled);
			json.append(",\"bucketRequests\":").append(this.bucketRequests);
			json.append(",\"events\":").append(this.events);
			json.append(",\"duplicates\":").append(this.duplicates);
			json.append(",\"bytes\":").append(this.bytes);
			json.append(",\"maxInFlight\":").append(this.maxInFlight);
			json.append(",\"unique\":{");
			String separator = "";
			for (Map.Entry<Long, Long> entry : this.unique.entrySet()) {
				json.append(separator).append('"').append(entry.getKey()).append("\":").append(entry.getValue());
				separator = ",";
			}
			json.append('}');
			json.append(",\"acceptedTimes\":").append(this.acceptedTimes);
			json.append(",\"answerTimes\":").append(this.answerTimes);
			json.append(",\"bodySizes\":").append(this.bodySizes);
			json.append(",\"throttledTimes\":").append(this.throttledTimes);
			return json.append('}').toString().replace(" ", "");
		}

		@SuppressWarnings("unchecked")
		static Stats fromJson(String text) {
			Map<String, Object> json = JsonMapper.shared().readValue(text, Map.class);
			Map<Long, Long> unique = new TreeMap<>();
			((Map<String, Number>) json.get("unique"))
				.forEach((process, count) -> unique.put(Long.parseLong(process), count.longValue()));
			return new Stats(number(json, "requests"), number(json, "accepted"), number(json, "throttled"),
					number(json, "bucketRequests"), number(json, "events"), number(json, "duplicates"),
					number(json, "bytes"), (int) number(json, "maxInFlight"), unique, longs(json, "acceptedTimes"),
					longs(json, "answerTimes"), longs(json, "bodySizes").stream().map(Long::intValue).toList(),
					longs(json, "throttledTimes"));
		}

		private static long number(Map<String, Object> json, String name) {
			return ((Number) json.get(name)).longValue();
		}

		@SuppressWarnings("unchecked")
		private static List<Long> longs(Map<String, Object> json, String name) {
			return ((List<Number>) json.get(name)).stream().map(Number::longValue).toList();
		}

	}

}
