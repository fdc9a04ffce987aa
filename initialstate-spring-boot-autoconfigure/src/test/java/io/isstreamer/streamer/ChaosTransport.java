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

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import io.isstreamer.streamer.transport.Transport;
import io.isstreamer.streamer.transport.TransportRequest;
import io.isstreamer.streamer.transport.TransportResponse;

/**
 * A service that misbehaves at random, from a seed: it answers 204, or 503, 429, 413,
 * fails to connect, throws, hangs past the request's deadline, and refuses (400) any
 * request that carries a poisoned event. It remembers every event value it accepted.
 */
class ChaosTransport implements Transport {

	static final String POISON = "poison";

	private final Random random;

	private final Set<String> accepted = ConcurrentHashMap.newKeySet();

	private final AtomicLong duplicates = new AtomicLong();

	private final AtomicLong largestAccepted = new AtomicLong();

	private final AtomicLong acceptedLate = new AtomicLong();

	private volatile boolean healthy;

	ChaosTransport(long seed) {
		this.random = new Random(seed);
	}

	/**
	 * From now on, accept everything at once (but still refuse poisoned events).
	 */
	ChaosTransport healthy() {
		this.healthy = true;
		return this;
	}

	@Override
	public TransportResponse send(TransportRequest request) throws IOException {
		double roll;
		synchronized (this.random) {
			roll = this.healthy ? 0 : this.random.nextDouble();
		}
		if (request.kind() == TransportRequest.Kind.CREATE_BUCKET) {
			return TransportResponse.of((roll < 0.9) ? 201 : 503);
		}
		String body = new String(request.body(), StandardCharsets.UTF_8);
		if (body.contains(POISON)) {
			return new TransportResponse(400, Map.of(), "{\"message\":\"invalid value\"}");
		}
		if (roll < 0.70) {
			long started = System.nanoTime();
			List<SentEvent> events = SentEvent.parse(request.bucketKey(), request.body());
			for (SentEvent event : events) {
				// the value as sent, a JSON string: without its quotes
				if (!this.accepted.add(event.value().substring(1, event.value().length() - 1))) {
					this.duplicates.incrementAndGet();
				}
			}
			this.largestAccepted.accumulateAndGet(events.size(), Math::max);
			// the sender interrupts a request it gives up; one that took its whole read
			// timeout here may have been given up before this answer reached it
			Duration timeout = request.readTimeout();
			if (Thread.currentThread().isInterrupted()
					|| (timeout != null && System.nanoTime() - started >= timeout.toNanos())) {
				this.acceptedLate.addAndGet(events.size());
			}
			return new TransportResponse(204, Map.of(), "");
		}
		if (roll < 0.78) {
			return TransportResponse.of(503);
		}
		if (roll < 0.84) {
			return new TransportResponse(429, Map.of("Retry-After", "0"), "");
		}
		if (roll < 0.87 && request.body().length > 2048) {
			return TransportResponse.of(413);
		}
		if (roll < 0.93) {
			throw new IOException("connection refused (chaos)");
		}
		if (roll < 0.97) {
			throw new IllegalStateException("a transport with a bug (chaos)");
		}
		// longer than the request's deadline: the dispatcher gives it up
		try {
			Thread.sleep(10_000);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		throw new IOException("hung (chaos)");
	}

	/**
	 * Return how many events were accepted again, after they had been once (at least once
	 * delivery: a request given up at its deadline may have gone through).
	 * @return the count
	 */
	long duplicates() {
		return this.duplicates.get();
	}

	/**
	 * Return the most events one accepted request held.
	 * @return the count
	 */
	long largestAccepted() {
		return this.largestAccepted.get();
	}

	/**
	 * Return how many events were accepted by requests that answered so late, or to a
	 * thread so interrupted, that the sender may have given them up already: they
	 * arrived, but the sender cannot know it.
	 * @return the count
	 */
	long acceptedLate() {
		return this.acceptedLate.get();
	}

	/**
	 * Return the values of the events accepted, each once.
	 * @return the values
	 */
	Set<String> acceptedValues() {
		return this.accepted;
	}

}
