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

import java.lang.management.ManagementFactory;
import java.time.Duration;

import com.sun.management.ThreadMXBean;
import io.isstreamer.streamer.transport.TransportResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What {@code log()} allocates on the caller's thread. Timings are left to the
 * benchmarks, as shared machines make them noisy; allocation per call is deterministic
 * once the JIT has compiled the call, so it is gated here: the event object and nothing
 * else (DESIGN.md: at most 48 bytes per call).
 */
class LogAllocationTests {

	private static final int MAX_BYTES_PER_CALL = 48;

	private static final int BURST = 10_000;

	private final ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();

	private final String[] keys = new String[64];

	private Streamer streamer;

	@BeforeEach
	void start() {
		this.streamer = Streamer.builder()
			.transport((request) -> TransportResponse.of(204))
			.bucketKey("allocation")
			.spoolEnabled(false)
			.requestsPerSecond(1000)
			.build();
		for (int i = 0; i < this.keys.length; i++) {
			this.keys[i] = "sensor_" + i + "_temperature";
		}
	}

	@AfterEach
	void close() {
		this.streamer.close();
	}

	@Test
	void logAllocatesNoMoreThanTheEventWhileTheQueueHasRoom() {
		Object[] values = { "open", 21.5, 42, 7L, true };
		long fewest = Long.MAX_VALUE;
		// The JIT removes the timestamp's Instant only once log() is compiled: warm up,
		// then keep the best of several measured bursts
		for (int round = 0; round < 60; round++) {
			long allocated = burst(values);
			if (round >= 30) {
				fewest = Math.min(fewest, allocated);
			}
		}
		assertThat(fewest / (double) BURST).as("bytes allocated per log() call")
			.isLessThanOrEqualTo(MAX_BYTES_PER_CALL);
		assertThat(this.streamer.stats().dropped()).isZero();
	}

	/**
	 * Log a burst well below the queue's capacity, then wait until the sender took it.
	 * @return the bytes this thread allocated while logging
	 */
	private long burst(Object[] values) {
		long threadId = Thread.currentThread().getId();
		long before = this.threads.getThreadAllocatedBytes(threadId);
		int accepted = 0;
		for (int i = 0; i < BURST; i++) {
			accepted += this.streamer.log(this.keys[i & 63], values[i % values.length]) ? 1 : 0;
		}
		long allocated = this.threads.getThreadAllocatedBytes(threadId) - before;
		assertThat(accepted).isEqualTo(BURST);
		await().atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofMillis(5))
			.until(() -> this.streamer.stats().pending() == 0);
		return allocated;
	}

}
