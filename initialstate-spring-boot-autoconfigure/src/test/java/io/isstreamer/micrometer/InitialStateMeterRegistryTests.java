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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.isstreamer.testsupport.InfoLogging;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.LongTaskTimer;
import io.micrometer.core.instrument.Measurement;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MockClock;
import io.micrometer.core.instrument.Statistic;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.Timer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

/**
 * Tests for {@link InitialStateMeterRegistry}.
 */
@ExtendWith(OutputCaptureExtension.class)
class InitialStateMeterRegistryTests {

	private static final Duration STEP = Duration.ofMinutes(1);

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

	private Map<String, Object> publishAfterStep() {
		this.clock.add(STEP);
		this.registry.publish();
		return this.streamer.takeValues();
	}

	@Test
	void publishesTheStatisticsOfEveryMeterType() {
		InitialStateMeterRegistry registry = registry("include", "test.*", "defaultSelection", "false");
		Counter.builder("test.counter").register(registry).increment(3);
		Gauge.builder("test.gauge", () -> 42).register(registry);
		Timer timer = Timer.builder("test.timer").register(registry);
		timer.record(Duration.ofMillis(100));
		timer.record(Duration.ofMillis(200));
		DistributionSummary summary = DistributionSummary.builder("test.summary").register(registry);
		summary.record(10);
		summary.record(20);
		LongTaskTimer longTaskTimer = LongTaskTimer.builder("test.long.task").register(registry);
		longTaskTimer.start();
		TimeGauge.builder("test.time.gauge", () -> 2, TimeUnit.SECONDS).register(registry);
		AtomicLong functionCount = new AtomicLong(7);
		FunctionCounter.builder("test.function.counter", functionCount, AtomicLong::get).register(registry);
		FunctionTimer.builder("test.function.timer", functionCount, AtomicLong::get, (count) -> 1.4, TimeUnit.SECONDS)
			.register(registry);
		Meter
			.builder("test.custom", Meter.Type.OTHER,
					List.of(new Measurement(() -> 5, Statistic.VALUE), new Measurement(() -> 6, Statistic.TOTAL)))
			.register(registry);
		this.clock.add(Duration.ofSeconds(1)); // the long task runs for a second
		Map<String, Object> values = publishAfterStep();
		assertThat(values).containsOnly(entry("test.counter", 3.0), entry("test.gauge", 42.0),
				entry("test.timer:count", 2.0), entry("test.timer:sum", 300.0), entry("test.timer:mean", 150.0),
				entry("test.timer:max", 200.0), entry("test.summary:count", 2.0), entry("test.summary:sum", 30.0),
				entry("test.summary:mean", 15.0), entry("test.summary:max", 20.0), entry("test.long.task:active", 1.0),
				entry("test.long.task:duration", 61_000.0), entry("test.long.task:max", 61_000.0),
				entry("test.time.gauge", 2_000.0), entry("test.function.counter", 7.0),
				entry("test.function.timer:count", 7.0), entry("test.function.timer:sum", 1_400.0),
				entry("test.function.timer:mean", 200.0), entry("test.custom:value", 5.0),
				entry("test.custom:sum", 6.0));
	}

	@Test
	void publishesConfiguredPercentiles() {
		InitialStateMeterRegistry registry = registry("include", "test.*", "defaultSelection", "false");
		Timer timer = Timer.builder("test.timer").publishPercentiles(0.5, 0.999).register(registry);
		timer.record(Duration.ofMillis(100));
		assertThat(publishAfterStep()).containsKeys("test.timer:p50", "test.timer:p99.9");
	}

	@Test
	void skipsValuesThatAreNotFinite() {
		InitialStateMeterRegistry registry = registry("include", "test.*", "defaultSelection", "false");
		Gauge.builder("test.nan", () -> Double.NaN).register(registry);
		Gauge.builder("test.infinite", () -> Double.POSITIVE_INFINITY).register(registry);
		Gauge.builder("test.finite", () -> 1).register(registry);
		assertThat(publishAfterStep()).containsOnlyKeys("test.finite");
	}

	@Test
	void stampsEveryValueOfAPublishWithOneTimestamp() {
		InitialStateMeterRegistry registry = registry("include", "test.*");
		Gauge.builder("test.one", () -> 1).register(registry);
		Gauge.builder("test.two", () -> 2).register(registry);
		this.clock.add(STEP);
		registry.publish();
		double epoch = this.clock.wallTime() / 1000.0;
		assertThat(this.streamer.take()).isNotEmpty()
			.allSatisfy((logged) -> assertThat(logged.epochSeconds()).isEqualTo(epoch));
	}

	@Test
	void sendsUnchangedValuesAgainOnlyAtTheRefreshInterval() {
		InitialStateMeterRegistry registry = registry("include", "test.*", "defaultSelection", "false",
				"refreshInterval", "5m");
		AtomicLong changing = new AtomicLong();
		Gauge.builder("test.steady", () -> 10).register(registry);
		Gauge.builder("test.changing", changing, AtomicLong::incrementAndGet).register(registry);
		assertThat(publishAfterStep()).as("first").containsOnlyKeys("test.steady", "test.changing");
		for (int minute = 2; minute <= 5; minute++) {
			assertThat(publishAfterStep()).as("minute %d", minute).containsOnlyKeys("test.changing");
		}
		assertThat(publishAfterStep()).as("five minutes after the first")
			.containsOnlyKeys("test.steady", "test.changing");
		assertThat(publishAfterStep()).containsOnlyKeys("test.changing");
	}

	@Test
	void sendsEveryValueAtEveryStepWithAZeroRefreshInterval() {
		InitialStateMeterRegistry registry = registry("include", "test.*", "defaultSelection", "false",
				"refreshInterval", "0s");
		Gauge.builder("test.steady", () -> 10).register(registry);
		assertThat(publishAfterStep()).containsOnlyKeys("test.steady");
		assertThat(publishAfterStep()).containsOnlyKeys("test.steady");
	}

	@Test
	void exportsOnlyTheDefaultSelectionByDefault() {
		InitialStateMeterRegistry registry = registry();
		Gauge.builder("jvm.memory.used", () -> 100).tags("area", "heap", "id", "G1 Eden Space").register(registry);
		Gauge.builder("jvm.memory.used", () -> 200).tags("area", "heap", "id", "G1 Old Gen").register(registry);
		Gauge.builder("jvm.memory.used", () -> 30).tags("area", "nonheap", "id", "Metaspace").register(registry);
		Gauge.builder("jvm.memory.used", () -> 5).tags("area", "nonheap", "id", "CodeCache").register(registry);
		Gauge.builder("jvm.memory.max", () -> 1000).tags("area", "heap", "id", "G1 Old Gen").register(registry);
		Timer.builder("jvm.gc.pause")
			.tags("action", "end of minor GC", "cause", "G1 Evacuation Pause", "gc", "G1 Young Generation")
			.register(registry)
			.record(Duration.ofMillis(8));
		Timer.builder("jvm.gc.pause")
			.tags("action", "end of major GC", "cause", "System.gc()", "gc", "G1 Old Generation")
			.register(registry)
			.record(Duration.ofMillis(30));
		Gauge.builder("jvm.threads.live", () -> 25).register(registry);
		Gauge.builder("jvm.threads.peak", () -> 30).register(registry);
		Gauge.builder("process.cpu.usage", () -> 0.25).register(registry);
		Gauge.builder("system.cpu.usage", () -> 0.5).register(registry);
		TimeGauge.builder("process.uptime", () -> 90, TimeUnit.SECONDS).register(registry);
		Timer ok = httpServerRequests(registry, "/greet", "200", "SUCCESS");
		ok.record(Duration.ofMillis(10));
		ok.record(Duration.ofMillis(20));
		httpServerRequests(registry, "/orders", "201", "SUCCESS").record(Duration.ofMillis(60));
		httpServerRequests(registry, "/orders", "500", "SERVER_ERROR").record(Duration.ofMillis(110));
		for (String level : List.of("error", "warn", "info")) {
			Counter.builder("logback.events").tag("level", level).register(registry).increment(2);
		}
		assertThat(publishAfterStep()).containsOnly(entry("jvm.memory.used[area=heap]", 300.0),
				entry("jvm.memory.used[area=nonheap]", 35.0), entry("jvm.gc.pause:sum", 38.0),
				entry("jvm.gc.pause:max", 30.0), entry("jvm.threads.live", 25.0), entry("process.cpu.usage", 0.25),
				entry("system.cpu.usage", 0.5), entry("process.uptime", 90_000.0),
				entry("http.server.requests:count", 4.0), entry("http.server.requests:mean", 50.0),
				entry("http.server.requests:max", 110.0),
				entry("http.server.requests:count[outcome=SERVER_ERROR]", 1.0),
				entry("logback.events[level=error]", 2.0));
		assertThat(DefaultSelection.SERIES).hasSize(13);
	}

	@Test
	void countsNoServerErrorsAsZero() {
		InitialStateMeterRegistry registry = registry();
		httpServerRequests(registry, "/greet", "200", "SUCCESS").record(Duration.ofMillis(10));
		assertThat(publishAfterStep()).contains(entry("http.server.requests:count[outcome=SERVER_ERROR]", 0.0),
				entry("http.server.requests:count", 1.0));
	}

	@Test
	void keepsCommonTagsInTheKeys() {
		InitialStateMeterRegistry registry = registry("include", "test.*");
		registry.config().commonTags("instance", "web-1");
		Gauge.builder("jvm.threads.live", () -> 25).register(registry);
		Gauge.builder("jvm.memory.used", () -> 100).tags("area", "heap", "id", "G1 Eden Space").register(registry);
		httpServerRequests(registry, "/greet", "200", "SUCCESS").record(Duration.ofMillis(10));
		Gauge.builder("test.gauge", () -> 1).tag("pool", "a").register(registry);
		assertThat(publishAfterStep()).containsOnlyKeys("jvm.threads.live[instance=web-1]",
				"jvm.memory.used[area=heap,instance=web-1]", "http.server.requests:count[instance=web-1]",
				"http.server.requests:mean[instance=web-1]", "http.server.requests:max[instance=web-1]",
				"http.server.requests:count[instance=web-1,outcome=SERVER_ERROR]", "test.gauge[instance=web-1,pool=a]");
	}

	@Test
	void putsTheKeyPrefixBeforeEveryKey() {
		InitialStateMeterRegistry registry = registry("keyPrefix", "shop");
		Gauge.builder("jvm.threads.live", () -> 25).register(registry);
		assertThat(publishAfterStep()).containsOnlyKeys("shop.jvm.threads.live");
	}

	@Test
	void includePatternsAddEverySeriesOfTheirMeters() {
		InitialStateMeterRegistry registry = registry("include", "jvm.memory.*, jvm.threads.peak");
		Gauge.builder("jvm.memory.used", () -> 100).tags("area", "heap", "id", "G1 Eden Space").register(registry);
		Gauge.builder("jvm.memory.max", () -> 1000).tags("area", "heap", "id", "G1 Eden Space").register(registry);
		Gauge.builder("jvm.threads.peak", () -> 30).register(registry);
		Gauge.builder("jvm.threads.daemon", () -> 20).register(registry);
		assertThat(publishAfterStep()).containsOnlyKeys("jvm.memory.used[area=heap]",
				"jvm.memory.used[area=heap,id=G1 Eden Space]", "jvm.memory.max[area=heap,id=G1 Eden Space]",
				"jvm.threads.peak");
	}

	@Test
	void excludePatternsWinOverTheDefaultSelectionAndIncludes() {
		InitialStateMeterRegistry registry = registry("include", "jvm.*", "exclude", "jvm.memory.*,process.*");
		Gauge.builder("jvm.memory.used", () -> 100).tags("area", "heap", "id", "G1 Eden Space").register(registry);
		Gauge.builder("jvm.threads.live", () -> 25).register(registry);
		Gauge.builder("process.cpu.usage", () -> 0.25).register(registry);
		assertThat(publishAfterStep()).containsOnlyKeys("jvm.threads.live");
	}

	@Test
	void exportsOnlyTheIncludedMetersWithoutTheDefaultSelection() {
		InitialStateMeterRegistry registry = registry("include", "test.gauge", "defaultSelection", "false");
		Gauge.builder("jvm.threads.live", () -> 25).register(registry);
		Gauge.builder("test.gauge", () -> 1).register(registry);
		assertThat(publishAfterStep()).containsOnlyKeys("test.gauge");
	}

	@Test
	void shortensLongKeysWithAHash() {
		InitialStateMeterRegistry registry = registry("include", "test.*");
		Gauge.builder("test.gauge", () -> 1).tag("uri", "/" + "a".repeat(120)).register(registry);
		Gauge.builder("test.gauge", () -> 2).tag("uri", "/" + "a".repeat(121)).register(registry);
		Map<String, Object> values = publishAfterStep();
		assertThat(values).hasSize(2)
			.allSatisfy((key, value) -> assertThat(key).hasSize(100).startsWith("test.gauge[uri=/aaa"));
	}

	@Test
	void usesDotNamesNotSnakeCase() {
		InitialStateMeterRegistry registry = registry("include", "*", "defaultSelection", "false");
		Gauge.builder("my.app.queue.size", () -> 3).register(registry);
		assertThat(publishAfterStep()).containsOnlyKeys("my.app.queue.size");
	}

	@Test
	void projectsTheMonthlyEventsOfTheSelectedSeries() {
		InitialStateMeterRegistry registry = registry("include", "test.*");
		Gauge.builder("test.gauge", () -> 1).register(registry);
		Timer.builder("test.timer").register(registry);
		QuotaProjection projection = registry.reportQuotaProjection();
		// 13 default series (expected even before their meters exist), a gauge, a timer's
		// count, sum, mean and max: 18 series, 44,640 one-minute steps in 31 days
		assertThat(projection.series()).isEqualTo(18);
		assertThat(projection.maxEventsPerMonth()).isEqualTo(18 * 44_640);
		assertThat(projection.minEventsPerMonth()).isEqualTo(18 * 4_464);
		assertThat(projection.withinBudget()).isTrue();
	}

	@Test
	@InfoLogging("io.isstreamer.micrometer")
	void logsTheProjectionOnce(CapturedOutput output) {
		InitialStateMeterRegistry registry = registry("enabled", "true");
		registry.reportQuotaProjection();
		registry.reportQuotaProjection();
		publishAfterStep();
		assertThat(output).containsOnlyOnce("Initial State metrics: 13 series every 1m: at most 580,320 events a "
				+ "month (19% of the monthly budget of 3,000,000), at least 58,032 when no value changes; "
				+ "unchanged values are sent again every 10m");
	}

	@Test
	void logsNothingWhenPublishingIsDisabled(CapturedOutput output) {
		registry().reportQuotaProjection();
		assertThat(output).doesNotContain("Initial State metrics");
	}

	@Test
	void warnsWhenTheProjectionIsOverTheBudget(CapturedOutput output) {
		InitialStateMeterRegistry registry = registry("enabled", "true", "step", "10s");
		assertThat(registry.reportQuotaProjection().withinBudget()).isFalse();
		assertThat(output).contains("WARN")
			.contains("13 series every 10s: at most 3,481,920 events a month (116% of the monthly budget of "
					+ "3,000,000)")
			.contains("over the budget");
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
		assertThat(registry.quotaProjection().series()).isEqualTo(23);
		assertThat(output).contains("23 series every 1m").contains("over the budget");
	}

	private static Timer httpServerRequests(InitialStateMeterRegistry registry, String uri, String status,
			String outcome) {
		return Timer.builder("http.server.requests")
			.tags("uri", uri, "method", "GET", "status", status, "outcome", outcome, "exception", "none", "error",
					"none")
			.register(registry);
	}

}
