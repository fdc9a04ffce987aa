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

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.isstreamer.testsupport.InfoLogging;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MockClock;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.Timer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests of the monthly projection of {@link InitialStateMeterRegistry}: its range, what
 * drives it, and what was sent this month.
 */
@ExtendWith(OutputCaptureExtension.class)
class InitialStateMeterRegistryProjectionTests {

	private static final Duration STEP = Duration.ofMinutes(1);

	private static final List<String> CHANGING_KEYS = List.of("jvm.memory.used[area=heap]",
			"jvm.memory.used[area=nonheap]", "process.cpu.usage", "system.cpu.usage");

	private final MockClock clock = new MockClock();

	private final RecordingStreamer streamer = new RecordingStreamer();

	private final Map<String, String> properties = new HashMap<>(Map.of("initialstate.enabled", "false"));

	private InitialStateMeterRegistry registry;

	@AfterEach
	void close() {
		if (this.registry != null) {
			this.registry.close();
		}
	}

	private InitialStateMeterRegistry registry(String... keysAndValues) {
		for (int i = 0; i < keysAndValues.length; i += 2) {
			this.properties.put("initialstate." + keysAndValues[i], keysAndValues[i + 1]);
		}
		InitialStateConfig config = this.properties::get;
		this.registry = InitialStateMeterRegistry.builder(config).clock(this.clock).streamer(this.streamer).build();
		return this.registry;
	}

	private void publishAfterStep() {
		this.clock.add(STEP);
		this.registry.publish();
	}

	@Test
	void projectsTheDefaultSelectionFromTheSeriesKnownToChangeAtEveryStep() {
		InitialStateMeterRegistry registry = registry();
		registerDefaultMeters(registry);
		QuotaProjection projection = registry.reportQuotaProjection();
		assertThat(projection.series()).isEqualTo(15);
		assertThat(projection.floor().measured()).isFalse();
		assertThat(projection.floor().sentAtEveryStep()).containsExactlyElementsOf(CHANGING_KEYS);
		assertThat(projection.floor().refreshed()).as("GC and HTTP maximum, HTTP mean, threads").isEqualTo(4);
		assertThat(projection.floor().counts()).as("GC pauses, HTTP requests, 5xx, 4xx, error logs").isEqualTo(5);
		assertThat(projection.floor().constants()).as("heap maximum, start time").isEqualTo(2);
		// 44,640 one-minute steps in 31 days, 4,464 ten-minute refreshes
		assertThat(projection.minEventsPerMonth()).isEqualTo(4 * 44_640 + 4 * 4_464);
		assertThat(projection.maxEventsPerMonth()).isEqualTo(15 * 44_640);
		assertThat(projection.withinBudget()).isTrue();
	}

	@Test
	void keepsInsideTheStreamersMonthlyBudgetWhenItIsSmaller() {
		this.streamer.monthlyEventBudget(100_000);
		QuotaProjection projection = registry().reportQuotaProjection();
		assertThat(projection.monthlyBudget()).isEqualTo(100_000);
		assertThat(projection.withinBudget()).as("15 series every minute: 669,600 a month").isFalse();
	}

	@Test
	void keepsItsOwnBudgetWhenTheStreamersIsLarger() {
		this.streamer.monthlyEventBudget(50_000_000);
		assertThat(registry().reportQuotaProjection().monthlyBudget())
			.isEqualTo(InitialStateConfig.DEFAULT_MONTHLY_BUDGET);
	}

	@Test
	void projectsTheSeriesExpectedBeforeTheirMetersExistByTheirRule() {
		QuotaProjection projection = registry().reportQuotaProjection();
		assertThat(projection.series()).isEqualTo(15);
		assertThat(projection.floor().refreshed()).as("memory, CPU, GC maximum, threads, HTTP mean and maximum")
			.isEqualTo(8);
		assertThat(projection.floor().counts()).isEqualTo(5);
		assertThat(projection.floor().constants()).isEqualTo(2);
	}

	@Test
	void countsTheSeriesExpectedBeforeTheirMetersExist() {
		InitialStateMeterRegistry registry = registry("include", "test.*");
		Gauge.builder("test.gauge", () -> 1).register(registry);
		Timer.builder("test.timer").register(registry);
		// the 15 default series without a connection pool, a gauge, a timer's count,
		// sum, mean and max
		assertThat(registry.reportQuotaProjection().series()).isEqualTo(20);
	}

	@Test
	@InfoLogging("io.isstreamer.micrometer")
	void logsTheRangeAndWhatDrivesItOnce(CapturedOutput output) {
		InitialStateMeterRegistry registry = registry("enabled", "true");
		registerDefaultMeters(registry);
		registry.reportQuotaProjection();
		registry.reportQuotaProjection();
		publishAfterStep();
		assertThat(output).containsOnlyOnce("Initial State metrics: 15 series every 1m: 196,416 to 669,600 events "
				+ "a month (7% to 22% of the monthly budget of 3,000,000). The least counts 4 series known to change "
				+ "at every step (jvm.memory.used[area=heap], jvm.memory.used[area=nonheap], process.cpu.usage, "
				+ "system.cpu.usage) and 4 gauges sent again every 10m; 5 counts add an event in each step that has "
				+ "any, up to the most: every series at every step; 2 constants are sent once.");
	}

	@Test
	@InfoLogging("io.isstreamer.micrometer")
	void aDeferredReportWaitsForTheMetersToBeBoundRatherThanTheFirstPublish(CapturedOutput output) {
		this.properties.put("initialstate.enabled", "true");
		this.registry = InitialStateMeterRegistry.builder(this.properties::get)
			.clock(this.clock)
			.streamer(this.streamer)
			.deferProjectionReport()
			.build();
		publishAfterStep();
		assertThat(output).doesNotContain("Initial State metrics");
		registerDefaultMeters(this.registry);
		this.registry.reportQuotaProjection();
		assertThat(output).containsOnlyOnce("Initial State metrics: 15 series every 1m: 196,416 to 669,600");
	}

	@Test
	void logsNothingWhenPublishingIsDisabled(CapturedOutput output) {
		registry().reportQuotaProjection();
		assertThat(output).doesNotContain("Initial State metrics");
	}

	@Test
	void warnsWhenTheProjectionIsOverTheBudget(CapturedOutput output) {
		InitialStateMeterRegistry registry = registry("enabled", "true", "step", "10s");
		registerDefaultMeters(registry);
		assertThat(registry.reportQuotaProjection().withinBudget()).isFalse();
		assertThat(output).contains("WARN")
			.contains("15 series every 10s: 1,089,216 to 4,017,600 events a month (36% to 134% of the monthly "
					+ "budget of 3,000,000): over the budget.");
	}

	@Test
	void warnsWhenSeriesAppearingLaterPushTheProjectionOverTheBudget(CapturedOutput output) {
		InitialStateMeterRegistry registry = registry("enabled", "true", "include", "test.*", "monthlyBudget",
				"1000000");
		assertThat(registry.reportQuotaProjection().withinBudget()).isTrue();
		assertThat(output).doesNotContain("over the budget");
		for (int i = 0; i < 10; i++) {
			Gauge.builder("test.gauge", () -> 1).tag("index", Integer.toString(i)).register(registry);
		}
		publishAfterStep();
		assertThat(registry.quotaProjection().series()).isEqualTo(25);
		assertThat(output).contains("25 series every 1m").contains("over the budget");
	}

	@Test
	void measuresTheFloorOverTheLastHourOnceItHasRunThatLong() {
		InitialStateMeterRegistry registry = registry("include", "test.*,process.cpu.usage", "defaultSelection",
				"false");
		Counter requests = Counter.builder("test.requests").register(registry);
		Gauge.builder("process.cpu.usage", () -> 0.5).register(registry);
		Gauge.builder("test.steady", () -> 7).register(registry);
		for (int minute = 1; minute < 60; minute++) {
			requests.increment();
			publishAfterStep();
		}
		QuotaProjection.Floor estimated = registry.quotaProjection().floor();
		assertThat(estimated.measured()).isFalse();
		assertThat(estimated.sentAtEveryStep()).containsExactly("process.cpu.usage");
		requests.increment();
		publishAfterStep();
		QuotaProjection measured = registry.quotaProjection();
		assertThat(measured.floor().measured()).isTrue();
		assertThat(measured.floor().sentAtEveryStep()).as("the CPU use did not change: it was not sent")
			.containsExactly("test.requests");
		assertThat(measured.floor().refreshed()).isEqualTo(2);
		assertThat(measured.minEventsPerMonth()).isEqualTo(44_640 + 2 * 4_464);
		assertThat(measured.drivers()).startsWith("The least counts 1 series sent at every step of the last hour "
				+ "(test.requests) and 2 gauges sent again every 10m");
	}

	@Test
	void aSeriesThatMissesOneStepOfTheLastHourLeavesTheFloor() {
		InitialStateMeterRegistry registry = registry("include", "test.*", "defaultSelection", "false");
		Counter requests = Counter.builder("test.requests").register(registry);
		for (int minute = 1; minute <= 90; minute++) {
			// the first zero after a count is sent, the second is not
			if (minute != 45 && minute != 46) {
				requests.increment();
			}
			publishAfterStep();
		}
		// sent in each of the last 44 steps: 16 more make an hour
		for (int minute = 1; minute <= 16; minute++) {
			assertThat(registry.quotaProjection().floor().sentAtEveryStep()).isEmpty();
			requests.increment();
			publishAfterStep();
		}
		assertThat(registry.quotaProjection().floor().sentAtEveryStep()).containsExactly("test.requests");
	}

	@Test
	void countsWhatWasSentThisMonthAndItsPace() {
		InitialStateMeterRegistry registry = registry("include", "test.*", "defaultSelection", "false");
		Counter requests = Counter.builder("test.requests").register(registry);
		AtomicLong changing = new AtomicLong();
		Gauge.builder("test.changing", changing, AtomicLong::incrementAndGet).register(registry);
		for (int minute = 1; minute <= 10; minute++) {
			requests.increment();
			publishAfterStep();
		}
		assertThat(this.streamer.take()).hasSize(20);
		QuotaProjection.MonthToDate thisMonth = registry.quotaProjection().thisMonth();
		assertThat(thisMonth).isNotNull();
		assertThat(thisMonth.month()).isEqualTo("1970-01");
		assertThat(thisMonth.since()).isEqualTo(Instant.ofEpochMilli(1));
		assertThat(thisMonth.events()).isEqualTo(20);
		// 2 events a minute, over 10 minutes less the registry's first millisecond
		assertThat(thisMonth.eventsPerMonth()).isEqualTo(Math.round(20.0 * 31 * 24 * 60 * 60_000 / (600_000 - 1)));
		this.clock.add(Duration.ofDays(31));
		QuotaProjection.MonthToDate nextMonth = registry.quotaProjection().thisMonth();
		assertThat(nextMonth.month()).isEqualTo("1970-02");
		assertThat(nextMonth.since()).isEqualTo(Instant.parse("1970-02-01T00:00:00Z"));
		assertThat(nextMonth.events()).isZero();
		requests.increment();
		publishAfterStep();
		assertThat(registry.quotaProjection().thisMonth().events()).isEqualTo(2);
	}

	private static void registerDefaultMeters(InitialStateMeterRegistry registry) {
		Gauge.builder("jvm.memory.used", () -> 100).tags("area", "heap", "id", "G1 Eden Space").register(registry);
		Gauge.builder("jvm.memory.used", () -> 30).tags("area", "nonheap", "id", "Metaspace").register(registry);
		Gauge.builder("jvm.memory.max", () -> 1000).tags("area", "heap", "id", "G1 Old Gen").register(registry);
		Timer.builder("jvm.gc.pause").tags("gc", "G1 Young Generation").register(registry);
		Gauge.builder("jvm.threads.live", () -> 25).register(registry);
		Gauge.builder("process.cpu.usage", () -> 0.25).register(registry);
		Gauge.builder("system.cpu.usage", () -> 0.5).register(registry);
		TimeGauge.builder("process.start.time", () -> 1_700_000_000_000L, TimeUnit.MILLISECONDS).register(registry);
		Timer.builder("http.server.requests").tags("uri", "/", "outcome", "SUCCESS").register(registry);
		Counter.builder("logback.events").tag("level", "error").register(registry);
	}

}
