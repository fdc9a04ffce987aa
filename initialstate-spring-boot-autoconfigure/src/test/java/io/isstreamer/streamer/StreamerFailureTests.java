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
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.isstreamer.testsupport.InfoLogging;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What the streamer does when the service says no, slows it down, or goes away: every
 * accepted event ends delivered, in the spool, or counted under a named reason.
 */
@ExtendWith(OutputCaptureExtension.class)
@Timeout(180)
class StreamerFailureTests {

	static final String ACCESS_KEY = "ist_failure_secret_9f8e7d6c5b4a";

	static final RateLimitingService limiter = new RateLimitingService(3);

	@RegisterExtension
	static WireMockExtension service = WireMockExtension.newInstance()
		.options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
		.build();

	@RegisterExtension
	static WireMockExtension limitedService = WireMockExtension.newInstance()
		.options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1").extensions(limiter))
		.build();

	@TempDir
	Path spoolDirectory;

	private final List<Streamer> streamers = new ArrayList<>();

	private final List<WireMockServer> servers = new ArrayList<>();

	@BeforeEach
	void stubServices() {
		for (WireMockExtension wiremock : List.of(service, limitedService)) {
			wiremock.stubFor(post("/api/buckets").willReturn(aResponse().withStatus(201)));
			wiremock.stubFor(post("/api/events").willReturn(aResponse().withStatus(204)));
		}
		limiter.reset();
	}

	@AfterEach
	void closeAndCheckTheKeyNeverShowed(CapturedOutput output) {
		this.streamers.forEach(Streamer::close);
		this.servers.forEach(WireMockServer::stop);
		for (Streamer streamer : this.streamers) {
			assertBalanced(streamer.stats());
			assertThat(String.valueOf(streamer.stats())).doesNotContain(ACCESS_KEY);
		}
		assertThat(output.getAll()).doesNotContain(ACCESS_KEY);
	}

	@Test
	void throttledWithRetryAfterSecondsWaitsAsToldAndLosesNothing() {
		service.stubFor(post("/api/events").inScenario("throttle")
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(aResponse().withStatus(429).withHeader("Retry-After", "2"))
			.willSetStateTo("open"));
		service.stubFor(post("/api/events").inScenario("throttle")
			.whenScenarioStateIs("open")
			.willReturn(aResponse().withStatus(204)));
		Streamer streamer = streamer(service.baseUrl(), UnaryOperator.identity());
		logNumbered(streamer, "n", 10);
		assertThat(streamer.flush(Duration.ofSeconds(30))).isTrue();
		List<ServeEvent> events = eventRequests(service);
		assertThat(events).extracting((event) -> event.getResponse().getStatus()).containsExactly(429, 204);
		assertThat(gapMillis(events.get(0), events.get(1))).isGreaterThanOrEqualTo(2000);
		assertThat(deliveredKeys(service)).hasSize(10).doesNotHaveDuplicates();
		assertThat(streamer.stats().delivered()).isEqualTo(10);
	}

	@Test
	void throttledWithRetryAfterDateWaitsUntilThatTime() {
		Instant until = Instant.now().plusSeconds(3).truncatedTo(ChronoUnit.SECONDS);
		String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.ofInstant(until, ZoneOffset.UTC));
		service.stubFor(post("/api/events").inScenario("throttle")
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(aResponse().withStatus(429).withHeader("Retry-After", date))
			.willSetStateTo("open"));
		service.stubFor(post("/api/events").inScenario("throttle")
			.whenScenarioStateIs("open")
			.willReturn(aResponse().withStatus(204)));
		Streamer streamer = streamer(service.baseUrl(), UnaryOperator.identity());
		logNumbered(streamer, "n", 5);
		assertThat(streamer.flush(Duration.ofSeconds(30))).isTrue();
		List<ServeEvent> events = eventRequests(service);
		assertThat(events).hasSize(2);
		assertThat(events.get(1).getRequest().getLoggedDate().toInstant()).isAfterOrEqualTo(until);
		assertThat(deliveredKeys(service)).hasSize(5).doesNotHaveDuplicates();
	}

	@Test
	void twentyThousandEventsUnderAThreePerSecondLimitGoInAFewFullRequestsWithoutThrottling() {
		Streamer streamer = streamer(limitedService.baseUrl(), (builder) -> builder.requestsPerSecond(3));
		logNumbered(streamer, "reading", 20_000);
		assertThat(streamer.flush(Duration.ofSeconds(60))).isTrue();
		assertThat(limiter.throttled()).isZero();
		assertThat(deliveredKeys(limitedService)).hasSize(20_000).doesNotHaveDuplicates();
		List<ServeEvent> requests = eventRequests(limitedService);
		assertThat(requests).hasSizeLessThanOrEqualTo(5);
		assertThat(streamer.stats().requestsByStatus()).doesNotContainKey(429);
	}

	@Test
	void aBacklogIsPacedWithinTheLimitInFullBodies() {
		// nothing ready before the flush, so the first request does not go out half empty
		// while the backlog is still being logged
		Streamer streamer = streamer(limitedService.baseUrl(),
				(builder) -> builder.requestsPerSecond(3)
					.maxBatchBytes(StreamerBuilder.MIN_BATCH_BYTES)
					.bufferSize(100_000)
					.flushInterval(Duration.ofHours(1)));
		logNumbered(streamer, "reading", 3_000);
		assertThat(streamer.flush(Duration.ofSeconds(60))).isTrue();
		assertThat(limiter.throttled()).isZero();
		assertThat(deliveredKeys(limitedService)).hasSize(3_000).doesNotHaveDuplicates();
		List<ServeEvent> requests = eventRequests(limitedService);
		for (ServeEvent request : requests.subList(0, requests.size() - 1)) {
			assertThat(request.getRequest().getBody().length).isGreaterThan(StreamerBuilder.MIN_BATCH_BYTES - 100);
		}
	}

	@Test
	void serverErrorsAreRetriedThenDeliveredOnce() {
		service.stubFor(post("/api/events").inScenario("flaky")
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(aResponse().withStatus(503))
			.willSetStateTo("second"));
		service.stubFor(post("/api/events").inScenario("flaky")
			.whenScenarioStateIs("second")
			.willReturn(aResponse().withStatus(500))
			.willSetStateTo("third"));
		service.stubFor(post("/api/events").inScenario("flaky")
			.whenScenarioStateIs("third")
			.willReturn(aResponse().withStatus(502))
			.willSetStateTo("fine"));
		service.stubFor(post("/api/events").inScenario("flaky")
			.whenScenarioStateIs("fine")
			.willReturn(aResponse().withStatus(204)));
		Streamer streamer = streamer(service.baseUrl(), UnaryOperator.identity());
		logNumbered(streamer, "n", 20);
		assertThat(streamer.flush(Duration.ofSeconds(30))).isTrue();
		assertThat(eventRequests(service)).extracting((event) -> event.getResponse().getStatus())
			.containsExactly(503, 500, 502, 204);
		assertThat(deliveredKeys(service)).hasSize(20).doesNotHaveDuplicates();
		StreamerStats stats = streamer.stats();
		assertThat(stats.delivered()).isEqualTo(20);
		// written ahead to the spool after the first failure, and retried from there
		assertThat(stats.spooled()).isEqualTo(20);
		assertThat(stats.replayed()).isEqualTo(20);
		assertThat(stats.spoolBacklog()).isZero();
		assertThat(stats.serviceStatus()).isEqualTo(ServiceStatus.OK);
	}

	@Test
	@InfoLogging("io.isstreamer.streamer.Streamer")
	void eventsLoggedWhileTheServiceIsDownAreSpooledAndReplayedOnceItIsBack(CapturedOutput output) throws IOException {
		int port = SilentServer.closedPort();
		Streamer streamer = streamer("http://127.0.0.1:" + port, UnaryOperator.identity());
		logNumbered(streamer, "down", 30);
		await().atMost(Duration.ofSeconds(20))
			.untilAsserted(() -> assertThat(streamer.stats().serviceStatus()).isEqualTo(ServiceStatus.UNREACHABLE));
		await().atMost(Duration.ofSeconds(20)).until(() -> streamer.stats().spoolBacklog() == 30);
		assertThat(streamer.flush(Duration.ofMillis(200))).as("not delivered yet").isFalse();
		WireMockServer back = new WireMockServer(wireMockConfig().port(port).bindAddress("127.0.0.1"));
		this.servers.add(back);
		back.start();
		back.stubFor(post("/api/buckets").willReturn(aResponse().withStatus(204)));
		back.stubFor(post("/api/events").willReturn(aResponse().withStatus(204)));
		logNumbered(streamer, "up", 5);
		await().atMost(Duration.ofSeconds(30)).until(() -> streamer.stats().delivered() == 35);
		StreamerStats stats = streamer.stats();
		assertThat(stats.spoolBacklog()).isZero();
		assertThat(stats.replayed()).isGreaterThanOrEqualTo(30);
		assertThat(stats.serviceStatus()).isEqualTo(ServiceStatus.OK);
		List<String> keys = new ArrayList<>();
		for (ServeEvent event : back.getAllServeEvents()) {
			if (event.getRequest().getUrl().equals("/api/events")) {
				SentEvent.parse("b", event.getRequest().getBody())
					.forEach((sent) -> keys.add(sent.key() + sent.value()));
			}
		}
		assertThat(keys).hasSize(35).doesNotHaveDuplicates();
		assertThat(output.getAll()).contains("Initial State is unreachable").contains("accepts events again");
	}

	@Test
	void aRejectedAccessKeyStopsSendingAndKeepsEverythingInTheSpool(CapturedOutput output) {
		service.stubFor(post("/api/buckets").willReturn(aResponse().withStatus(401)));
		Streamer streamer = streamer(service.baseUrl(), UnaryOperator.identity());
		logNumbered(streamer, "n", 25);
		await().atMost(Duration.ofSeconds(20)).until(() -> streamer.stats().spoolBacklog() == 25);
		logNumbered(streamer, "later", 25);
		await().atMost(Duration.ofSeconds(20)).until(() -> streamer.stats().spoolBacklog() == 50);
		StreamerStats stats = streamer.stats();
		assertThat(stats.serviceStatus()).isEqualTo(ServiceStatus.KEY_REJECTED);
		assertThat(stats.requests()).as("no hammering").isOne();
		assertThat(stats.delivered()).isZero();
		assertThat(stats.lastError()).contains("rejected the access key").contains("initialstate.access-key");
		assertThat(output.getAll()).contains("Initial State rejected the access key (HTTP 401)")
			.contains(this.spoolDirectory.toString());
	}

	@Test
	void aUsedUpQuotaPausesSendingAndKeepsEverythingInTheSpool(CapturedOutput output) {
		service.stubFor(post("/api/events").willReturn(
				aResponse().withStatus(402).withBody("{\"message\":\"Event limit exceeded for current cycle\"}")));
		Streamer streamer = streamer(service.baseUrl(), UnaryOperator.identity());
		logNumbered(streamer, "n", 25);
		await().atMost(Duration.ofSeconds(20)).until(() -> streamer.stats().spoolBacklog() == 25);
		logNumbered(streamer, "later", 10);
		await().atMost(Duration.ofSeconds(20)).until(() -> streamer.stats().spoolBacklog() == 35);
		StreamerStats stats = streamer.stats();
		assertThat(stats.serviceStatus()).isEqualTo(ServiceStatus.QUOTA_EXCEEDED);
		assertThat(eventRequests(service)).hasSize(1);
		assertThat(output.getAll()).contains("monthly event quota is used up (HTTP 402)");
	}

	@Test
	void replaySpoolTriesAgainAtOnceInsteadOfWaitingForTheNextProbe() {
		service.stubFor(post("/api/events").willReturn(aResponse().withStatus(402)));
		Streamer streamer = streamer(service.baseUrl(), UnaryOperator.identity());
		logNumbered(streamer, "n", 10);
		await().atMost(Duration.ofSeconds(20)).until(() -> streamer.stats().spoolBacklog() == 10);
		service.stubFor(post("/api/events").willReturn(aResponse().withStatus(204)));
		streamer.replaySpool();
		await().atMost(Duration.ofSeconds(20)).until(() -> streamer.stats().delivered() == 10);
		assertThat(streamer.stats().spoolBacklog()).isZero();
		assertThat(streamer.stats().serviceStatus()).isEqualTo(ServiceStatus.OK);
	}

	@Test
	void aRemovedBucketIsSpooledWhileAnotherBucketKeepsFlowing(CapturedOutput output) {
		service.stubFor(post("/api/events").withHeader("X-IS-BucketKey", equalTo("gone"))
			.willReturn(aResponse().withStatus(400)
				.withBody(
						"{\"message\":{\"error\":{\"type\":\"BUCKET_REMOVED\",\"message\":\"bucket was removed\"}}}")));
		Streamer streamer = streamer(service.baseUrl(), (builder) -> builder.bucketKey("gone"));
		logNumbered(streamer, "old", 10);
		await().atMost(Duration.ofSeconds(20)).until(() -> streamer.stats().spoolBacklog() == 10);
		logNumbered(streamer, "old-again", 5);
		streamer.setBucket("Alive", "alive");
		logNumbered(streamer, "new", 10);
		await().atMost(Duration.ofSeconds(20)).until(() -> streamer.stats().delivered() == 10);
		await().atMost(Duration.ofSeconds(20)).until(() -> streamer.stats().spoolBacklog() == 15);
		assertThat(eventRequests(service).stream()
			.filter((event) -> event.getRequest().getHeader("X-IS-BucketKey").equals("gone"))).hasSize(1);
		assertThat(streamer.stats().serviceStatus()).isEqualTo(ServiceStatus.OK);
		assertThat(output.getAll()).contains("bucket key 'gone' belongs to a deleted bucket");
	}

	@Test
	void eventsOfARemovedBucketWithNowhereToGoDoNotKeepTheSenderBusy() {
		service.stubFor(post("/api/events").willReturn(
				aResponse().withStatus(400).withBody("{\"message\":{\"error\":{\"type\":\"BUCKET_REMOVED\"}}}")));
		Streamer streamer = streamer(service.baseUrl(), (builder) -> builder.spoolEnabled(false).debugLevel(0));
		logNumbered(streamer, "n", 20);
		await().atMost(Duration.ofSeconds(20)).until(() -> streamer.stats().lastError() != null);
		logNumbered(streamer, "more", 20);
		java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
		long sender = Thread.getAllStackTraces()
			.keySet()
			.stream()
			.filter((thread) -> thread.getName().startsWith("initialstate-sender-"))
			.mapToLong(Thread::getId)
			.max()
			.orElseThrow();
		long cpuBefore = threads.getThreadCpuTime(sender);
		// a spinning thread burns a whole core: far more than this over the second
		await().during(Duration.ofSeconds(1))
			.atMost(Duration.ofSeconds(3))
			.until(() -> threads.getThreadCpuTime(sender) - cpuBefore < Duration.ofMillis(300).toNanos());
		assertThat(streamer.stats().pending()).isEqualTo(40);
		assertThat(eventRequests(service)).hasSize(1);
	}

	@Test
	void anEventTheServiceRefusesIsDroppedAndTheRestDelivered() {
		service.stubFor(post("/api/events").withRequestBody(containing("poison"))
			.willReturn(aResponse().withStatus(400).withBody("{\"message\":\"invalid value\"}")));
		Streamer streamer = streamer(service.baseUrl(), UnaryOperator.identity());
		for (int i = 0; i < 10; i++) {
			streamer.log("k" + i, (i == 6) ? "poison" : "fine");
		}
		assertThat(streamer.flush(Duration.ofSeconds(30))).as("one event was not delivered").isFalse();
		await().atMost(Duration.ofSeconds(30)).until(() -> streamer.stats().delivered() == 9);
		StreamerStats stats = streamer.stats();
		assertThat(stats.droppedByReason())
			.containsExactly(org.assertj.core.api.Assertions.entry(DropReason.REFUSED_BY_SERVICE, 1L));
		assertThat(deliveredKeys(service)).containsExactlyInAnyOrder("k0", "k1", "k2", "k3", "k4", "k5", "k7", "k8",
				"k9");
		assertThat(stats.lastError()).contains("invalid value").contains("poison");
	}

	@Test
	void aRequestTooLargeForTheServiceIsSplitAndDelivered() {
		service.stubFor(
				post("/api/events").withRequestBody(matching("(?s).{20000,}")).willReturn(aResponse().withStatus(413)));
		Streamer streamer = streamer(service.baseUrl(), UnaryOperator.identity());
		logNumbered(streamer, "big", 1000);
		assertThat(streamer.flush(Duration.ofSeconds(30))).isTrue();
		assertThat(deliveredKeys(service)).hasSize(1000).doesNotHaveDuplicates();
		assertThat(streamer.stats().requestsByStatus()).containsKey(413);
		assertThat(streamer.stats().dropped()).isZero();
	}

	@Test
	void aNewStreamerReplaysTheSpoolOfAnEarlierRunUpToATornLine() throws IOException {
		int port = SilentServer.closedPort();
		Streamer first = Streamer.builder()
			.accessKey(ACCESS_KEY)
			.apiBase(URI.create("http://127.0.0.1:" + port))
			.bucketKey("b")
			.spoolDirectory(this.spoolDirectory)
			.maxBatchEvents(10)
			.retryPolicy(new RetryPolicy(1, Duration.ofMillis(50), Duration.ofMillis(300), 2, 0.2))
			.requestsPerSecond(100)
			.closeTimeout(Duration.ofSeconds(1))
			.build();
		logNumbered(first, "n", 50);
		first.close();
		assertThat(first.stats().spooled()).isEqualTo(50);
		Path newest;
		try (Stream<Path> files = Files.walk(this.spoolDirectory)) {
			newest = files.filter((file) -> file.toString().endsWith(".jsonl"))
				.max(Comparator.comparing(Path::toString))
				.orElseThrow();
		}
		try (FileChannel channel = FileChannel.open(newest, StandardOpenOption.WRITE)) {
			channel.truncate(channel.size() - 20);
		}
		Streamer second = streamer(service.baseUrl(), UnaryOperator.identity());
		StreamerStats recovered = second.stats();
		await().atMost(Duration.ofSeconds(30))
			.until(() -> second.stats().spoolBacklog() == 0 && second.stats().delivered() > 0);
		StreamerStats stats = second.stats();
		long torn = stats.droppedByReason().getOrDefault(DropReason.SPOOL_CORRUPT, 0L);
		assertThat(torn).isBetween(1L, 10L);
		assertThat(stats.delivered()).isEqualTo(50 - torn);
		assertThat(stats.recovered()).isEqualTo(50);
		assertThat(deliveredKeys(service)).hasSize((int) (50 - torn)).doesNotHaveDuplicates();
		assertThat(recovered.state()).isEqualTo(StreamerStats.State.RUNNING);
	}

	/**
	 * A single thread logging flat out (millions of events per second) outruns what one
	 * sender can write to disk; in bursts that fit the buffers, nothing is dropped and
	 * the heap stays flat while the service hangs.
	 */
	@Test
	void aMillionLogCallsAgainstAHangingServiceCompleteWithABoundedHeap() throws Exception {
		try (SilentServer silent = new SilentServer()) {
			Streamer streamer = streamer(silent.uri().toString(),
					(builder) -> builder.debugLevel(0)
						.readTimeout(Duration.ofMinutes(5))
						.closeTimeout(Duration.ofSeconds(1)));
			long heapBefore = usedHeapAfterGc();
			for (int burst = 0; burst < 20; burst++) {
				await().atMost(Duration.ofSeconds(30)).until(() -> streamer.stats().queued() == 0);
				for (int i = 0; i < 50_000; i++) {
					streamer.log("hang", burst * 50_000 + i);
				}
			}
			long heapAfter = usedHeapAfterGc();
			await().atMost(Duration.ofSeconds(10)).until(() -> silent.connections() > 0);
			StreamerStats during = streamer.stats();
			assertThat(during.accepted()).isEqualTo(1_000_000);
			assertThat(during.dropped()).as("dropped: %s", during.droppedByReason()).isZero();
			assertThat(during.spooled()).isGreaterThanOrEqualTo(1_000_000 - during.pending());
			assertThat(heapAfter - heapBefore).as("heap growth").isLessThan(64L * 1024 * 1024);
			streamer.close();
			StreamerStats stats = streamer.stats();
			assertThat(stats.pending()).isZero();
			assertThat(stats.spooled()).isEqualTo(1_000_000);
			assertThat(stats.spoolBacklog()).isEqualTo(1_000_000);
			assertThat(stats.delivered()).isZero();
		}
	}

	@Test
	void closeSpoolsWhatItCouldNotDeliverWithinItsTimeout() throws Exception {
		try (SilentServer silent = new SilentServer()) {
			Streamer streamer = streamer(silent.uri().toString(),
					(builder) -> builder.readTimeout(Duration.ofMinutes(5)).closeTimeout(Duration.ofMillis(500)));
			logNumbered(streamer, "n", 100);
			assertThat(streamer.flush(Duration.ofMillis(300))).isFalse();
			streamer.close();
			StreamerStats stats = streamer.stats();
			assertThat(stats.state()).isEqualTo(StreamerStats.State.CLOSED);
			assertThat(stats.spooled()).isEqualTo(100);
			assertThat(stats.pending()).isZero();
			assertThat(StreamerLifecycleTests.ourThreads()).noneMatch((name) -> name.contains("sender"));
		}
	}

	private Streamer streamer(String apiBase, UnaryOperator<StreamerBuilder> customizer) {
		StreamerBuilder builder = Streamer.builder()
			.accessKey(ACCESS_KEY)
			.apiBase(URI.create(apiBase))
			.bucketKey("b")
			.debugLevel(2)
			.spoolDirectory(this.spoolDirectory)
			.requestsPerSecond(100)
			.retryPolicy(new RetryPolicy(5, Duration.ofMillis(50), Duration.ofMillis(300), 2, 0.2));
		Streamer streamer = customizer.apply(builder).build();
		this.streamers.add(streamer);
		return streamer;
	}

	private static void logNumbered(Streamer streamer, String prefix, int count) {
		for (int i = 0; i < count; i++) {
			streamer.log(prefix + i, i);
		}
	}

	static void assertBalanced(StreamerStats stats) {
		assertThat(stats.logged() + stats.recovered())
			.as("logged + recovered = rejected + dropped + coalesced + pending + delivered + spool backlog: %s", stats)
			.isEqualTo(stats.rejected() + stats.dropped() + stats.coalesced() + stats.pending() + stats.delivered()
					+ stats.spoolBacklog());
	}

	private static List<ServeEvent> eventRequests(WireMockExtension wiremock) {
		List<ServeEvent> events = new ArrayList<>(wiremock.getAllServeEvents()
			.stream()
			.filter((event) -> event.getRequest().getUrl().equals("/api/events"))
			.toList());
		Collections.reverse(events);
		return events;
	}

	private static List<String> deliveredKeys(WireMockExtension wiremock) {
		List<String> keys = new ArrayList<>();
		for (ServeEvent event : eventRequests(wiremock)) {
			if (event.getResponse().getStatus() / 100 == 2) {
				SentEvent.parse("b", event.getRequest().getBody()).forEach((sent) -> keys.add(sent.key()));
			}
		}
		return keys;
	}

	private static long gapMillis(ServeEvent first, ServeEvent second) {
		return second.getRequest().getLoggedDate().getTime() - first.getRequest().getLoggedDate().getTime();
	}

	private static long usedHeapAfterGc() {
		System.gc();
		System.gc();
		return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
	}

	static Set<String> unique(List<String> values) {
		return new HashSet<>(values);
	}

}
