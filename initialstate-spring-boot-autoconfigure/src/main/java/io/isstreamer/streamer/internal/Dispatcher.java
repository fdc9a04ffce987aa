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

package io.isstreamer.streamer.internal;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.isstreamer.streamer.transport.Transport;
import io.isstreamer.streamer.transport.TransportResponse;
import org.jspecify.annotations.Nullable;

/**
 * The requests in flight: up to a bound at once, each on a thread of its own (a
 * {@link Transport} blocks), each with a deadline the sender enforces whatever the
 * transport does. An exchange past its deadline is given up: its thread is interrupted
 * and, should it never return, it takes a spare thread, never a slot, until the spares
 * run out too. Answers are handed to the sender through a queue and a wake-up. The list
 * of exchanges in flight is the sender thread's alone.
 * <p>
 * The read timeout starts at the configured one and doubles, up to a bound, after each
 * request that timed out, so that a slow service gets each batch once or twice rather
 * than again and again; it comes back down once answers come quickly again.
 */
final class Dispatcher {

	/**
	 * Threads allowed beyond the slots for requests given up that have not returned yet.
	 */
	static final int SPARE_THREADS = 4;

	/**
	 * Most time allowed beyond the connect and read timeouts before a request is given
	 * up; a fifth of them when that is less, and at least a quarter of a second.
	 */
	static final Duration MAX_DEADLINE_MARGIN = Duration.ofSeconds(2);

	private static final long MIN_DEADLINE_MARGIN_NANOS = Duration.ofMillis(250).toNanos();

	private final Transport transport;

	private final int maxInFlight;

	private final Duration connectTimeout;

	private final Duration baseReadTimeout;

	private final Duration maxReadTimeout;

	private final ThreadPoolExecutor executor;

	private final ConcurrentLinkedQueue<Exchange> answered = new ConcurrentLinkedQueue<>();

	private final List<Exchange> inFlight = new ArrayList<>();

	private final AtomicInteger abandoned = new AtomicInteger();

	private final Runnable wake;

	private Duration readTimeout;

	Dispatcher(Transport transport, StreamerConfig config, String threadName, Runnable wake) {
		this.transport = transport;
		this.maxInFlight = config.maxInFlight();
		this.connectTimeout = config.connectTimeout();
		this.baseReadTimeout = config.readTimeout();
		this.maxReadTimeout = config.maxReadTimeout();
		this.readTimeout = this.baseReadTimeout;
		this.wake = wake;
		AtomicInteger count = new AtomicInteger();
		this.executor = new ThreadPoolExecutor(0, this.maxInFlight + SPARE_THREADS, 30, TimeUnit.SECONDS,
				new SynchronousQueue<>(), (runnable) -> {
					Thread thread = new Thread(runnable, threadName + "-" + count.incrementAndGet());
					thread.setDaemon(true);
					return thread;
				});
	}

	/**
	 * Whether another request may start: a slot is free and a thread can take it.
	 * @return whether there is room
	 */
	boolean hasRoom() {
		return this.inFlight.size() < this.maxInFlight
				&& this.inFlight.size() + this.abandoned.get() < this.maxInFlight + SPARE_THREADS;
	}

	/**
	 * Whether the transport holds on to more given-up requests than there are spare
	 * threads: it does not return even when interrupted.
	 * @return whether the transport is stuck
	 */
	boolean isStuck() {
		return this.abandoned.get() >= SPARE_THREADS;
	}

	int inFlightCount() {
		return this.inFlight.size();
	}

	List<Exchange> inFlight() {
		return this.inFlight;
	}

	Duration readTimeout() {
		return this.readTimeout;
	}

	/**
	 * Return the deadline of a request starting now.
	 * @param nowNanos the time
	 * @return the deadline
	 */
	long deadline(long nowNanos) {
		long timeouts = this.connectTimeout.toNanos() + this.readTimeout.toNanos();
		long margin = Math.max(MIN_DEADLINE_MARGIN_NANOS, Math.min(MAX_DEADLINE_MARGIN.toNanos(), timeouts / 5));
		return nowNanos + timeouts + margin;
	}

	/**
	 * Send a request on a thread of its own.
	 * @param exchange the request
	 */
	void send(Exchange exchange) {
		this.inFlight.add(exchange);
		try {
			this.executor.execute(() -> run(exchange));
		}
		catch (RejectedExecutionException ex) {
			exchange.complete(null, new IOException("no thread left to send the request on: " + ex.getMessage()));
			this.answered.add(exchange);
		}
	}

	private void run(Exchange exchange) {
		exchange.runningOn(Thread.currentThread());
		TransportResponse response = null;
		Throwable failure = null;
		try {
			response = this.transport.send(exchange.request);
			if (response == null) {
				failure = new IOException("the transport answered nothing");
			}
		}
		catch (Throwable ex) {
			failure = ex;
		}
		finally {
			exchange.runningOn(null);
			// an interrupt meant for this request must not reach the next one on this
			// thread
			Thread.interrupted();
		}
		if (exchange.complete(response, failure)) {
			this.answered.add(exchange);
			this.wake.run();
		}
		else {
			this.abandoned.decrementAndGet();
		}
	}

	/**
	 * Take the next answered exchange out of flight.
	 * @return the exchange, or {@code null} if none is waiting
	 */
	@Nullable Exchange poll() {
		Exchange exchange = this.answered.poll();
		if (exchange != null) {
			this.inFlight.remove(exchange);
		}
		return exchange;
	}

	boolean hasAnswers() {
		return !this.answered.isEmpty();
	}

	/**
	 * Give up the exchanges whose deadline passed.
	 * @param nowNanos the time
	 * @return the exchanges given up, out of flight now
	 */
	List<Exchange> expire(long nowNanos) {
		List<Exchange> expired = null;
		for (Iterator<Exchange> iterator = this.inFlight.iterator(); iterator.hasNext();) {
			Exchange exchange = iterator.next();
			if (nowNanos - exchange.deadlineNanos >= 0 && exchange.expire()) {
				iterator.remove();
				this.abandoned.incrementAndGet();
				expired = (expired != null) ? expired : new ArrayList<>();
				expired.add(exchange);
			}
		}
		return (expired != null) ? expired : List.of();
	}

	/**
	 * Return the earliest deadline of the exchanges in flight.
	 * @param orElse the time returned when nothing is in flight
	 * @return the deadline
	 */
	long earliestDeadline(long orElse) {
		long earliest = orElse;
		for (Exchange exchange : this.inFlight) {
			if (exchange.deadlineNanos - earliest < 0) {
				earliest = exchange.deadlineNanos;
			}
		}
		return earliest;
	}

	/**
	 * Learn from how a request ended, to set the next read timeout.
	 * @param exchange the exchange
	 * @param timedOut whether it ended by a timeout
	 * @param nowNanos the time
	 */
	void learn(Exchange exchange, boolean timedOut, long nowNanos) {
		if (timedOut) {
			Duration doubled = this.readTimeout.multipliedBy(2);
			this.readTimeout = (doubled.compareTo(this.maxReadTimeout) > 0) ? this.maxReadTimeout : doubled;
			return;
		}
		long tookNanos = nowNanos - exchange.startedNanos;
		if (tookNanos < this.readTimeout.toNanos() / 4 && this.readTimeout.compareTo(this.baseReadTimeout) > 0) {
			Duration halved = this.readTimeout.dividedBy(2);
			this.readTimeout = (halved.compareTo(this.baseReadTimeout) < 0) ? this.baseReadTimeout : halved;
		}
	}

	/**
	 * Whether a failure is a read timeout: connected, but no answer in time.
	 * @param failure the failure
	 * @return whether the answer timed out
	 */
	static boolean isReadTimeout(@Nullable Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof HttpConnectTimeoutException) {
				return false;
			}
			if (cause instanceof HttpTimeoutException || cause instanceof SocketTimeoutException) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Stop the request threads, interrupting those still out.
	 * @param waitMillis how long to wait for them
	 */
	void shutdown(long waitMillis) {
		for (Exchange exchange : this.inFlight) {
			exchange.expire();
		}
		this.executor.shutdownNow();
		try {
			this.executor.awaitTermination(waitMillis, TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
