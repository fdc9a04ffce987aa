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
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

import io.isstreamer.streamer.FaultyService.Fault;
import io.isstreamer.streamer.FaultyService.Received;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Network faults from a loopback service that misbehaves on raw sockets: nothing is lost,
 * nothing is duplicated but what a lost answer forces, no thread is left stuck, and the
 * counters add up.
 */
@ExtendWith(OutputCaptureExtension.class)
@Timeout(120)
class StreamerNetworkFaultTests {

	static final String ACCESS_KEY = "ist_network_secret_0a1b2c3d4e5f";

	@TempDir
	Path spoolDirectory;

	private FaultyService service;

	private Streamer streamer;

	private List<String> threadsBefore;

	private final AtomicInteger values = new AtomicInteger();

	@BeforeEach
	void startService() throws IOException {
		this.threadsBefore = StreamerLifecycleTests.ourThreads();
		this.service = new FaultyService();
	}

	@AfterEach
	void stopAndCheck(CapturedOutput output) throws IOException {
		try {
			if (this.streamer != null) {
				long start = System.nanoTime();
				this.streamer.close();
				assertThat(Duration.ofNanos(System.nanoTime() - start)).as("close").isLessThan(Duration.ofSeconds(20));
				StreamerStats stats = this.streamer.stats();
				assertThat(stats.state()).isEqualTo(StreamerStats.State.CLOSED);
				StreamerFailureTests.assertBalanced(stats);
				assertThat(stats.toString()).doesNotContain(ACCESS_KEY);
				await().atMost(Duration.ofSeconds(10))
					.untilAsserted(() -> assertThat(StreamerLifecycleTests.ourThreads()).as("threads left")
						.isSubsetOf(this.threadsBefore));
			}
		}
		finally {
			this.service.close();
		}
		assertThat(output.getAll()).doesNotContain(ACCESS_KEY);
		SpoolFiles.assertOwnerOnlyAndFreeOf(this.spoolDirectory, ACCESS_KEY);
	}

	@Test
	void connectionResetInMidRequestIsRetriedAndDeliversEveryEventOnce() {
		this.service.next(Fault.RESET, Fault.RESET, Fault.RESET);
		Streamer streamer = streamer(UnaryOperator.identity());
		List<String> logged = logNumbered(streamer, 100);
		assertThat(streamer.flush(Duration.ofSeconds(30))).isTrue();
		assertDeliveredExactlyOnce(logged);
		assertThat(streamer.stats().requestFailures()).isEqualTo(3);
		assertThat(streamer.stats().serviceStatus()).isEqualTo(ServiceStatus.OK);
	}

	@Test
	void serviceThatAcceptsAndNeverAnswersTimesOutAndTheEventsGetThroughOnRetry() {
		this.service.next(Fault.HANG, Fault.HANG);
		Streamer streamer = streamer((builder) -> builder.readTimeout(Duration.ofMillis(300)));
		List<String> logged = logNumbered(streamer, 100);
		assertThat(streamer.flush(Duration.ofSeconds(30))).isTrue();
		assertDeliveredExactlyOnce(logged);
		assertThat(streamer.stats().requestFailures()).isEqualTo(2);
	}

	@Test
	void verySlowAnswerNeverHoldsTheCallerAndEverythingArrivesOnce() {
		this.service.hold();
		Streamer streamer = streamer((builder) -> builder.readTimeout(Duration.ofSeconds(60)));
		List<String> logged = new ArrayList<>(logNumbered(streamer, 10));
		await().atMost(Duration.ofSeconds(10)).until(() -> this.service.received().size() == 1);
		// while the service holds its first answer, the caller goes on at full speed
		logged.addAll(logNumbered(streamer, 50_000));
		assertThat(this.service.received()).hasSize(1);
		assertThat(streamer.stats().accepted()).isEqualTo(50_010);
		this.service.release();
		assertThat(streamer.flush(Duration.ofSeconds(60))).isTrue();
		assertDeliveredExactlyOnce(logged);
		assertThat(streamer.stats().dropped()).isZero();
	}

	@Test
	void malformedAnswersAreRetriedAndOnlyBatchesWhoseAnswerWasLostArriveTwice(CapturedOutput output) {
		this.service.next(Fault.NONE, Fault.GARBAGE, Fault.TRUNCATED, Fault.MALFORMED_BODY, Fault.MALFORMED_HEADERS,
				Fault.UNAVAILABLE_GARBLED, Fault.GARBAGE);
		Streamer streamer = streamer(UnaryOperator.identity());
		List<String> logged = new ArrayList<>();
		for (int round = 0; round < 10; round++) {
			logged.addAll(logNumbered(streamer, 20));
			streamer.flush(Duration.ofSeconds(30));
		}
		assertThat(streamer.flush(Duration.ofSeconds(30))).isTrue();
		Map<String, Integer> deliveries = this.service.deliveries();
		assertThat(deliveries.keySet()).containsAll(logged);
		assertThat(duplicates(deliveries)).as("duplicates")
			.isSubsetOf(valuesOf(this.service.received(),
					(request) -> request.fault == Fault.GARBAGE || request.fault == Fault.TRUNCATED));
		StreamerStats stats = streamer.stats();
		assertThat(stats.serviceStatus()).isEqualTo(ServiceStatus.OK);
		assertThat(stats.requestsByStatus()).containsKeys(200, 503);
		assertThat(stats.delivered()).isEqualTo(200);
		assertThat(output.getAll()).doesNotContain("stopped unexpectedly");
	}

	/**
	 * The service goes down and comes back every second while events flow. The issue asks
	 * for a minute; 24 seconds (twelve outages) cover the same transitions, since the
	 * streamer's retries and probes here are 50 to 400 ms, and keep the suite within its
	 * CI budget.
	 */
	@Test
	void serviceFlappingEverySecondLosesNothingAndRepeatsOnlyWhatWasInFlightWhenItWentDown() throws Exception {
		Streamer streamer = streamer(UnaryOperator.identity());
		List<String> logged = new CopyOnWriteArrayList<>();
		List<Long> outages = new CopyOnWriteArrayList<>();
		ScheduledExecutorService flapper = Executors.newSingleThreadScheduledExecutor();
		AtomicInteger toggles = new AtomicInteger();
		try {
			flapper.scheduleAtFixedRate(() -> {
				try {
					if (this.service.isUp()) {
						outages.add(System.nanoTime());
						this.service.down();
					}
					else {
						this.service.up();
					}
					logged.addAll(logNumbered(streamer, 50));
					toggles.incrementAndGet();
				}
				catch (IOException ex) {
					throw new IllegalStateException(ex);
				}
			}, 500, 1000, TimeUnit.MILLISECONDS);
			await().atMost(Duration.ofSeconds(40)).until(() -> toggles.get() >= 24);
		}
		finally {
			flapper.shutdownNow();
			assertThat(flapper.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
		}
		this.service.up();
		streamer.replaySpool();
		await().atMost(Duration.ofSeconds(60)).until(() -> this.service.deliveries().keySet().containsAll(logged));
		await().atMost(Duration.ofSeconds(30)).until(() -> {
			StreamerStats stats = streamer.stats();
			return stats.pending() == 0 && stats.spoolBacklog() == 0;
		});
		StreamerStats stats = streamer.stats();
		assertThat(stats.dropped()).as("%s", stats).isZero();
		assertThat(stats.spooled()).isPositive();
		Map<String, Integer> deliveries = this.service.deliveries();
		assertThat(deliveries.keySet()).hasSameElementsAs(logged);
		assertThat(deliveries.values()).allMatch((count) -> count <= 2);
		assertThat(duplicates(deliveries)).as("duplicates")
			.isSubsetOf(valuesOf(this.service.received(), (request) -> inFlightAtAnOutage(request, outages)));
		// the service's repeats are requests whose answer the reset cut off: the streamer
		// sent them again and counts each event delivered once
		assertThat(stats.delivered()).isEqualTo(logged.size());
	}

	private static boolean inFlightAtAnOutage(Received request, List<Long> outages) {
		for (long outage : outages) {
			long answered = (request.answeredAt != 0) ? request.answeredAt : Long.MAX_VALUE;
			if (request.receivedAt <= outage && outage - answered < TimeUnit.MILLISECONDS.toNanos(500)) {
				return true;
			}
		}
		return false;
	}

	private Streamer streamer(UnaryOperator<StreamerBuilder> customizer) {
		StreamerBuilder builder = Streamer.builder()
			.accessKey(ACCESS_KEY)
			.apiBase(URI.create(this.service.uri().toString()))
			.bucketKey("faults")
			.spoolDirectory(this.spoolDirectory)
			.requestsPerSecond(100)
			.readTimeout(Duration.ofSeconds(2))
			.connectTimeout(Duration.ofSeconds(1))
			.closeTimeout(Duration.ofSeconds(5))
			.retryPolicy(new RetryPolicy(5, Duration.ofMillis(50), Duration.ofMillis(400), 2, 0.2));
		this.streamer = customizer.apply(builder).build();
		return this.streamer;
	}

	private List<String> logNumbered(Streamer streamer, int count) {
		List<String> logged = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			int value = this.values.getAndIncrement();
			assertThat(streamer.log("n", value)).isTrue();
			logged.add(Integer.toString(value));
		}
		return logged;
	}

	private void assertDeliveredExactlyOnce(List<String> logged) {
		Map<String, Integer> deliveries = this.service.deliveries();
		assertThat(deliveries.keySet()).hasSameElementsAs(logged);
		assertThat(duplicates(deliveries)).as("duplicates").isEmpty();
		assertThat(this.streamer.stats().delivered()).isEqualTo(logged.size());
	}

	private static Set<String> duplicates(Map<String, Integer> deliveries) {
		Set<String> duplicates = new HashSet<>();
		deliveries.forEach((value, count) -> {
			if (count > 1) {
				duplicates.add(value);
			}
		});
		return duplicates;
	}

	private static Set<String> valuesOf(List<Received> requests, java.util.function.Predicate<Received> filter) {
		Set<String> values = new HashSet<>();
		for (Received request : requests) {
			if (filter.test(request)) {
				request.events.forEach((event) -> values.add(event.value()));
			}
		}
		return values;
	}

}
