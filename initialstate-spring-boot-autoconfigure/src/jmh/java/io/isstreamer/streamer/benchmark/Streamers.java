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

import java.util.concurrent.TimeUnit;

import io.isstreamer.streamer.Streamer;
import io.isstreamer.streamer.transport.Transport;

/**
 * Streamers set up for the benchmarks.
 */
final class Streamers {

	private Streamers() {
	}

	/**
	 * A streamer with the default queue and batching, no spool, paced fast enough that
	 * the sender empties the queue between bursts within milliseconds.
	 * @param transport the transport
	 * @return the streamer
	 */
	static Streamer draining(Transport transport) {
		return Streamer.builder()
			.transport(transport)
			.bucketKey("benchmark")
			.spoolEnabled(false)
			.requestsPerSecond(200)
			.build();
	}

	/**
	 * Wait until the sender delivered everything.
	 * @param streamer the streamer
	 * @throws InterruptedException if interrupted
	 */
	static void awaitEmpty(Streamer streamer) throws InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
		while (streamer.stats().pending() > 0) {
			if (System.nanoTime() - deadline > 0) {
				throw new IllegalStateException("The sender did not empty the queue: " + streamer.stats());
			}
			Thread.sleep(1);
		}
	}

}
