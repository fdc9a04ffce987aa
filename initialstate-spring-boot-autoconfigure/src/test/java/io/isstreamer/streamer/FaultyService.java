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

package io.isstreamer.streamer;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A loopback imitation of the service, on raw sockets, that misbehaves on demand: it
 * resets a connection in mid-request, accepts and never answers, answers slowly, answers
 * with malformed HTTP or headers, or goes down and comes back on the same port. It
 * records the events of every request it read in full, and whether its answer went out,
 * so a test can tell delivered events from duplicates caused by a lost answer.
 */
final class FaultyService implements AutoCloseable {

	private final int port;

	private final Queue<Fault> faults = new ArrayDeque<>();

	private final List<Received> received = new CopyOnWriteArrayList<>();

	private final Set<Socket> connections = ConcurrentHashMap.newKeySet();

	private final List<Thread> threads = new CopyOnWriteArrayList<>();

	private volatile ServerSocket server;

	private volatile Duration delay = Duration.ZERO;

	private volatile CountDownLatch hold = new CountDownLatch(0);

	private volatile boolean closed;

	FaultyService() throws IOException {
		this.server = bind(0);
		this.port = this.server.getLocalPort();
		accept(this.server);
	}

	URI uri() {
		return URI.create("http://127.0.0.1:" + this.port);
	}

	/**
	 * Misbehave on the next requests, one fault each, in order; then behave.
	 * @param faults the faults
	 * @return this service
	 */
	synchronized FaultyService next(Fault... faults) {
		this.faults.addAll(List.of(faults));
		return this;
	}

	/**
	 * Answer every request only after a delay.
	 * @param delay the delay
	 */
	void delay(Duration delay) {
		this.delay = delay;
	}

	/**
	 * Hold every answer until {@link #release()}.
	 */
	void hold() {
		this.hold = new CountDownLatch(1);
	}

	void release() {
		this.hold.countDown();
	}

	/**
	 * Stop listening and reset every open connection: clients see refused connections
	 * and, for requests in flight, a reset.
	 */
	synchronized void down() throws IOException {
		ServerSocket server = this.server;
		if (server != null) {
			this.server = null;
			server.close();
		}
		for (Socket connection : this.connections) {
			reset(connection);
		}
	}

	/**
	 * Listen again, on the same port.
	 */
	synchronized void up() throws IOException {
		if (this.server == null && !this.closed) {
			this.server = bind(this.port);
			accept(this.server);
		}
	}

	boolean isUp() {
		return this.server != null;
	}

	List<Received> received() {
		return new ArrayList<>(this.received);
	}

	/**
	 * Count how often the service accepted each event value, over requests it answered
	 * with a success or whose answer may have been lost.
	 * @return the count by value
	 */
	Map<String, Integer> deliveries() {
		Map<String, Integer> counts = new HashMap<>();
		for (Received request : this.received) {
			if (request.accepted) {
				for (SentEvent event : request.events) {
					counts.merge(event.value(), 1, Integer::sum);
				}
			}
		}
		return counts;
	}

	int connections() {
		return this.connections.size();
	}

	@Override
	public void close() throws IOException {
		this.closed = true;
		release();
		down();
		for (Thread thread : this.threads) {
			try {
				thread.join(TimeUnit.SECONDS.toMillis(5));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	private static ServerSocket bind(int port) throws IOException {
		ServerSocket server = new ServerSocket();
		server.setReuseAddress(true);
		server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
		return server;
	}

	private void accept(ServerSocket server) {
		start("faulty-service-acceptor", () -> {
			while (!server.isClosed()) {
				Socket connection;
				try {
					connection = server.accept();
				}
				catch (IOException ex) {
					return;
				}
				this.connections.add(connection);
				start("faulty-service-connection", () -> serve(connection));
			}
		});
	}

	private void start(String name, Runnable task) {
		Thread thread = new Thread(task, name);
		thread.setDaemon(true);
		this.threads.removeIf((old) -> !old.isAlive());
		this.threads.add(thread);
		thread.start();
	}

	private void serve(Socket connection) {
		try (connection) {
			InputStream in = new java.io.BufferedInputStream(connection.getInputStream());
			OutputStream out = connection.getOutputStream();
			while (!this.closed) {
				in.mark(1);
				if (in.read() == -1) {
					return;
				}
				in.reset();
				Fault fault;
				synchronized (this) {
					fault = this.faults.isEmpty() ? Fault.NONE : this.faults.poll();
				}
				// a reset comes in mid-request: after the headers, before the body
				Request request = Request.read(in, fault == Fault.RESET);
				if (request == null || !answer(connection, request, fault, out)) {
					return;
				}
			}
		}
		catch (IOException ex) {
			// the client went away, or the service went down
		}
		finally {
			this.connections.remove(connection);
		}
	}

	/**
	 * Answer one request.
	 * @return whether the connection stays open for another
	 */
	private boolean answer(Socket connection, Request request, Fault fault, OutputStream out) throws IOException {
		if (fault == Fault.RESET) {
			reset(connection);
			return false;
		}
		if (fault == Fault.HANG) {
			while (!this.closed && !connection.isClosed()) {
				awaitQuietly(this.hold, Duration.ofMillis(200));
			}
			return false;
		}
		boolean events = request.path.equals("/api/events");
		Received received = new Received(System.nanoTime(), request.bucketKey(),
				events ? SentEvent.parse(request.bucketKey(), request.body) : List.of(), fault);
		this.received.add(received);
		awaitQuietly(this.hold, Duration.ofMinutes(5));
		if (!this.delay.isZero()) {
			awaitQuietly(new CountDownLatch(1), this.delay);
		}
		String success = events ? "HTTP/1.1 204 No Content\r\n" : "HTTP/1.1 201 Created\r\n";
		String answer = switch (fault) {
			case GARBAGE -> "THIS IS NOT HTTP\r\n\r\n";
			case TRUNCATED -> success.replace("204 No Content", "200 OK")
					+ "Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"par";
			case MALFORMED_BODY -> success.replace("204 No Content", "200 OK")
					+ "Content-Type: application/json\r\nContent-Length: 12\r\n\r\n{{{not json]";
			case MALFORMED_HEADERS -> success + "X-RateLimit-Limit: lots\r\nX-RateLimit-Remaining: -3\r\n"
					+ "X-RateLimit-Reset: yesterday\r\nRetry-After: soon\r\nContent-Length: 0\r\n\r\n";
			case UNAVAILABLE_GARBLED -> "HTTP/1.1 503 Service Unavailable\r\nRetry-After: -5\r\n"
					+ "Content-Type: application/json\r\nContent-Length: 8\r\n\r\n\u0000\u0001{\"x\":[";
			default -> success + "Content-Length: 0\r\n\r\n";
		};
		received.accepted = fault != Fault.UNAVAILABLE_GARBLED;
		out.write(answer.getBytes(StandardCharsets.ISO_8859_1));
		out.flush();
		received.answeredAt = System.nanoTime();
		return fault == Fault.NONE || fault == Fault.MALFORMED_BODY || fault == Fault.MALFORMED_HEADERS
				|| fault == Fault.UNAVAILABLE_GARBLED;
	}

	private static void reset(Socket connection) {
		try {
			connection.setSoLinger(true, 0);
			connection.close();
		}
		catch (IOException ex) {
			// closed already
		}
	}

	private static void awaitQuietly(CountDownLatch latch, Duration timeout) {
		try {
			latch.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * How to misbehave on one request.
	 */
	enum Fault {

		/**
		 * Behave.
		 */
		NONE,

		/**
		 * Read the request, then reset the connection without an answer.
		 */
		RESET,

		/**
		 * Read the request and never answer.
		 */
		HANG,

		/**
		 * Take the events, then answer with bytes that are not HTTP.
		 */
		GARBAGE,

		/**
		 * Take the events, then answer with a body shorter than announced and close.
		 */
		TRUNCATED,

		/**
		 * Take the events and answer 200 with a body that is not JSON.
		 */
		MALFORMED_BODY,

		/**
		 * Take the events and answer with rate-limit and retry headers that make no
		 * sense.
		 */
		MALFORMED_HEADERS,

		/**
		 * Refuse the events with a 503 whose headers and body make no sense.
		 */
		UNAVAILABLE_GARBLED

	}

	/**
	 * A request the service read in full.
	 */
	static final class Received {

		final long receivedAt;

		final String bucketKey;

		final List<SentEvent> events;

		final Fault fault;

		/**
		 * Whether the service took the events (it may still have failed to answer).
		 */
		volatile boolean accepted;

		volatile long answeredAt;

		Received(long receivedAt, String bucketKey, List<SentEvent> events, Fault fault) {
			this.receivedAt = receivedAt;
			this.bucketKey = bucketKey;
			this.events = events;
			this.fault = fault;
			this.accepted = true;
		}

	}

	private record Request(String path, Map<String, String> headers, byte[] body) {

		String bucketKey() {
			return this.headers.getOrDefault("x-is-bucketkey", "");
		}

		static Request read(InputStream in, boolean headersOnly) throws IOException {
			String requestLine = line(in);
			if (requestLine == null) {
				return null;
			}
			Map<String, String> headers = new HashMap<>();
			String header;
			while ((header = line(in)) != null && !header.isEmpty()) {
				int colon = header.indexOf(':');
				if (colon > 0) {
					headers.put(header.substring(0, colon).trim().toLowerCase(Locale.ROOT),
							header.substring(colon + 1).trim());
				}
			}
			int length = headersOnly ? 0 : Integer.parseInt(headers.getOrDefault("content-length", "0"));
			byte[] body = in.readNBytes(length);
			if (body.length < length) {
				throw new EOFException("body cut short");
			}
			String[] parts = requestLine.split(" ");
			return new Request((parts.length > 1) ? parts[1] : "", headers, body);
		}

		private static String line(InputStream in) throws IOException {
			ByteArrayOutputStream line = new ByteArrayOutputStream();
			int b;
			while ((b = in.read()) != -1) {
				if (b == '\n') {
					String text = line.toString(StandardCharsets.ISO_8859_1);
					return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
				}
				line.write(b);
			}
			if (line.size() > 0) {
				throw new SocketException("connection closed in mid-line");
			}
			return null;
		}

	}

}
