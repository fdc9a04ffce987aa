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
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.binaryEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The wire, checked against a WireMock imitation of the service: exact bodies and
 * headers.
 */
class StreamerHttpTests {

	static final String ACCESS_KEY = "ist_wire_secret_0123456789";

	static final double EPOCH = 1419876021.778477;

	static final String EPOCH_TEXT = "1419876021.778477";

	@RegisterExtension
	static WireMockExtension service = WireMockExtension.newInstance()
		.options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
		.build();

	private final List<Streamer> streamers = new ArrayList<>();

	@BeforeEach
	void stubService() {
		service.stubFor(post("/api/buckets").willReturn(aResponse().withStatus(201)));
		service.stubFor(post("/api/events").willReturn(aResponse().withStatus(204)));
	}

	@AfterEach
	void closeStreamers() {
		this.streamers.forEach(Streamer::close);
	}

	@Test
	void sendsEachValueTypeWithExactBodyAndHeaders() {
		Streamer streamer = streamer(UnaryOperator.identity());
		streamer.log("text", "hi", EPOCH);
		streamer.log("int", 32, EPOCH);
		streamer.log("long", 5_000_000_000L, EPOCH);
		streamer.log("short", (short) 7, EPOCH);
		streamer.log("double", 21.5, EPOCH);
		streamer.log("float", 1.25f, EPOCH);
		streamer.log("bool", true, EPOCH);
		streamer.log("decimal", new BigDecimal("12.50"), EPOCH);
		streamer.log("enum", TimeUnit.SECONDS, EPOCH);
		streamer.log("char", 'x', EPOCH);
		streamer.log("builder", new StringBuilder("built"), EPOCH);
		streamer.log("atomic", new AtomicLong(9), EPOCH);
		streamer.log("object", new Labelled("custom text"), EPOCH);
		assertThat(streamer.flush()).isTrue();
		String e = ",\"epoch\":" + EPOCH_TEXT + "}";
		String expected = "[{\"key\":\"text\",\"value\":\"hi\"" + e + ",{\"key\":\"int\",\"value\":32" + e
				+ ",{\"key\":\"long\",\"value\":5000000000" + e + ",{\"key\":\"short\",\"value\":7" + e
				+ ",{\"key\":\"double\",\"value\":21.5" + e + ",{\"key\":\"float\",\"value\":1.25" + e
				+ ",{\"key\":\"bool\",\"value\":true" + e + ",{\"key\":\"decimal\",\"value\":12.50" + e
				+ ",{\"key\":\"enum\",\"value\":\"SECONDS\"" + e + ",{\"key\":\"char\",\"value\":\"x\"" + e
				+ ",{\"key\":\"builder\",\"value\":\"built\"" + e + ",{\"key\":\"atomic\",\"value\":9" + e
				+ ",{\"key\":\"object\",\"value\":\"custom text\"" + e + "]";
		service.verify(1,
				postRequestedFor(urlEqualTo("/api/events")).withHeader("X-IS-AccessKey", equalTo(ACCESS_KEY))
					.withHeader("X-IS-BucketKey", equalTo("bucket"))
					.withHeader("Accept-Version", equalTo("~0"))
					.withHeader("Content-Type", equalTo("application/json"))
					.withHeader("User-Agent", matching("isstreamer-java/\\S+"))
					.withRequestBody(binaryEqualTo(expected.getBytes(StandardCharsets.UTF_8))));
	}

	@Test
	void createsTheBucketBeforeItsFirstEvents() {
		Streamer streamer = streamer(UnaryOperator.identity());
		streamer.log("temperature", 32, EPOCH);
		assertThat(streamer.flush()).isTrue();
		List<ServeEvent> requests = requestsInOrder();
		assertThat(requests).extracting((event) -> event.getRequest().getUrl())
			.containsExactly("/api/buckets", "/api/events");
		service.verify(1, postRequestedFor(urlEqualTo("/api/buckets")).withHeader("X-IS-AccessKey", equalTo(ACCESS_KEY))
			.withHeader("Accept-Version", equalTo("~0"))
			.withHeader("Content-Type", equalTo("application/json"))
			.withRequestBody(binaryEqualTo(
					"{\"bucketKey\":\"bucket\",\"bucketName\":\"Some Bucket\"}".getBytes(StandardCharsets.UTF_8))));
	}

	@Test
	void acceptsBothCreatedAndAlreadyExistingBuckets() {
		service.stubFor(post("/api/buckets").willReturn(aResponse().withStatus(204)));
		Streamer streamer = streamer(UnaryOperator.identity());
		streamer.log("temperature", 32, EPOCH);
		assertThat(streamer.flush()).isTrue();
		assertThat(streamer.stats().requestsByStatus()).containsEntry(204, 2L);
	}

	@Test
	void writesExplicitEpochsAsPlainDecimalSeconds() {
		Streamer streamer = streamer(UnaryOperator.identity());
		streamer.log("double", 5, EPOCH);
		streamer.log("instant", 5, Instant.ofEpochSecond(1419876021, 778_477_000));
		streamer.log("whole", 5, 1_700_000_000.0);
		streamer.log("far", 5, 4_102_444_800.000001);
		streamer.log("early", 5, 1.5);
		streamer.log("now", 5);
		assertThat(streamer.flush()).isTrue();
		List<SentEvent> events = events();
		assertThat(events).extracting(SentEvent::epoch)
			.startsWith(EPOCH_TEXT, EPOCH_TEXT, "1700000000.000000", "4102444800.000001", "1.500000");
		String now = events.get(5).epoch();
		assertThat(now).matches("\\d{10}\\.\\d{6}");
		assertThat(Double.parseDouble(now)).isCloseTo(System.currentTimeMillis() / 1000.0,
				org.assertj.core.data.Offset.offset(60.0));
	}

	@Test
	void setBucketRoutesOnlyLaterEventsToTheNewBucket() {
		Streamer streamer = streamer(UnaryOperator.identity());
		streamer.log("before", 1, EPOCH);
		streamer.setBucket("Second Bucket", "second");
		streamer.log("after", 2, EPOCH);
		assertThat(streamer.flush()).isTrue();
		assertThat(events()).containsExactlyInAnyOrder(new SentEvent("bucket", "before", "1", EPOCH_TEXT),
				new SentEvent("second", "after", "2", EPOCH_TEXT));
		List<String> order = requestsInOrder().stream()
			.map((event) -> event.getRequest().getUrl() + " "
					+ ((event.getRequest().getUrl().equals("/api/events"))
							? event.getRequest().getHeader("X-IS-BucketKey") : event.getRequest().getBodyAsString()))
			.toList();
		assertThat(order).containsSubsequence(
				"/api/buckets {\"bucketKey\":\"second\",\"bucketName\":\"Second Bucket\"}", "/api/events second");
		assertThat(streamer.stats().bucketKey()).isEqualTo("second");
		assertThat(streamer.stats().bucketName()).isEqualTo("Second Bucket");
	}

	@Test
	void setBucketWithOnlyANameMakesARandomKeyAsIsStreamerDoes() {
		Streamer streamer = streamer(UnaryOperator.identity());
		streamer.setBucket("Fresh");
		assertThat(streamer.stats().bucketKey())
			.matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
		assertThat(streamer.stats().bucketName()).isEqualTo("Fresh");
	}

	@Test
	void sendsAsSoonAsBufferSizeEventsArePending() {
		Streamer streamer = streamer((builder) -> builder.bufferSize(5));
		for (int i = 0; i < 5; i++) {
			streamer.log("count", i, EPOCH);
		}
		await().atMost(Duration.ofSeconds(10)).until(() -> events().size() == 5);
		assertThat(eventRequests()).hasSize(1);
		for (int i = 5; i < 8; i++) {
			streamer.log("count", i, EPOCH);
		}
		await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2)).until(() -> eventRequests().size() == 1);
		assertThat(streamer.flush()).isTrue();
		assertThat(eventRequests()).hasSize(2);
		assertThat(events()).extracting(SentEvent::value).containsExactly("0", "1", "2", "3", "4", "5", "6", "7");
	}

	@Test
	void sendsAPartialBufferAfterTheFlushInterval() {
		Streamer streamer = streamer((builder) -> builder.bufferSize(100).flushInterval(Duration.ofMillis(200)));
		long start = System.nanoTime();
		streamer.log("a", 1, EPOCH);
		streamer.log("b", 2, EPOCH);
		streamer.log("c", 3, EPOCH);
		await().atMost(Duration.ofSeconds(10)).until(() -> events().size() == 3);
		assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(Duration.ofMillis(200).toNanos());
		assertThat(eventRequests()).hasSize(1);
	}

	@Test
	void splitsABacklogIntoRequestsFilledUpToTheByteCap() {
		int cap = StreamerBuilder.MIN_BATCH_BYTES;
		Streamer streamer = streamer((builder) -> builder.maxBatchBytes(cap));
		String value = "v".repeat(100);
		for (int i = 0; i < 1000; i++) {
			streamer.log("k" + i, value, EPOCH);
		}
		assertThat(streamer.flush()).isTrue();
		List<byte[]> bodies = eventRequests().stream().map((event) -> event.getRequest().getBody()).toList();
		assertThat(bodies).hasSizeGreaterThan(5);
		int largestEvent = ("{\"key\":\"k999\",\"value\":\"" + value + "\",\"epoch\":" + EPOCH_TEXT + "},").length();
		// every body full but the remainder, which may arrive before others
		assertThat(bodies).allSatisfy((body) -> assertThat(body.length).isLessThanOrEqualTo(cap));
		assertThat(bodies).filteredOn((body) -> body.length <= cap - largestEvent).hasSizeLessThanOrEqualTo(1);
		// several requests are in flight at once: the service orders points by timestamp,
		// so requests may arrive in any order, each in order inside
		List<String> keys = events().stream().map(SentEvent::key).toList();
		List<String> expected = new ArrayList<>();
		for (int i = 0; i < 1000; i++) {
			expected.add("k" + i);
		}
		assertThat(keys).containsExactlyInAnyOrderElementsOf(expected);
		for (byte[] body : bodies) {
			List<Integer> numbers = SentEvent.parse("b", body)
				.stream()
				.map((event) -> Integer.parseInt(event.key().substring(1)))
				.toList();
			assertThat(numbers).isSorted();
		}
	}

	@Test
	void sendsNonAsciiAndEscapedTextIntact() {
		Streamer streamer = streamer(UnaryOperator.identity());
		streamer.log("température", "日本語 ✓ \"quoted\" back\\slash\nnew line\ttab", EPOCH);
		assertThat(streamer.flush()).isTrue();
		String expected = "[{\"key\":\"température\",\"value\":\"日本語 ✓ \\\"quoted\\\" back\\\\slash\\nnew line\\ttab\","
				+ "\"epoch\":" + EPOCH_TEXT + "}]";
		service.verify(1, postRequestedFor(urlEqualTo("/api/events"))
			.withRequestBody(binaryEqualTo(expected.getBytes(StandardCharsets.UTF_8))));
	}

	@Test
	void logObjectOfAListUsesIndexedKeys() {
		Streamer streamer = streamer(UnaryOperator.identity());
		assertThat(streamer.logObject(List.of(10, 20), null, EPOCH)).isEqualTo(2);
		assertThat(streamer.logObject(new String[] { "x" }, "arr", EPOCH)).isEqualTo(1);
		assertThat(streamer.flush()).isTrue();
		assertThat(events()).containsExactly(new SentEvent("bucket", "list_0", "10", EPOCH_TEXT),
				new SentEvent("bucket", "list_1", "20", EPOCH_TEXT),
				new SentEvent("bucket", "arr_0", "\"x\"", EPOCH_TEXT));
	}

	@Test
	void logObjectOfAMapUsesItsKeys() {
		Streamer streamer = streamer(UnaryOperator.identity());
		Map<Object, Object> map = new LinkedHashMap<>();
		map.put("a", 1);
		map.put(2, "two");
		streamer.logObject(map, null, EPOCH);
		streamer.logObject(map, "", EPOCH);
		streamer.logObject(map, "room", EPOCH);
		assertThat(streamer.flush()).isTrue();
		assertThat(events()).extracting(SentEvent::key)
			.containsExactly("dict_a", "dict_2", "a", "2", "room_a", "room_2");
		assertThat(events()).extracting(SentEvent::value)
			.containsExactly("1", "\"two\"", "1", "\"two\"", "1", "\"two\"");
	}

	@Test
	void logObjectOfARecordUsesItsComponentsAndFlattensNestedValues() {
		Streamer streamer = streamer(UnaryOperator.identity());
		streamer.logObject(new Reading(21.5, 40, Map.of("co2", 415)), null, EPOCH);
		assertThat(streamer.flush()).isTrue();
		assertThat(events()).containsExactly(new SentEvent("bucket", "Reading_temperature", "21.5", EPOCH_TEXT),
				new SentEvent("bucket", "Reading_humidity", "40", EPOCH_TEXT),
				new SentEvent("bucket", "Reading_gases_co2", "415", EPOCH_TEXT));
	}

	@Test
	void logObjectOfABeanUsesItsPropertiesWithOneTimestamp() {
		Streamer streamer = streamer(UnaryOperator.identity());
		streamer.logObject(new Sensor("porch", 3), "s");
		assertThat(streamer.flush()).isTrue();
		List<SentEvent> events = events();
		assertThat(events).extracting(SentEvent::key).containsExactly("s_count", "s_name");
		assertThat(events).extracting(SentEvent::value).containsExactly("3", "\"porch\"");
		assertThat(events.get(0).epoch()).isEqualTo(events.get(1).epoch());
	}

	private Streamer streamer(UnaryOperator<StreamerBuilder> customizer) {
		StreamerBuilder builder = Streamer.builder()
			.accessKey(ACCESS_KEY)
			.apiBase(URI.create(service.baseUrl()))
			.bucketKey("bucket")
			.bucketName("Some Bucket")
			.bufferSize(10_000)
			.flushInterval(Duration.ofHours(1))
			.requestsPerSecond(1000)
			.spoolEnabled(false);
		Streamer streamer = customizer.apply(builder).build();
		this.streamers.add(streamer);
		return streamer;
	}

	private static List<ServeEvent> requestsInOrder() {
		List<ServeEvent> events = new ArrayList<>(service.getAllServeEvents());
		Collections.reverse(events);
		return events;
	}

	private static List<ServeEvent> eventRequests() {
		return requestsInOrder().stream().filter((event) -> event.getRequest().getUrl().equals("/api/events")).toList();
	}

	private static List<SentEvent> events() {
		List<SentEvent> events = new ArrayList<>();
		for (ServeEvent event : eventRequests()) {
			events
				.addAll(SentEvent.parse(event.getRequest().getHeader("X-IS-BucketKey"), event.getRequest().getBody()));
		}
		return events;
	}

	record Reading(double temperature, int humidity, Map<String, Integer> gases) {
	}

	static class Sensor {

		private final String name;

		private final int count;

		Sensor(String name, int count) {
			this.name = name;
			this.count = count;
		}

		public String getName() {
			return this.name;
		}

		public int getCount() {
			return this.count;
		}

	}

	record Labelled(String label) {

		@Override
		public String toString() {
			return this.label;
		}

	}

}
