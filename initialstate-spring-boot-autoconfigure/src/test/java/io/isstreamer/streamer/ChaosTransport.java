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

	private final AtomicLong acceptedEvents = new AtomicLong();

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
			for (SentEvent event : SentEvent.parse(request.bucketKey(), request.body())) {
				this.accepted.add(event.value());
				this.acceptedEvents.incrementAndGet();
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
	 * Return the values of the events accepted, each once.
	 * @return the values
	 */
	Set<String> acceptedValues() {
		return this.accepted;
	}

}
