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

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

import io.isstreamer.streamer.Streamer;

/**
 * Application threads logging at a fixed rate (or flat out) for a fixed time, as a sensor
 * loop or a busy service would.
 */
final class Producers {

	private static final String[] KEYS = new String[64];

	static {
		for (int i = 0; i < KEYS.length; i++) {
			KEYS[i] = "sensor_" + i + "_temperature";
		}
	}

	private Producers() {
	}

	/**
	 * Log from several threads and wait until they are done.
	 * @param streamer where to log
	 * @param threads how many threads
	 * @param eventsPerSecond the total rate offered, 0 for flat out
	 * @param seconds how long
	 * @param sequenceValues whether values are a sequence number
	 * ({@code i * threads + t}, unique in the run) rather than changing doubles
	 * @return what was offered and accepted
	 * @throws InterruptedException if interrupted
	 */
	static Offered run(Streamer streamer, int threads, long eventsPerSecond, double seconds, boolean sequenceValues)
			throws InterruptedException {
		LongAdder offered = new LongAdder();
		LongAdder accepted = new LongAdder();
		long start = System.nanoTime();
		long end = start + (long) (seconds * TimeUnit.SECONDS.toNanos(1));
		List<Thread> workers = new ArrayList<>();
		for (int t = 0; t < threads; t++) {
			int index = t;
			Thread worker = new Thread(() -> {
				long perThread = eventsPerSecond / threads;
				long count = 0;
				long ok = 0;
				double value = 20.0;
				long now;
				while ((now = System.nanoTime()) - end < 0) {
					long due = (perThread > 0) ? (now - start) * perThread / TimeUnit.SECONDS.toNanos(1) : count + 1000;
					while (count < due) {
						String key = KEYS[(int) (count & (KEYS.length - 1))];
						boolean logged = sequenceValues ? streamer.log(key, count * threads + index)
								: streamer.log(key, value += 0.25);
						ok += logged ? 1 : 0;
						count++;
					}
					if (perThread > 0) {
						LockSupport.parkNanos(200_000);
					}
				}
				offered.add(count);
				accepted.add(ok);
			}, "producer-" + t);
			workers.add(worker);
			worker.start();
		}
		for (Thread worker : workers) {
			worker.join();
		}
		return new Offered(offered.sum(), accepted.sum(), (System.nanoTime() - start) / 1e9);
	}

	/**
	 * What the producers did.
	 *
	 * @param calls calls to {@code log}
	 * @param accepted calls that returned {@code true}
	 * @param seconds how long they ran
	 */
	record Offered(long calls, long accepted, double seconds) {

		double rate() {
			return this.calls / this.seconds;
		}

	}

}
