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

package io.isstreamer.sample.receiver;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import io.isstreamer.streamer.Streamer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link LocalReceiver}: the events API's headers, limits and answers over
 * HTTP.
 */
class LocalReceiverTests {

	// 2026-01-01T00:00:05Z: the 10-second window ends at 1767225610
	private static final long FIXED_MILLIS = 1_767_225_605_000L;

	private static final String EVENT = "{\"key\":\"temperature\",\"value\":21.5,\"epoch\":1767225600.25}";

	private final HttpClient client = HttpClient.newHttpClient();

	private LocalReceiver receiver = start(new LocalReceiver(0));

	@AfterEach
	void stop() {
		this.receiver.close();
	}

	@Test
	void createsABucketWith201ThenAnswers204OnceItExists() throws Exception {
		String bucket = "{\"bucketKey\":\"b1\",\"bucketName\":\"First bucket\"}";
		assertThat(post("/api/buckets", bucket, LocalReceiver.ACCESS_KEY, null).statusCode()).isEqualTo(201);
		assertThat(post("/api/buckets", bucket, LocalReceiver.ACCESS_KEY, null).statusCode()).isEqualTo(204);
		assertThat(this.receiver.events().buckets())
			.containsExactly(new ReceivedEvents.BucketSummary("b1", "First bucket", 0, 0));
	}

	@Test
	void keepsEventsAndAnswers204WithTheRateLimitHeaders() throws Exception {
		this.receiver.close();
		this.receiver = start(new LocalReceiver(0, 3, new ReceivedEvents(), () -> FIXED_MILLIS));
		HttpResponse<String> response = postEvents("[" + EVENT + ",{\"key\":\"door\",\"value\":true,\"epoch\":1.5}]");
		assertThat(response.statusCode()).isEqualTo(204);
		assertThat(response.headers().firstValue("X-RateLimit-Limit")).hasValue("30");
		assertThat(response.headers().firstValue("X-RateLimit-Remaining")).hasValue("29");
		assertThat(response.headers().firstValue("X-RateLimit-Reset")).hasValue("1767225610");
		ReceivedEvents.Update update = this.receiver.events().read("b1", 0);
		assertThat(update.values("temperature")).containsExactly(21.5);
		assertThat(update.values("door")).containsExactly(true);
		assertThat(update.streams().get("temperature").get(0).epoch()).isEqualTo(1767225600.25);
	}

	@Test
	void stampsEventsWithoutEpochWithTheTimeOfArrival() throws Exception {
		this.receiver.close();
		this.receiver = start(new LocalReceiver(0, 3, new ReceivedEvents(), () -> FIXED_MILLIS));
		assertThat(postEvents("[{\"key\":\"note\",\"value\":\"hello\"}]").statusCode()).isEqualTo(204);
		assertThat(this.receiver.events().read("b1", 0).streams().get("note").get(0).epoch()).isEqualTo(1767225605.0);
	}

	@Test
	void answers429WithRetryAfterPastThreeRequestsInASecond() throws Exception {
		this.receiver.close();
		this.receiver = start(new LocalReceiver(0, 3, new ReceivedEvents(), () -> FIXED_MILLIS));
		for (int i = 0; i < 3; i++) {
			assertThat(postEvents("[" + EVENT + "]").statusCode()).isEqualTo(204);
		}
		HttpResponse<String> refused = postEvents("[" + EVENT + "]");
		assertThat(refused.statusCode()).isEqualTo(429);
		assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");
		assertThat(refused.headers().firstValue("X-RateLimit-Limit")).hasValue("30");
		assertThat(refused.headers().firstValue("X-RateLimit-Remaining")).hasValue("27");
		assertThat(refused.headers().firstValue("X-RateLimit-Reset")).hasValue("1767225610");
		assertThat(this.receiver.events().read("b1", 0).values("temperature")).hasSize(3);
		assertThat(this.receiver.answers()).containsEntry(204, 3L).containsEntry(429, 1L);
	}

	@Test
	void answers413ToABodyOverOneMegabyte() throws Exception {
		StringBuilder body = new StringBuilder("[" + EVENT);
		while (body.length() <= ApiHandler.MAX_BODY_BYTES) {
			body.append(',').append(EVENT);
		}
		HttpResponse<String> response = postEvents(body.append(']').toString());
		assertThat(response.statusCode()).isEqualTo(413);
		assertThat(response.headers().firstValue("X-RateLimit-Remaining")).isPresent();
		assertThat(this.receiver.events().buckets()).isEmpty();
	}

	@Test
	void acceptsABodyOfOneMegabyte() throws Exception {
		StringBuilder body = new StringBuilder("[" + EVENT);
		while (body.length() + EVENT.length() + 2 <= ApiHandler.MAX_BODY_BYTES) {
			body.append(',').append(EVENT);
		}
		String padded = body.toString() + " ".repeat(ApiHandler.MAX_BODY_BYTES - body.length() - 1) + "]";
		assertThat(padded).hasSize(ApiHandler.MAX_BODY_BYTES);
		assertThat(postEvents(padded).statusCode()).isEqualTo(204);
	}

	@Test
	void acceptsAKeyOf250AndAValueOf2000Characters() throws Exception {
		String key = "k".repeat(250);
		String value = "v".repeat(2000);
		assertThat(postEvents("[{\"key\":\"" + key + "\",\"value\":\"" + value + "\"}]").statusCode()).isEqualTo(204);
		assertThat(this.receiver.events().read("b1", 0).values(key)).containsExactly(value);
	}

	@ParameterizedTest
	@ValueSource(strings = { "not json", "{\"key\":\"a\",\"value\":1}", "[1]", "[{\"value\":1}]",
			"[{\"key\":\" \",\"value\":1}]", "[{\"key\":\"a\"}]", "[{\"key\":\"a\",\"value\":null}]",
			"[{\"key\":\"a\",\"value\":{\"b\":1}}]", "[{\"key\":\"a\",\"value\":1,\"epoch\":\"soon\"}]",
			"[{\"key\":\"a\",\"value\":1,\"epoch\":-1}]", "[{\"key\":\"ok\",\"value\":1},{\"key\":2,\"value\":1}]" })
	void refusesAnInvalidBodyWith400AndKeepsNothingOfIt(String body) throws Exception {
		HttpResponse<String> response = postEvents(body);
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.body()).startsWith("{\"error\":\"");
		assertThat(this.receiver.events().read("b1", 0).streams()).isEmpty();
	}

	@Test
	void refusesAKeyOver250OrAValueOver2000CharactersWith400() throws Exception {
		assertThat(postEvents("[{\"key\":\"" + "k".repeat(251) + "\",\"value\":1}]").statusCode()).isEqualTo(400);
		assertThat(postEvents("[{\"key\":\"a\",\"value\":\"" + "v".repeat(2001) + "\"}]").statusCode()).isEqualTo(400);
	}

	@Test
	void refusesAMissingOrInvalidBucketKeyWith400() throws Exception {
		assertThat(post("/api/events", "[" + EVENT + "]", LocalReceiver.ACCESS_KEY, null).statusCode()).isEqualTo(400);
		assertThat(post("/api/events", "[" + EVENT + "]", LocalReceiver.ACCESS_KEY, "a:b").statusCode()).isEqualTo(400);
		assertThat(post("/api/buckets", "{\"bucketKey\":\"" + "b".repeat(251) + "\"}", LocalReceiver.ACCESS_KEY, null)
			.statusCode()).isEqualTo(400);
	}

	@Test
	void refusesAMissingAccessKeyWith401AndAWrongOneWith403() throws Exception {
		assertThat(post("/api/events", "[" + EVENT + "]", null, "b1").statusCode()).isEqualTo(401);
		assertThat(post("/api/events", "[" + EVENT + "]", "wrong", "b1").statusCode()).isEqualTo(403);
		assertThat(post("/api/buckets", "{\"bucketKey\":\"b1\"}", "wrong", null).statusCode()).isEqualTo(403);
		assertThat(this.receiver.events().buckets()).isEmpty();
	}

	@Test
	void refusesAnotherContentTypeWith415() throws Exception {
		HttpRequest request = request("/api/events", "[" + EVENT + "]")
			.header("X-IS-AccessKey", LocalReceiver.ACCESS_KEY)
			.header("X-IS-BucketKey", "b1")
			.header("Content-Type", "text/plain")
			.build();
		assertThat(this.client.send(request, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(415);
	}

	@Test
	void refusesOtherMethodsWith405() throws Exception {
		HttpRequest request = HttpRequest.newBuilder(this.receiver.baseUri().resolve("/api/events")).GET().build();
		assertThat(this.client.send(request, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(405);
	}

	@Test
	void takesWhatTheStreamerSendsAndStopsAfterwards() {
		try (Streamer streamer = Streamer.builder()
			.accessKey(LocalReceiver.ACCESS_KEY)
			.apiBase(this.receiver.baseUri())
			.bucketName("Receiver test")
			.bucketKey("receiver-test")
			.spoolEnabled(false)
			.build()) {
			streamer.log("temperature", 21.5);
			streamer.logObject(new Reading(3, "ok"), "sensor");
			assertThat(streamer.flush(Duration.ofSeconds(10))).isTrue();
		}
		ReceivedEvents.Update update = this.receiver.events().read("receiver-test", 0);
		assertThat(update.values("temperature")).containsExactly(21.5);
		assertThat(update.values("sensor_count")).containsExactly(3d);
		assertThat(update.values("sensor_state")).containsExactly("ok");
		assertThat(this.receiver.events().buckets()).extracting(ReceivedEvents.BucketSummary::name)
			.containsExactly("Receiver test");
		this.receiver.stop();
		assertThat(this.receiver.isRunning()).isFalse();
		assertThat(this.receiver.events().read("receiver-test", 0).values("temperature")).containsExactly(21.5);
	}

	private HttpResponse<String> postEvents(String body) throws IOException, InterruptedException {
		return post("/api/events", body, LocalReceiver.ACCESS_KEY, "b1");
	}

	private HttpResponse<String> post(String path, String body, String accessKey, String bucketKey)
			throws IOException, InterruptedException {
		HttpRequest.Builder request = request(path, body).header("Content-Type", "application/json");
		if (accessKey != null) {
			request.header("X-IS-AccessKey", accessKey);
		}
		if (bucketKey != null) {
			request.header("X-IS-BucketKey", bucketKey);
		}
		return this.client.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private HttpRequest.Builder request(String path, String body) {
		URI uri = this.receiver.baseUri().resolve(path);
		return HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.ofString(body));
	}

	private static LocalReceiver start(LocalReceiver receiver) {
		receiver.start();
		return receiver;
	}

	record Reading(int count, String state) {

	}

}
