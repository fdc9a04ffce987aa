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

package io.isstreamer.micrometer;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import io.isstreamer.streamer.RecordingTransport;
import io.isstreamer.streamer.Streamer;
import io.isstreamer.streamer.transport.TransportRequest;
import io.isstreamer.streamer.transport.TransportResponse;
import io.micrometer.core.instrument.Measurement;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MockClock;
import io.micrometer.core.instrument.simple.SimpleConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link StreamerMetrics}.
 */
class StreamerMetricsTests {

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	private final RecordingTransport transport = new RecordingTransport();

	private final Streamer streamer = Streamer.builder()
		.transport(this.transport)
		.bucketKey("b")
		.spoolEnabled(false)
		.flushInterval(Duration.ofMillis(50))
		.closeTimeout(Duration.ofMillis(500))
		.build();

	@AfterEach
	void close() {
		this.streamer.close();
		this.registry.close();
	}

	@Test
	void countsEventsByOutcomeAndRequestsByStatus() {
		new StreamerMetrics(this.streamer).bindTo(this.registry);
		this.streamer.log("a", 1, 1_700_000_000.0);
		this.streamer.log("b", 2, 1_700_000_000.0);
		this.streamer.log("", 3, 1_700_000_000.0);
		assertThat(this.streamer.flush(Duration.ofSeconds(10))).isTrue();
		assertThat(count("initialstate.streamer.events", "outcome", "delivered")).isEqualTo(2);
		assertThat(count("initialstate.streamer.events", "outcome", "rejected")).isEqualTo(1);
		assertThat(count("initialstate.streamer.events", "outcome", "dropped")).isZero();
		assertThat(count("initialstate.streamer.requests", "status", "2xx"))
			.isEqualTo(this.transport.requests().size());
		assertThat(count("initialstate.streamer.requests", "status", "401")).isZero();
		assertThat(this.registry.get("initialstate.streamer.queue.depth").gauge().value()).isZero();
		assertThat(this.registry.get("initialstate.streamer.spool.bytes").gauge().value()).isZero();
		assertThat(this.registry.get("initialstate.streamer.spool.events").gauge().value()).isZero();
		assertThat(count("initialstate.streamer.events", "outcome", "coalesced")).isZero();
		assertThat(this.registry.get("initialstate.streamer.monthly.projected").gauge().value()).isPositive();
		assertThat(this.registry.find("initialstate.streamer.monthly.budget").gauge()).isNull();
	}

	@Test
	void showsTheMonthlyBudgetWhenOneIsSet() {
		try (Streamer streamer = Streamer.builder()
			.transport(this.transport)
			.bucketKey("b")
			.spoolEnabled(false)
			.monthlyEventBudget(3_000_000)
			.build()) {
			new StreamerMetrics(streamer).bindTo(this.registry);
			assertThat(this.registry.get("initialstate.streamer.monthly.budget").gauge().value()).isEqualTo(3_000_000);
		}
	}

	@Test
	void countsRejectedKeysUnderTheirStatus() {
		this.transport.answer(
				(request) -> TransportResponse.of((request.kind() == TransportRequest.Kind.CREATE_BUCKET) ? 401 : 204));
		new StreamerMetrics(this.streamer).bindTo(this.registry);
		this.streamer.log("a", 1);
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(count("initialstate.streamer.requests", "status", "401")).isEqualTo(1));
		assertThat(this.registry.get("initialstate.streamer.queue.depth").gauge().value()).isEqualTo(1);
	}

	@Test
	void aPassOverEveryMeterReadsOneStatsSnapshot() {
		AtomicInteger statsCalls = new AtomicInteger();
		MockClock clock = new MockClock();
		SimpleMeterRegistry registry = new SimpleMeterRegistry(SimpleConfig.DEFAULT, clock);
		new StreamerMetrics(countingStats(statsCalls)).bindTo(registry);
		// binding reads whether there is a budget
		statsCalls.set(0);
		List<Meter> meters = registry.getMeters();
		assertThat(meters).hasSize(20);
		meters.forEach(StreamerMetricsTests::read);
		assertThat(statsCalls).as("the first pass").hasValue(1);
		meters.forEach(StreamerMetricsTests::read);
		assertThat(statsCalls).as("a meter read again takes a new snapshot").hasValue(2);
		read(meters.get(0));
		clock.add(Duration.ofMillis(StreamerMetrics.MAX_SNAPSHOT_AGE_MILLIS + 1));
		read(meters.get(1));
		assertThat(statsCalls).as("a snapshot too old is taken anew").hasValue(4);
		registry.close();
	}

	private static void read(Meter meter) {
		meter.measure().forEach(Measurement::getValue);
	}

	private Streamer countingStats(AtomicInteger statsCalls) {
		InvocationHandler handler = (proxy, method, args) -> {
			if (method.getName().equals("stats")) {
				statsCalls.incrementAndGet();
			}
			return method.invoke(this.streamer, args);
		};
		return (Streamer) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] { Streamer.class },
				handler);
	}

	private double count(String name, String tag, String value) {
		return this.registry.get(name).tag(tag, value).functionCounter().count();
	}

}
