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

import java.net.ConnectException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An event's time in memory counts from when it was queued. While the service cannot be
 * reached but the sender still retries, and the spool holds a backlog, the sender sleeps
 * without being woken by each new event; the events it finds on waking have already
 * waited, and must reach the spool a flush interval after they were queued, not a flush
 * interval after the sender looked (a kill would lose them meanwhile).
 * <p>
 * This is a bound in time, so it is measured with a short flush interval against the
 * sender's longest sleep (one second): an event queued just after the sender fell asleep
 * reached the spool only after that second plus a flush interval.
 */
class StreamerQueueAgeTests {

	private static final Duration FLUSH_INTERVAL = Duration.ofMillis(50);

	@TempDir
	Path spool;

	@Test
	void anEventQueuedWhileTheSenderSleepsReachesTheSpoolWithinAboutAFlushInterval() {
		Streamer streamer = Streamer.builder()
			.accessKey("queue-age")
			.apiBase(URI.create("http://127.0.0.1:9"))
			.bucketKey("queue-age")
			.spoolDirectory(this.spool)
			.flushInterval(FLUSH_INTERVAL)
			// the service stays unreachable, and the sender keeps retrying it
			.retryPolicy(new RetryPolicy(1000, Duration.ofMinutes(1), Duration.ofMinutes(1), 2.0, 0))
			.transport((request) -> {
				throw new ConnectException("connection refused (test)");
			})
			.shutdownHook(false)
			.closeTimeout(Duration.ofMillis(200))
			.build();
		try {
			streamer.log("k", 1);
			await().atMost(Duration.ofSeconds(10))
				.pollInterval(Duration.ofMillis(5))
				.until(() -> streamer.stats().spoolBacklog() == 1);
			assertThat(streamer.stats().serviceStatus()).isEqualTo(ServiceStatus.RETRYING);
			// the sender has just written the spool line and gone to sleep
			long logged = System.nanoTime();
			streamer.log("k", 2);
			await().atMost(Duration.ofSeconds(10))
				.pollInterval(Duration.ofMillis(5))
				.until(() -> streamer.stats().spoolBacklog() == 2);
			Duration inMemory = Duration.ofNanos(System.nanoTime() - logged);
			// before the fix: the sender's whole sleep (one second) plus a flush interval
			assertThat(inMemory).isLessThan(Duration.ofMillis(600));
		}
		finally {
			streamer.close();
		}
	}

}
