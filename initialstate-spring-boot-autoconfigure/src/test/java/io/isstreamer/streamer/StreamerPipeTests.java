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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.isstreamer.streamer.spool.DeadLetters;
import io.isstreamer.streamer.transport.Transport;
import io.isstreamer.streamer.transport.TransportRequest;
import io.isstreamer.streamer.transport.TransportResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The pipe is kept full and nothing holds it up: several requests in flight, a read
 * timeout that grows for a slow service, refused events bisected on a budget while the
 * rest flows, requests refused as such recognised, a failed batch written ahead to the
 * spool before it is tried again, and a spool of small lines replayed in full bodies.
 */
@Timeout(180)
class StreamerPipeTests {

	@RegisterExtension
	static WireMockExtension service = WireMockExtension.newInstance()
		.options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
		.build();

	@TempDir
	Path spoolDirectory;

	private final List<Streamer> streamers = new ArrayList<>();

	@AfterEach
	void closeStreamers() {
		this.streamers.forEach(Streamer::close);
		this.streamers.forEach((streamer) -> StreamerFailureTests.assertBalanced(streamer.stats()));
	}

	@Test
	void severalRequestsAreInFlightWhenTheServiceIsSlowToAnswer() {
		AtomicInteger inFlight = new AtomicInteger();
		AtomicInteger most = new AtomicInteger();
		Transport slow = (request) -> {
			if (request.kind() == TransportRequest.Kind.CREATE_BUCKET) {
				return TransportResponse.of(201);
			}
			most.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
			try {
				Thread.sleep(300);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			finally {
				inFlight.decrementAndGet();
			}
			return TransportResponse.of(204);
		};
		// batches of ten: many requests
		Streamer streamer = streamer(slow,
				(builder) -> builder.requestsPerSecond(50).maxInFlight(3).maxBatchEvents(10));
		for (int i = 0; i < 500; i++) {
			streamer.log("k", i);
		}
		assertThat(streamer.flush(Duration.ofSeconds(60))).isTrue();
		assertThat(most).hasValue(3);
		Streamer one = streamer(slow,
				(builder) -> builder.requestsPerSecond(50).maxInFlight(1).maxBatchEvents(10).applicationName("one"));
		most.set(0);
		for (int i = 0; i < 100; i++) {
			one.log("k", i);
		}
		assertThat(one.flush(Duration.ofSeconds(60))).isTrue();
		assertThat(most).hasValue(1);
	}

	@Test
	void aSlowServiceGetsEachBatchOnceOrTwiceAsTheReadTimeoutGrows() {
		service.stubFor(post("/api/buckets").willReturn(aResponse().withStatus(201)));
		service.stubFor(post("/api/events").willReturn(aResponse().withStatus(204).withFixedDelay(1500)));
		Streamer streamer = Streamer.builder()
			.accessKey("slow-service-key")
			.apiBase(URI.create(service.baseUrl()))
			.bucketKey("b")
			.spoolDirectory(this.spoolDirectory)
			.readTimeout(Duration.ofSeconds(1))
			.maxReadTimeout(Duration.ofSeconds(8))
			.retryPolicy(new RetryPolicy(5, Duration.ofMillis(50), Duration.ofMillis(200), 2, 0.2))
			.shutdownHook(false)
			.build();
		this.streamers.add(streamer);
		streamer.log("first", 1);
		assertThat(streamer.flush(Duration.ofSeconds(60))).isTrue();
		streamer.log("second", 2);
		assertThat(streamer.flush(Duration.ofSeconds(60))).isTrue();
		Map<String, Integer> sent = new java.util.HashMap<>();
		for (ServeEvent event : service.getAllServeEvents()) {
			if (event.getRequest().getUrl().equals("/api/events")) {
				SentEvent.parse("b", event.getRequest().getBody()).forEach((e) -> sent.merge(e.key(), 1, Integer::sum));
			}
		}
		// the first batch timed out once and went again with twice the time; the second
		// went once, with the grown timeout
		assertThat(sent).containsEntry("first", 2).containsEntry("second", 1);
	}

	@Test
	void refusedEventsAreBisectedOnAThirdOfTheRequestsWhileTheRestFlowsAndKeptInTheDeadLetterFile() throws IOException {
		Set<String> refusedBefore = new HashSet<>();
		List<Boolean> pieces = new ArrayList<>();
		RecordingTransport transport = new RecordingTransport().answer((request) -> {
			if (request.kind() == TransportRequest.Kind.CREATE_BUCKET) {
				return TransportResponse.of(201);
			}
			List<SentEvent> events = SentEvent.parse(request.bucketKey(), request.body());
			boolean piece = events.stream().anyMatch((event) -> refusedBefore.contains(event.value()));
			synchronized (pieces) {
				pieces.add(piece);
			}
			if (events.stream().anyMatch((event) -> event.value().contains("poison"))) {
				events.forEach((event) -> refusedBefore.add(event.value()));
				return new TransportResponse(400, Map.of(), "{\"message\":\"invalid value\"}");
			}
			return TransportResponse.of(204);
		});
		Streamer streamer = streamer(transport, (builder) -> builder.requestsPerSecond(100).bufferSize(20));
		int poisoned = 0;
		for (int i = 0; i < 2_000; i++) {
			boolean poison = i % 150 == 75;
			poisoned += poison ? 1 : 0;
			streamer.log("k" + i, poison ? "poison-" + i : "fine-" + i);
		}
		int expectedPoisoned = poisoned;
		await().atMost(Duration.ofSeconds(90))
			.until(() -> streamer.stats().delivered() == 2_000 - expectedPoisoned && streamer.stats().pending() == 0);
		StreamerStats stats = streamer.stats();
		assertThat(stats.droppedByReason()).containsEntry(DropReason.REFUSED_BY_SERVICE, (long) poisoned);
		// while fine events waited, pieces of refused batches took at most a third of the
		// requests (with one piece of rounding)
		List<Boolean> order;
		synchronized (pieces) {
			order = new ArrayList<>(pieces);
		}
		int lastFine = order.lastIndexOf(false);
		long piecesWhileOthersWait = order.subList(0, lastFine + 1).stream().filter((piece) -> piece).count();
		assertThat(piecesWhileOthersWait).isLessThanOrEqualTo((lastFine + 1) / 3 + 1);
		Path deadLetters = find(DeadLetters.FILE_NAME);
		List<String> lines = Files.readAllLines(deadLetters, StandardCharsets.UTF_8);
		assertThat(lines).hasSize(poisoned)
			.allSatisfy((
					line) -> assertThat(line).contains("\"status\":400").contains("invalid value").contains("poison-"));
	}

	@Test
	void requestsRefusedWhateverTheyCarryAreKeptInTheSpoolNotGivenUp() {
		RecordingTransport transport = new RecordingTransport()
			.answer((request) -> (request.kind() == TransportRequest.Kind.CREATE_BUCKET) ? TransportResponse.of(201)
					: new TransportResponse(400, Map.of(), "{\"message\":\"unsupported version\"}"));
		Streamer streamer = streamer(transport, (builder) -> builder.requestsPerSecond(100));
		for (int i = 0; i < 40; i++) {
			streamer.log("k", i);
		}
		await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
			StreamerStats stats = streamer.stats();
			assertThat(stats.serviceStatus()).isEqualTo(ServiceStatus.REQUESTS_REFUSED);
			assertThat(stats.spoolBacklog()).isEqualTo(40);
		});
		StreamerStats stats = streamer.stats();
		assertThat(stats.dropped()).isZero();
		assertThat(stats.lastError()).contains("refuses every request").contains("unsupported version");
	}

	@Test
	void aBatchWhoseFirstAttemptFailsIsInTheSpoolBeforeItIsTriedAgain() throws Exception {
		AtomicInteger attempts = new AtomicInteger();
		CountDownLatch retrying = new CountDownLatch(1);
		CountDownLatch checked = new CountDownLatch(1);
		RecordingTransport transport = new RecordingTransport().answer((request) -> {
			if (request.kind() == TransportRequest.Kind.CREATE_BUCKET) {
				return TransportResponse.of(201);
			}
			if (attempts.incrementAndGet() == 1) {
				return TransportResponse.of(503);
			}
			retrying.countDown();
			try {
				checked.await();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			return TransportResponse.of(204);
		});
		Streamer streamer = streamer(transport, (builder) -> builder.requestsPerSecond(100));
		for (int i = 0; i < 10; i++) {
			streamer.log("k", "event-" + i);
		}
		retrying.await();
		// the retry is out, and the events are on disk: a crash now would lose nothing
		String onDisk = spoolText();
		for (int i = 0; i < 10; i++) {
			assertThat(onDisk).contains("event-" + i);
		}
		checked.countDown();
		assertThat(streamer.flush(Duration.ofSeconds(30))).isTrue();
		assertThat(streamer.stats().spoolBacklog()).isZero();
	}

	@Test
	void aSpoolWrittenInSmallLinesIsReplayedInFullBodies() {
		AtomicBoolean down = new AtomicBoolean(true);
		List<Integer> eventsPerRequest = new ArrayList<>();
		RecordingTransport transport = new RecordingTransport().answer((request) -> {
			if (request.kind() == TransportRequest.Kind.CREATE_BUCKET) {
				return TransportResponse.of(201);
			}
			if (down.get()) {
				return TransportResponse.of(503);
			}
			synchronized (eventsPerRequest) {
				eventsPerRequest.add(SentEvent.parse(request.bucketKey(), request.body()).size());
			}
			return TransportResponse.of(204);
		});
		Streamer streamer = streamer(transport, (builder) -> builder.requestsPerSecond(200).bufferSize(5));
		for (int i = 0; i < 500; i++) {
			streamer.log("k", i);
			if (i % 5 == 4) {
				int logged = i + 1;
				// each batch of five fails and is written to the spool as a line of its
				// own
				await().atMost(Duration.ofSeconds(30)).until(() -> streamer.stats().spoolBacklog() == logged);
			}
		}
		down.set(false);
		streamer.replaySpool();
		await().atMost(Duration.ofSeconds(60)).until(() -> streamer.stats().delivered() == 500);
		assertThat(streamer.stats().replayed()).isEqualTo(500);
		// a hundred lines of five went in a few requests
		assertThat(eventsPerRequest).hasSizeLessThanOrEqualTo(10);
	}

	private Streamer streamer(Transport transport, UnaryOperator<StreamerBuilder> customizer) {
		Streamer streamer = customizer
			.apply(Streamer.builder()
				.transport(transport)
				.bucketKey("b")
				.spoolDirectory(this.spoolDirectory)
				.flushInterval(Duration.ofMillis(100))
				.retryPolicy(new RetryPolicy(1000, Duration.ofMillis(20), Duration.ofMillis(50), 2, 0.2))
				.shutdownHook(false))
			.build();
		this.streamers.add(streamer);
		return streamer;
	}

	private Path find(String name) throws IOException {
		try (Stream<Path> files = Files.walk(this.spoolDirectory)) {
			return files.filter((file) -> file.getFileName().toString().equals(name)).findFirst().orElseThrow();
		}
	}

	private String spoolText() throws IOException {
		StringBuilder text = new StringBuilder();
		try (Stream<Path> files = Files.walk(this.spoolDirectory)) {
			for (Path file : files.filter((path) -> path.toString().endsWith(".jsonl")).toList()) {
				text.append(Files.readString(file, StandardCharsets.UTF_8));
			}
		}
		return text.toString();
	}

}
