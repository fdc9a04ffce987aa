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

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

import io.isstreamer.streamer.transport.Transport;
import io.isstreamer.streamer.transport.TransportRequest;
import io.isstreamer.streamer.transport.TransportResponse;

/**
 * Transports for the benchmarks: one that answers at once, as a service with no latency
 * would, and one that never answers, as a hanging service.
 */
final class Transports {

	private Transports() {
	}

	/**
	 * A transport that accepts every request at once and keeps nothing but counts.
	 */
	static final class Instant implements Transport {

		final AtomicLong requests = new AtomicLong();

		final AtomicLong bytes = new AtomicLong();

		@Override
		public TransportResponse send(TransportRequest request) {
			this.requests.incrementAndGet();
			this.bytes.addAndGet(request.body().length);
			return TransportResponse.of((request.kind() == TransportRequest.Kind.CREATE_BUCKET) ? 201 : 204);
		}

	}

	/**
	 * A transport whose requests hang until it is closed.
	 */
	static final class Hanging implements Transport {

		private final CountDownLatch released = new CountDownLatch(1);

		@Override
		public TransportResponse send(TransportRequest request) {
			try {
				this.released.await();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			return TransportResponse.of(503);
		}

		@Override
		public void close() {
			this.released.countDown();
		}

	}

}
