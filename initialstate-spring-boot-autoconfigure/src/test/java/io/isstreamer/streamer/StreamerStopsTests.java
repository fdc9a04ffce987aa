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
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import io.isstreamer.streamer.internal.DefaultStreamer;
import io.isstreamer.streamer.internal.Diagnostics;
import io.isstreamer.streamer.transport.Transport;
import io.isstreamer.streamer.transport.TransportRequest;
import io.isstreamer.streamer.transport.TransportResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.awaitility.Awaitility.await;

/**
 * Every wait is bounded and every stop is visible: a long {@code Retry-After}, a
 * transport that never answers, a sender that dies, a flush or a close asked to wait any
 * time at all.
 */
@Timeout(120)
class StreamerStopsTests {

	@TempDir
	Path spoolDirectory;

	private final List<Streamer> streamers = new ArrayList<>();

	private final CountDownLatch released = new CountDownLatch(1);

	@AfterEach
	void closeStreamers() {
		this.released.countDown();
		this.streamers.forEach(Streamer::close);
		this.streamers.forEach((streamer) -> StreamerFailureTests.assertBalanced(streamer.stats()));
	}

	@Test
	void aLongRetryAfterIsRateLimitedItsBatchesGoToTheSpoolAndCloseDoesNotWaitForIt() throws Exception {
		RecordingTransport transport = new RecordingTransport()
			.answer((request) -> (request.kind() == TransportRequest.Kind.CREATE_BUCKET) ? TransportResponse.of(201)
					: new TransportResponse(429, Map.of("Retry-After", "3600"), ""));
		Streamer streamer = streamer(transport, (builder) -> builder.closeTimeout(Duration.ofMinutes(10)));
		for (int i = 0; i < 100; i++) {
			streamer.log("k", i);
		}
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			StreamerStats stats = streamer.stats();
			assertThat(stats.serviceStatus()).isEqualTo(ServiceStatus.RATE_LIMITED);
			assertThat(stats.spoolBacklog()).isEqualTo(100);
			assertThat(stats.pending()).isZero();
		});
		CompletableFuture<Void> closed = CompletableFuture.runAsync(streamer::close);
		// nothing can be sent before the close timeout: it does not wait it out
		closed.get(60, TimeUnit.SECONDS);
		assertThat(streamer.stats().spoolBacklog()).isEqualTo(100);
		assertThat(transport.eventRequests()).hasSize(1);
	}

	@Test
	void aTransportThatNeverAnswersIsGivenUpAtTheDeadlineAndDeliveryGoesOnOnceItAnswers() {
		AtomicBoolean hang = new AtomicBoolean(true);
		RecordingTransport transport = new RecordingTransport().answer((request) -> {
			if (request.kind() == TransportRequest.Kind.SEND_EVENTS && hang.get()) {
				awaitUninterruptibly(this.released);
			}
			return TransportResponse.of((request.kind() == TransportRequest.Kind.CREATE_BUCKET) ? 201 : 204);
		});
		Streamer streamer = streamer(transport,
				(builder) -> builder.connectTimeout(Duration.ofMillis(100))
					.readTimeout(Duration.ofMillis(100))
					.maxReadTimeout(Duration.ofMillis(100)));
		for (int i = 0; i < 10; i++) {
			streamer.log("k", i);
		}
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			StreamerStats stats = streamer.stats();
			assertThat(stats.requestFailures()).isGreaterThanOrEqualTo(1);
			assertThat(stats.lastError()).contains("no answer within");
			assertThat(stats.serviceStatus()).isIn(ServiceStatus.RETRYING, ServiceStatus.UNREACHABLE);
			assertThat(stats.spoolBacklog()).isEqualTo(10);
		});
		hang.set(false);
		streamer.replaySpool();
		await().atMost(Duration.ofSeconds(30)).until(() -> streamer.stats().delivered() == 10);
		assertThat(streamer.stats().serviceStatus()).isEqualTo(ServiceStatus.OK);
	}

	@Test
	void aSenderThatDiesOfAnErrorIsFailedRefusesEventsAndCompletesItsFlushesWithFalse() {
		AtomicBoolean die = new AtomicBoolean();
		CountDownLatch sending = new CountDownLatch(1);
		RecordingTransport transport = new RecordingTransport().answer((request) -> {
			if (request.kind() == TransportRequest.Kind.SEND_EVENTS) {
				sending.countDown();
				awaitUninterruptibly(this.released);
			}
			return TransportResponse.of((request.kind() == TransportRequest.Kind.CREATE_BUCKET) ? 201 : 204);
		});
		DefaultStreamer streamer = (DefaultStreamer) Streamer.builder()
			.transport(transport)
			.bucketKey("b")
			.spoolDirectory(this.spoolDirectory)
			.shutdownHook(false)
			.diagnostics(new Diagnostics(true, (point) -> {
				if (die.get() && point.equals("route")) {
					throw new OutOfMemoryError("injected");
				}
			}))
			.build();
		this.streamers.add(streamer);
		for (int i = 0; i < 50; i++) {
			streamer.log("k", i);
		}
		awaitUninterruptibly(sending);
		CompletableFuture<Boolean> flushed = streamer.flushAsync();
		die.set(true);
		streamer.log("k", 50);
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(streamer.stats().serviceStatus()).isEqualTo(ServiceStatus.FAILED));
		assertThat(flushed).succeedsWithin(Duration.ofSeconds(30)).isEqualTo(false);
		assertThat(streamer.log("k", "after")).isFalse();
		StreamerStats stats = streamer.stats();
		assertThat(stats.rejectedByReason()).containsEntry(RejectReason.STREAMER_FAILED, 1L);
		// what it held was kept in the spool, or counted
		assertThat(stats.pending()).isZero();
		assertThat(stats.spoolBacklog() + stats.delivered() + stats.dropped()).isEqualTo(51);
		assertThat(streamer.flushAsync()).succeedsWithin(Duration.ofSeconds(5)).isEqualTo(false);
		assertThat(streamer.ledgerViolations()).isEmpty();
		this.released.countDown();
	}

	@Test
	void anAnswerThatComesWhileCloseGivesUpTheRequestsInFlightStillCounts() {
		CountDownLatch sending = new CountDownLatch(1);
		CountDownLatch answer = new CountDownLatch(1);
		AtomicReference<Thread> requestThread = new AtomicReference<>();
		AtomicBoolean answered = new AtomicBoolean();
		RecordingTransport transport = new RecordingTransport().answer((request) -> {
			if (request.kind() == TransportRequest.Kind.CREATE_BUCKET) {
				return TransportResponse.of(201);
			}
			requestThread.set(Thread.currentThread());
			sending.countDown();
			awaitUninterruptibly(answer);
			answered.set(true);
			return TransportResponse.of(204);
		});
		DefaultStreamer streamer = (DefaultStreamer) streamer(transport,
				(builder) -> builder.closeTimeout(Duration.ofMillis(100)).diagnostics(new Diagnostics(true, (point) -> {
					if (point.equals("stopping")) {
						// the sender has taken the answers there were; the request
						// answers now, before the sender gives up what is still in flight
						answer.countDown();
						await().atMost(Duration.ofSeconds(30))
							.until(() -> answered.get() && isIdle(requestThread.get()));
					}
				})));
		for (int i = 0; i < 10; i++) {
			streamer.log("k", i);
		}
		awaitUninterruptibly(sending);
		streamer.close();
		// close waits a grace period for the sender's last steps, not forever
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			StreamerStats stats = streamer.stats();
			assertThat(stats.delivered()).as("%s", stats).isEqualTo(10);
			assertThat(stats.pending()).isZero();
			assertThat(stats.spoolBacklog()).isZero();
		});
		assertThat(transport.eventRequests()).hasSize(1);
		assertThat(streamer.ledgerViolations()).isEmpty();
	}

	/**
	 * Whether a request thread is done with its request: back in its pool, waiting for
	 * the next one, or ended.
	 */
	private static boolean isIdle(Thread thread) {
		Thread.State state = thread.getState();
		return state == Thread.State.TIMED_WAITING || state == Thread.State.WAITING || state == Thread.State.TERMINATED;
	}

	@Test
	void flushWaitsAtMostTheTimeItIsGivenWhateverItsSizeAndNeverThrows() {
		RecordingTransport transport = new RecordingTransport();
		Streamer streamer = streamer(transport, (builder) -> builder);
		streamer.log("k", 1);
		assertThat(streamer.flush(Duration.ofSeconds(Long.MAX_VALUE))).isTrue();
		assertThat(streamer.flush(ChronoDurations.MAX)).isTrue();
		assertThatNoException().isThrownBy(() -> streamer.flush(Duration.ZERO));
		assertThatNoException().isThrownBy(() -> streamer.flush(Duration.ofSeconds(Long.MIN_VALUE)));
		assertThatNoException().isThrownBy(() -> streamer.flush(Duration.ofNanos(-1)));
	}

	@Test
	void interruptingCloseStillReleasesEveryThreadAndKeepsTheInterrupt() throws Exception {
		Transport hanging = (request) -> {
			if (request.kind() == TransportRequest.Kind.CREATE_BUCKET) {
				return TransportResponse.of(201);
			}
			awaitUninterruptibly(this.released);
			throw new IOException("released");
		};
		Streamer streamer = Streamer.builder()
			.transport(hanging)
			.bucketKey("b")
			.spoolDirectory(this.spoolDirectory)
			.closeTimeout(Duration.ofMinutes(10))
			.readTimeout(Duration.ofMinutes(5))
			.shutdownHook(false)
			.build();
		for (int i = 0; i < 20; i++) {
			streamer.log("k", i);
		}
		await().atMost(Duration.ofSeconds(10)).until(() -> streamer.stats().requests() >= 2);
		AtomicBoolean interruptKept = new AtomicBoolean();
		Thread closer = new Thread(() -> {
			streamer.close();
			interruptKept.set(Thread.currentThread().isInterrupted());
		});
		closer.start();
		await().atMost(Duration.ofSeconds(10)).until(() -> closer.getState() != Thread.State.RUNNABLE);
		closer.interrupt();
		closer.join(TimeUnit.SECONDS.toMillis(60));
		assertThat(closer.isAlive()).isFalse();
		assertThat(interruptKept).isTrue();
		StreamerStats stats = streamer.stats();
		assertThat(stats.state()).isEqualTo(StreamerStats.State.CLOSED);
		assertThat(stats.spoolBacklog()).isEqualTo(20);
		this.released.countDown();
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(StreamerLifecycleTests.ourThreads()).isEmpty());
	}

	@Test
	void memoryHoldsNoMoreEventsThanItsBoundTheQueueIncluded() {
		RecordingTransport transport = new RecordingTransport().answer((request) -> {
			if (request.kind() == TransportRequest.Kind.SEND_EVENTS) {
				awaitUninterruptibly(this.released);
			}
			return TransportResponse.of((request.kind() == TransportRequest.Kind.CREATE_BUCKET) ? 201 : 204);
		});
		Streamer streamer = streamer(transport,
				(builder) -> builder.maxBufferedEvents(1000).spoolEnabled(false).readTimeout(Duration.ofMinutes(5)));
		AtomicInteger accepted = new AtomicInteger();
		for (int i = 0; i < 20_000; i++) {
			accepted.addAndGet(streamer.log("k", i) ? 1 : 0);
			if (i % 100 == 0) {
				assertThat(streamer.stats().pending()).isLessThanOrEqualTo(1000);
			}
		}
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			StreamerStats stats = streamer.stats();
			assertThat(stats.pending()).isLessThanOrEqualTo(1000);
			assertThat(stats.dropped()).isGreaterThan(0);
		});
		this.released.countDown();
	}

	@Test
	void bucketsWithNothingToDoAreForgottenSoABucketPerJobDoesNotAddUp() {
		RecordingTransport transport = new RecordingTransport();
		DefaultStreamer streamer = (DefaultStreamer) Streamer.builder()
			.transport(transport)
			.bucketKey("job-0")
			.spoolDirectory(this.spoolDirectory)
			.flushInterval(Duration.ofMillis(10))
			.shutdownHook(false)
			.diagnostics(new Diagnostics(false, (point) -> {
			}, Duration.ofMillis(100)))
			.build();
		this.streamers.add(streamer);
		for (int job = 1; job <= 50; job++) {
			streamer.setBucket("Job " + job, "job-" + job);
			streamer.log("k", job);
			assertThat(streamer.flush(Duration.ofSeconds(10))).isTrue();
		}
		await().atMost(Duration.ofSeconds(30)).until(() -> streamer.bucketsInMemory() <= 2);
		assertThat(transport.eventRequests()).hasSize(50);
	}

	@Test
	void aBigNumberWhoseMethodsThrowIsRefusedAsUnreadableNotThrown() {
		Streamer streamer = streamer(new RecordingTransport(), (builder) -> builder);
		BigInteger hostileInteger = new BigInteger("12345") {

			@Override
			public double doubleValue() {
				throw new IllegalStateException("hostile");
			}

			@Override
			public byte[] toByteArray() {
				throw new IllegalStateException("hostile");
			}

		};
		BigDecimal hostileDecimal = new BigDecimal("1.5") {

			@Override
			public String toString() {
				throw new IllegalStateException("hostile");
			}

			@Override
			public BigInteger unscaledValue() {
				throw new IllegalStateException("hostile");
			}

		};
		assertThat(streamer.log("integer", hostileInteger)).isFalse();
		assertThat(streamer.log("decimal", hostileDecimal)).isFalse();
		assertThat(streamer.stats().rejectedByReason()).containsEntry(RejectReason.VALUE_UNREADABLE, 2L);
	}

	private Streamer streamer(Transport transport, java.util.function.UnaryOperator<StreamerBuilder> customizer) {
		Streamer streamer = customizer
			.apply(Streamer.builder()
				.transport(transport)
				.bucketKey("b")
				.spoolDirectory(this.spoolDirectory)
				.flushInterval(Duration.ofMillis(50))
				.retryPolicy(new RetryPolicy(3, Duration.ofMillis(20), Duration.ofMillis(100), 2, 0.2))
				.shutdownHook(false))
			.build();
		this.streamers.add(streamer);
		return streamer;
	}

	private static void awaitUninterruptibly(CountDownLatch latch) {
		boolean interrupted = false;
		while (true) {
			try {
				latch.await();
				break;
			}
			catch (InterruptedException ex) {
				interrupted = true;
			}
		}
		if (interrupted) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * Durations at the edge of what {@link Duration} holds.
	 */
	private static final class ChronoDurations {

		static final Duration MAX = Duration.ofSeconds(Long.MAX_VALUE, 999_999_999);

	}

}
