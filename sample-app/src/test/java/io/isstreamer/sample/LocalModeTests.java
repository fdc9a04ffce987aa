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

package io.isstreamer.sample;

import java.time.Duration;
import java.util.Set;

import io.isstreamer.sample.dashboard.ModeBanner;
import io.isstreamer.sample.receiver.LocalReceiver;
import io.isstreamer.sample.receiver.ReceivedEvents;
import io.isstreamer.streamer.Streamer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Without an access key the sample streams its sensor, its orders and the default metric
 * series to its local receiver, and the dashboard's data endpoint returns them.
 */
@ExtendWith(OutputCaptureExtension.class)
class LocalModeTests extends LocalModeTestSupport {

	/**
	 * The keys of the metrics export's default selection, as the README documents them.
	 */
	static final Set<String> DEFAULT_METRIC_KEYS = Set.of("jvm.memory.used[area=heap]", "jvm.memory.max[area=heap]",
			"jvm.memory.used[area=nonheap]", "jvm.gc.pause:sum", "jvm.gc.pause:max", "jvm.threads.live",
			"process.cpu.usage", "system.cpu.usage", "process.start.time", "http.server.requests:count",
			"http.server.requests:mean", "http.server.requests:max", "http.server.requests:count[outcome=SERVER_ERROR]",
			"http.server.requests:count[outcome=CLIENT_ERROR]", "logback.events[level=error]");

	static final Set<String> SENSOR_KEYS = Set.of("sensor_temperature", "sensor_humidity", "sensor_comfort");

	@Autowired
	private Streamer streamer;

	@Autowired
	private Environment environment;

	@Autowired
	private ConfigurableApplicationContext context;

	@Test
	void starterIsPointedAtTheLocalReceiver() {
		assertThat(this.environment.getProperty("initialstate.api-base")).isEqualTo(this.receiver.baseUri().toString())
			.startsWith("http://127.0.0.1:");
		assertThat(this.environment.getProperty("initialstate.access-key")).isEqualTo(LocalReceiver.ACCESS_KEY);
	}

	@Test
	void consoleSaysThatEventsGoToTheLocalReceiverAndWhereTheDashboardIs(CapturedOutput output) {
		this.context.getBean(ModeBanner.class)
			.onApplicationEvent(
					new ApplicationReadyEvent(new SpringApplication(), new String[0], this.context, Duration.ZERO));
		assertThat(output).contains("LOCAL mode: no INITIALSTATE_ACCESS_KEY is set")
			.contains("local receiver at " + this.receiver.baseUri())
			.contains("Open the dashboard:   http://localhost:" + this.port + "/");
	}

	@Test
	void receiverHoldsTheSensorReadingsAndTheDefaultMetricSeries() {
		System.gc(); // jvm.gc.pause appears with the first collection
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(
					() -> assertThat(this.receiver.events().read(BUCKET, 0).streams().keySet()).containsAll(SENSOR_KEYS)
						.containsAll(DEFAULT_METRIC_KEYS)
						.contains("orders_placed"));
		ReceivedEvents.Update events = this.receiver.events().read(BUCKET, 0);
		assertThat(events.values("sensor_temperature")).allSatisfy((value) -> assertThat(value)
			.isInstanceOfSatisfying(Double.class, (t) -> assertThat(t).isBetween(10d, 35d)));
		assertThat(events.values("sensor_comfort"))
			.allSatisfy((value) -> assertThat(value).isIn("comfortable", "too cold", "too warm", "too humid"));
		assertThat(events.values("jvm.memory.used[area=heap]"))
			.allSatisfy((value) -> assertThat((Double) value).isPositive());
	}

	@Test
	void receiverAnswersTheStreamerWithinItsLimits() {
		await().atMost(Duration.ofSeconds(30)).until(() -> this.streamer.stats().delivered() > 0);
		assertThat(this.receiver.answers()).containsKey(204).doesNotContainKey(429).doesNotContainKey(400);
		assertThat(this.streamer.stats().spoolBacklog()).isZero();
	}

	@Test
	void dashboardDataReturnsTheStreamsOfTheCurrentBucketAndTheStreamerFigures() {
		System.gc();
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			JsonNode data = dashboardData("");
			assertThat(data.get("mode").stringValue()).isEqualTo("local");
			assertThat(data.get("bucket").stringValue()).isEqualTo(BUCKET);
			assertThat(data.get("streams").propertyNames()).containsAll(SENSOR_KEYS).containsAll(DEFAULT_METRIC_KEYS);
			assertThat(data.get("status").get("delivered").longValue()).isPositive();
		});
		JsonNode data = dashboardData("");
		JsonNode temperature = data.get("streams").get("sensor_temperature").get(0);
		assertThat(temperature.get(0).doubleValue()).as("epoch").isGreaterThan(1.7e9);
		assertThat(temperature.get(1).isNumber()).as("value").isTrue();
		assertThat(data.get("buckets").findValuesAsString("key")).contains(BUCKET);
		assertThat(data.get("status").get("serviceStatus").stringValue()).isEqualTo("OK");
	}

	@Test
	void dashboardDataReturnsOnlyWhatArrivedAfterTheSequenceAsked() {
		await().atMost(Duration.ofSeconds(30))
			.until(() -> dashboardData("").get("streams").path("sensor_temperature").size() > 1);
		long sequence = dashboardData("").get("sequence").longValue();
		this.streamer.log("after_sequence", 1);
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(dashboardData("?after=" + sequence).get("streams").propertyNames())
				.contains("after_sequence"));
		JsonNode newer = dashboardData("?after=" + sequence).get("streams");
		assertThat(newer.get("after_sequence").size()).isOne();
		assertThat(newer.path("sensor_temperature").size())
			.isLessThan(dashboardData("").get("streams").get("sensor_temperature").size());
		assertThat(dashboardData("?after=" + Long.MAX_VALUE).get("streams").isEmpty()).isTrue();
	}

	@Test
	void bucketSwitchSendsLaterEventsToTheNewBucket() {
		RestClient client = RestClient.create(url(""));
		try {
			String body = client.post().uri("/api/bucket?name=Second run&key=second-run").retrieve().body(String.class);
			assertThat(JsonMapper.builder().build().readTree(body).get("key").stringValue()).isEqualTo("second-run");
			await().atMost(Duration.ofSeconds(30))
				.untilAsserted(() -> assertThat(this.receiver.events().read("second-run", 0).streams().keySet())
					.containsAll(SENSOR_KEYS));
			assertThat(this.receiver.events().buckets()).extracting(ReceivedEvents.BucketSummary::name)
				.contains("Second run", BUCKET);
		}
		finally {
			this.streamer.setBucket(BUCKET, BUCKET);
		}
	}

	private JsonNode dashboardData(String query) {
		String body = RestClient.create(url("")).get().uri("/dashboard/data" + query).retrieve().body(String.class);
		return JsonMapper.builder().build().readTree(body);
	}

}
