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

package io.isstreamer.sample.receiver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

import com.sun.net.httpserver.HttpServer;
import io.isstreamer.autoconfigure.StreamerLifecycle;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.SmartLifecycle;

/**
 * A stand-in for the Initial State events API on the loopback address, so that the sample
 * runs without an account: {@code POST /api/buckets} and {@code POST /api/events} with
 * the service's headers, limits and answers, the events kept in memory
 * ({@link ReceivedEvents}).
 * <p>
 * It listens from its creation (connections wait in the backlog until it starts, so the
 * streamer may already call it while the context refreshes), serves once started, and
 * stops in a phase below the streamer's, so the streamer's last flush at shutdown still
 * finds it serving.
 */
public final class LocalReceiver implements SmartLifecycle, AutoCloseable {

	/**
	 * The access key the receiver accepts; the sample gives it to the starter.
	 */
	public static final String ACCESS_KEY = "local-receiver-access-key";

	/**
	 * Requests per second the receiver allows on {@code /api/events}, as the service.
	 */
	public static final int REQUESTS_PER_SECOND = 3;

	/**
	 * The phase the receiver stops in: after the streamer, which stops in
	 * {@link StreamerLifecycle#PHASE}.
	 */
	public static final int PHASE = StreamerLifecycle.PHASE - 1000;

	private static final AtomicInteger THREADS = new AtomicInteger();

	private static final Log logger = LogFactory.getLog(LocalReceiver.class);

	private final HttpServer server;

	private final ExecutorService executor;

	private final ReceivedEvents events;

	private final AnswerCounts answers = new AnswerCounts();

	private volatile boolean running;

	private volatile boolean stopped;

	/**
	 * Create a receiver listening on a port of the loopback address, with the service's
	 * limits; it answers once started.
	 * @param port the port, {@code 0} for any free one
	 */
	public LocalReceiver(int port) {
		this(port, REQUESTS_PER_SECOND, new ReceivedEvents(), System::currentTimeMillis);
	}

	LocalReceiver(int port, int requestsPerSecond, ReceivedEvents events, LongSupplier clock) {
		this.events = events;
		try {
			this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not open the local receiver on port " + port, ex);
		}
		this.executor = Executors.newFixedThreadPool(2, (runnable) -> {
			Thread thread = new Thread(runnable, "local-receiver-" + THREADS.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		});
		this.server.setExecutor(this.executor);
		this.server.createContext("/api/buckets", new BucketsHandler(ACCESS_KEY, this.answers, events));
		this.server.createContext("/api/events", new EventsHandler(ACCESS_KEY, this.answers,
				new RateLimit(requestsPerSecond, clock), events, () -> clock.getAsLong() / 1000d));
	}

	/**
	 * Return the base URL to give the starter as {@code initialstate.api-base}.
	 * @return {@code http://127.0.0.1:<port>}
	 */
	public URI baseUri() {
		InetSocketAddress address = this.server.getAddress();
		return URI.create("http://" + address.getAddress().getHostAddress() + ":" + address.getPort());
	}

	/**
	 * Return the events received so far; they stay readable after the receiver stopped.
	 * @return the events
	 */
	public ReceivedEvents events() {
		return this.events;
	}

	/**
	 * Return the answers given so far, by HTTP status.
	 * @return the number of answers of each status
	 */
	public Map<Integer, Long> answers() {
		return this.answers.snapshot();
	}

	/**
	 * Start listening; a receiver stopped once cannot start again.
	 */
	@Override
	public synchronized void start() {
		if (!this.running && !this.stopped) {
			this.server.start();
			this.running = true;
		}
	}

	/**
	 * Stop listening and release the threads.
	 */
	@Override
	public synchronized void stop() {
		if (!this.stopped) {
			this.stopped = true;
			this.running = false;
			this.server.stop(0);
			this.executor.shutdownNow();
			long events = this.events.buckets().stream().mapToLong(ReceivedEvents.BucketSummary::events).sum();
			logger.info("Local receiver stopped; it took " + events + " events, answering " + answers());
		}
	}

	@Override
	public void close() {
		stop();
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

	@Override
	public boolean isPauseable() {
		return false;
	}

	@Override
	public String toString() {
		return "LocalReceiver[" + baseUri() + "]";
	}

}
