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
import java.nio.file.Path;
import java.time.Duration;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import io.isstreamer.streamer.spool.Spool;
import io.isstreamer.streamer.transport.TransportRequest;
import io.isstreamer.streamer.transport.TransportResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

/**
 * A {@link ManagedStreamer} takes its threads and spool in {@code start()} and releases
 * them in {@code stop()}, symmetric and repeatable; events logged while it is stopped
 * wait for the next start.
 */
@Timeout(120)
@ExtendWith(OutputCaptureExtension.class)
class StreamerManagedTests {

	@TempDir
	Path spoolDirectory;

	@Test
	void eventsLoggedBeforeStartAreQueuedAndDeliveredOnceItStarts() {
		RecordingTransport transport = new RecordingTransport();
		ManagedStreamer streamer = builder(transport).buildStopped();
		try {
			assertThat(StreamerLifecycleTests.ourThreads()).isEmpty();
			assertThat(streamer.isRunning()).isFalse();
			for (int i = 0; i < 10; i++) {
				assertThat(streamer.log("k", i)).isTrue();
			}
			StreamerStats stopped = streamer.stats();
			assertThat(stopped.state()).isEqualTo(StreamerStats.State.STOPPED);
			assertThat(stopped.queued()).isEqualTo(10);
			assertThat(streamer.flush(Duration.ofSeconds(1))).as("nothing is sent while stopped").isFalse();
			assertThat(transport.requests()).isEmpty();
			streamer.start();
			assertThat(streamer.flush(Duration.ofSeconds(30))).isTrue();
			assertThat(transport.events()).hasSize(10);
		}
		finally {
			streamer.close();
		}
	}

	@Test
	void stopReleasesTheThreadsAndTheSpoolAndStartTakesThemAgain() throws IOException {
		RecordingTransport transport = new RecordingTransport();
		ManagedStreamer streamer = builder(transport).buildStopped();
		try {
			for (int round = 0; round < 3; round++) {
				streamer.start();
				assertThat(StreamerLifecycleTests.ourThreads()).anyMatch((name) -> name.contains("sender"));
				streamer.log("k", round);
				assertThat(streamer.flush(Duration.ofSeconds(30))).isTrue();
				streamer.stop();
				assertThat(streamer.stats().state()).isEqualTo(StreamerStats.State.STOPPED);
				await().atMost(Duration.ofSeconds(10))
					.untilAsserted(() -> assertThat(StreamerLifecycleTests.ourThreads()).isEmpty());
				// the spool's lock is free: another spool can open the directory
				try (Spool other = Spool.open(spoolDirectoryOf(streamer), Spool.DEFAULT_MAX_BYTES,
						(bucketKey, events, reason) -> {
						})) {
					assertThat(other.backlogEvents()).isZero();
				}
			}
			streamer.log("k", "while stopped");
			streamer.start();
			assertThat(streamer.flush(Duration.ofSeconds(30))).isTrue();
			assertThat(transport.events()).hasSize(4);
		}
		finally {
			streamer.close();
		}
		assertThatIllegalStateException().isThrownBy(streamer::start).withMessageContaining("closed");
	}

	@Test
	void closeDeliversOrSpoolsWhatWasLoggedAfterStop() {
		RecordingTransport transport = new RecordingTransport();
		ManagedStreamer streamer = builder(transport).buildStopped();
		streamer.start();
		streamer.stop();
		streamer.log("k", "after stop");
		streamer.close();
		assertThat(transport.events()).hasSize(1);
		StreamerFailureTests.assertBalanced(streamer.stats());
	}

	@Test
	void twoApplicationsOnOneKeyAndHostHaveSpoolsOfTheirOwn() {
		RecordingTransport transport = new RecordingTransport();
		StreamerBuilder first = builder(transport).applicationName("orders");
		StreamerBuilder second = builder(transport).applicationName("billing");
		Path firstSpool = StreamerBuilderAccess.config(first).spoolDirectory();
		Path secondSpool = StreamerBuilderAccess.config(second).spoolDirectory();
		assertThat(firstSpool).isNotEqualTo(secondSpool);
		assertThat(firstSpool.getFileName().toString()).contains("orders");
		try (Streamer orders = first.build(); Streamer billing = second.build()) {
			orders.log("k", 1);
			billing.log("k", 2);
			assertThat(orders.flush(Duration.ofSeconds(30))).isTrue();
			assertThat(billing.flush(Duration.ofSeconds(30))).isTrue();
		}
	}

	@Test
	void stoppingSaysWhatWasDeliveredAndWhatWaitsInTheSpool(CapturedOutput output) {
		Logger logger = (Logger) LoggerFactory.getLogger(Streamer.class);
		Level level = logger.getLevel();
		logger.setLevel(Level.INFO);
		try {
			stopAndReport(output);
		}
		finally {
			logger.setLevel(level);
		}
	}

	private void stopAndReport(CapturedOutput output) {
		RecordingTransport transport = new RecordingTransport().answer(
				(request) -> TransportResponse.of((request.kind() == TransportRequest.Kind.CREATE_BUCKET) ? 201 : 503));
		ManagedStreamer streamer = builder(transport).closeTimeout(Duration.ofMillis(200)).buildStopped();
		streamer.start();
		for (int i = 0; i < 5; i++) {
			streamer.log("k", i);
		}
		await().atMost(Duration.ofSeconds(30)).until(() -> streamer.stats().spoolBacklog() == 5);
		streamer.close();
		assertThat(output.getAll()).contains("Initial State streamer stopped: 0 events delivered; 5 events wait in "
				+ "the spool " + spoolDirectoryOf(streamer));
	}

	private Path spoolDirectoryOf(ManagedStreamer streamer) {
		return this.spoolDirectory.resolve(StreamerBuilder.spoolDirectoryName("", "b"));
	}

	private StreamerBuilder builder(RecordingTransport transport) {
		return Streamer.builder()
			.transport(transport)
			.bucketKey("b")
			.spoolDirectory(this.spoolDirectory)
			.flushInterval(Duration.ofMillis(50))
			.retryPolicy(new RetryPolicy(1000, Duration.ofMillis(20), Duration.ofMillis(50), 2, 0.2))
			.shutdownHook(false);
	}

}
