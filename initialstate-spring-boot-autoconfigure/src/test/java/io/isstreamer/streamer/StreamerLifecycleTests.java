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

import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.isstreamer.streamer.transport.TransportRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Start, concurrency, flush and close: threads come and go, nothing is lost or reordered.
 */
class StreamerLifecycleTests {

	@RegisterExtension
	static WireMockExtension service = WireMockExtension.newInstance()
		.options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
		.build();

	@BeforeEach
	void stubService() {
		service.stubFor(post("/api/buckets").willReturn(aResponse().withStatus(201)));
		service.stubFor(post("/api/events").willReturn(aResponse().withStatus(204)));
	}

	@Test
	@Timeout(120)
	void hundredBuildAndCloseCyclesLeaveNoThreadOfOurs() {
		for (int i = 0; i < 100; i++) {
			Streamer streamer = Streamer.builder()
				.accessKey("ist_cycle")
				.apiBase(URI.create(service.baseUrl()))
				.bucketKey("cycles")
				.requestsPerSecond(100)
				.spoolEnabled(false)
				.build();
			streamer.log("cycle", i);
			streamer.close();
			assertThat(streamer.stats().state()).isEqualTo(StreamerStats.State.CLOSED);
		}
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(ourThreads()).isEmpty());
		assertThat(service
			.countRequestsMatching(com.github.tomakehurst.wiremock.client.WireMock
				.postRequestedFor(com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo("/api/events"))
				.build())
			.getCount()).isEqualTo(100);
	}

	@Test
	void closeStopsTheSenderBeforeItReturns() {
		Streamer streamer = Streamer.builder().transport(new RecordingTransport()).spoolEnabled(false).build();
		assertThat(ourThreads()).anyMatch((name) -> name.startsWith("initialstate-sender-"));
		List<String> before = ourThreads();
		streamer.close();
		List<String> after = ourThreads();
		assertThat(after).doesNotContainAnyElementsOf(before);
	}

	@Test
	void closeDeliversWhatIsQueuedAndIsIdempotent() {
		RecordingTransport transport = new RecordingTransport();
		Streamer streamer = Streamer.builder()
			.transport(transport)
			.bucketKey("b")
			.bufferSize(1000)
			.flushInterval(Duration.ofHours(1))
			.spoolEnabled(false)
			.build();
		for (int i = 0; i < 500; i++) {
			streamer.log("n", i);
		}
		streamer.close();
		streamer.close();
		assertThat(transport.events()).hasSize(500);
		StreamerStats stats = streamer.stats();
		assertThat(stats.delivered()).isEqualTo(500);
		assertThat(stats.pending()).isZero();
		assertThat(stats.state()).isEqualTo(StreamerStats.State.CLOSED);
	}

	@Test
	void flushAsyncCompletesOnceDelivered() throws Exception {
		RecordingTransport transport = new RecordingTransport();
		try (Streamer streamer = Streamer.builder()
			.transport(transport)
			.bufferSize(1000)
			.flushInterval(Duration.ofHours(1))
			.spoolEnabled(false)
			.build()) {
			streamer.log("a", 1);
			assertThat(streamer.flushAsync().get(10, TimeUnit.SECONDS)).isTrue();
			assertThat(transport.events()).hasSize(1);
			assertThat(streamer.flushAsync().get(10, TimeUnit.SECONDS)).as("nothing to flush").isTrue();
		}
	}

	@Test
	@Timeout(120)
	void manyProducersArriveCompleteInOrderWithoutDuplicates() throws Exception {
		int threads = 4;
		int perThread = 50_000;
		RecordingTransport transport = new RecordingTransport();
		try (Streamer streamer = Streamer.builder()
			.transport(transport)
			.bucketKey("b")
			.requestsPerSecond(1000)
			// half for the queue: room for every event even if the sender fell behind
			.maxBufferedEvents(524_288)
			.spoolEnabled(false)
			.build()) {
			ExecutorService pool = Executors.newFixedThreadPool(threads);
			CountDownLatch start = new CountDownLatch(1);
			List<Future<?>> futures = new ArrayList<>();
			for (int t = 0; t < threads; t++) {
				String key = "producer-" + t;
				futures.add(pool.submit(() -> {
					start.await();
					for (int i = 0; i < perThread; i++) {
						streamer.log(key, i);
					}
					return null;
				}));
			}
			start.countDown();
			for (Future<?> future : futures) {
				future.get(60, TimeUnit.SECONDS);
			}
			pool.shutdown();
			assertThat(streamer.flush(Duration.ofSeconds(60))).isTrue();
			StreamerStats stats = streamer.stats();
			assertThat(stats.delivered()).isEqualTo((long) threads * perThread);
			assertThat(stats.dropped()).isZero();
		}
		// up to three requests are in flight, so they may arrive in any order: each body
		// keeps the order of the log calls, and the timestamps order the rest
		Map<String, BigDecimal[]> epochsByKey = new HashMap<>();
		for (TransportRequest request : transport.eventRequests()) {
			Map<String, Integer> lastInBody = new HashMap<>();
			for (SentEvent event : SentEvent.parse(request.bucketKey(), request.body())) {
				int value = Integer.parseInt(event.value());
				Integer last = lastInBody.put(event.key(), value);
				if (last != null && last >= value) {
					throw new AssertionError(event.key() + ": " + value + " after " + last + " in one body");
				}
				BigDecimal[] epochs = epochsByKey.computeIfAbsent(event.key(), (key) -> new BigDecimal[perThread]);
				assertThat(epochs[value]).as("%s: %d sent twice", event.key(), value).isNull();
				epochs[value] = new BigDecimal(event.epoch());
			}
		}
		assertThat(epochsByKey).hasSize(threads);
		epochsByKey.forEach((key, epochs) -> {
			assertThat(epochs).as("%s: every value", key).doesNotContainNull();
			for (int i = 1; i < perThread; i++) {
				if (epochs[i].compareTo(epochs[i - 1]) < 0) {
					throw new AssertionError(key + ": " + i + " stamped before " + (i - 1));
				}
			}
		});
	}

	static List<String> ourThreads() {
		List<String> names = new ArrayList<>();
		for (Thread thread : Thread.getAllStackTraces().keySet()) {
			if (thread.isAlive() && thread.getName().startsWith("initialstate-")) {
				names.add(thread.getName());
			}
		}
		return names;
	}

}
