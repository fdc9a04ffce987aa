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

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

/**
 * Tests for {@link InitialStateMeterRegistry}.
 */
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
				entry("test.custom:total", 6.0));
	}

	@Test
	void customMetersKeepEveryMeasurement() {
		InitialStateMeterRegistry registry = registry("include", "test.*", "defaultSelection", "false");
		Meter.builder("test.custom", Meter.Type.OTHER,
				List.of(new Measurement(() -> 1, Statistic.TOTAL), new Measurement(() -> 2, Statistic.TOTAL_TIME),
						new Measurement(() -> 3, Statistic.VALUE), new Measurement(() -> 4, Statistic.VALUE),
						new Measurement(() -> 5, Statistic.ACTIVE_TASKS)))
			.register(registry);
		assertThat(publishAfterStep()).containsOnly(entry("test.custom:total", 1.0),
				entry("test.custom:total_time", 2.0), entry("test.custom:value", 3.0),
				entry("test.custom:value_2", 4.0), entry("test.custom:active", 5.0));
	}

	@Test
	void knowsWhichMetersPublishPercentiles() {
		InitialStateMeterRegistry registry = registry();
		Timer plain = Timer.builder("test.plain").register(registry);
		Timer withPercentiles = Timer.builder("test.percentiles").publishPercentiles(0.95).register(registry);
		DistributionSummary summary = DistributionSummary.builder("test.summary")
			.publishPercentiles(0.5)
			.register(registry);
		Timer histogramOnly = Timer.builder("test.histogram")
			.serviceLevelObjectives(Duration.ofMillis(10))
			.register(registry);
		assertThat(registry.publishesPercentiles(plain)).isFalse();
		assertThat(registry.publishesPercentiles(histogramOnly)).isFalse();
		assertThat(registry.publishesPercentiles(withPercentiles)).isTrue();
		assertThat(registry.publishesPercentiles(summary)).isTrue();
		registry.remove(withPercentiles);
		assertThat(registry.publishesPercentiles(withPercentiles)).isFalse();
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
	void steadyTrafficSendsACountInEveryStep() {
		InitialStateMeterRegistry registry = registry();
		Timer requests = httpServerRequests(registry, "/greet", "200", "SUCCESS");
		Counter errors = Counter.builder("logback.events").tag("level", "error").register(registry);
		Timer pauses = Timer.builder("jvm.gc.pause").tag("gc", "G1 Young Generation").register(registry);
		for (int step = 1; step <= 10; step++) {
			for (int i = 0; i < 3; i++) {
				requests.record(Duration.ofMillis(20));
			}
			errors.increment();
			pauses.record(Duration.ofMillis(4));
			assertThat(publishAfterStep()).as("step %d", step)
				.contains(entry("http.server.requests:count", 3.0), entry("logback.events[level=error]", 1.0),
						entry("jvm.gc.pause:sum", 4.0));
		}
	}

	@Test
	void sendsTheFirstZeroCountAfterOneThatWasNotAndNoMore() {
		InitialStateMeterRegistry registry = registry("include", "test.*", "defaultSelection", "false");
		Counter counter = Counter.builder("test.counter").register(registry);
		Timer timer = Timer.builder("test.timer").register(registry);
		assertThat(publishAfterStep()).as("the first step, at zero")
			.containsKeys("test.counter", "test.timer:count", "test.timer:sum");
		assertThat(publishAfterStep()).as("zero again").doesNotContainKeys("test.counter", "test.timer:count");
		counter.increment(2);
		timer.record(Duration.ofMillis(5));
		assertThat(publishAfterStep()).contains(entry("test.counter", 2.0), entry("test.timer:count", 1.0),
				entry("test.timer:sum", 5.0));
		assertThat(publishAfterStep()).as("back to zero")
			.contains(entry("test.counter", 0.0), entry("test.timer:count", 0.0), entry("test.timer:sum", 0.0));
		assertThat(publishAfterStep()).as("still zero").doesNotContainKeys("test.counter", "test.timer:count");
	}

	@Test
	void sendsFunctionCountsAtEveryStepThatHasAny() {
		InitialStateMeterRegistry registry = registry("include", "test.*", "defaultSelection", "false");
		AtomicLong total = new AtomicLong();
		FunctionCounter.builder("test.function.counter", total, AtomicLong::get).register(registry);
		FunctionTimer
			.builder("test.function.timer", total, AtomicLong::get, (count) -> count.get() * 0.01, TimeUnit.SECONDS)
			.register(registry);
		publishAfterStep();
		for (int step = 1; step <= 5; step++) {
			total.addAndGet(4);
			assertThat(publishAfterStep()).as("step %d", step)
				.contains(entry("test.function.counter", 4.0), entry("test.function.timer:count", 4.0),
						entry("test.function.timer:sum", 40.0));
		}
	}

	@Test
	void aSecondPublishInTheSameStepSendsNothing() {
		InitialStateMeterRegistry registry = registry("include", "test.*", "defaultSelection", "false");
		Counter counter = Counter.builder("test.counter").register(registry);
		counter.increment(3);
		assertThat(publishAfterStep()).containsEntry("test.counter", 3.0);
		// a scheduled publish that ran late is followed by the next one in the same step
		this.clock.add(Duration.ofSeconds(59));
		registry.publish();
		assertThat(this.streamer.takeValues()).isEmpty();
	}

	@Test
	void closingPublishesThePartialLastStepToo() {
		InitialStateMeterRegistry registry = registry("enabled", "true", "include", "test.*", "defaultSelection",
				"false");
		Counter counter = Counter.builder("test.counter").register(registry);
		counter.increment(3);
		assertThat(publishAfterStep()).containsEntry("test.counter", 3.0);
		counter.increment(2);
		registry.close();
		assertThat(this.streamer.takeValues()).containsEntry("test.counter", 2.0);
	}

	@Test
	void sendsConstantsOnceThenOnlyWhenTheyChange() {
		InitialStateMeterRegistry registry = registry("refreshInterval", "0s");
		AtomicLong heapMax = new AtomicLong(1000);
		Gauge.builder("jvm.memory.max", heapMax, AtomicLong::get)
			.tags("area", "heap", "id", "G1 Old Gen")
			.register(registry);
		TimeGauge.builder("process.start.time", () -> 1_700_000_000_000L, TimeUnit.MILLISECONDS).register(registry);
		Gauge.builder("jvm.threads.live", () -> 25).register(registry);
		assertThat(publishAfterStep()).containsOnlyKeys("jvm.memory.max[area=heap]", "process.start.time",
				"jvm.threads.live");
		assertThat(publishAfterStep()).as("gauges still refresh").containsOnlyKeys("jvm.threads.live");
		heapMax.set(2000);
		assertThat(publishAfterStep()).containsOnly(entry("jvm.memory.max[area=heap]", 2000.0),
				entry("jvm.threads.live", 25.0));
	}

	@Test
	void sendsTheMeanAndMaximumOfTimersOnlyWhenTheyChange() {
		InitialStateMeterRegistry registry = registry("include", "test.*", "defaultSelection", "false");
		Timer timer = Timer.builder("test.timer").register(registry);
		timer.record(Duration.ofMillis(10));
		assertThat(publishAfterStep()).containsKeys("test.timer:count", "test.timer:mean", "test.timer:max");
		timer.record(Duration.ofMillis(10));
		assertThat(publishAfterStep()).containsKeys("test.timer:count", "test.timer:sum")
			.doesNotContainKeys("test.timer:mean", "test.timer:max");
	}

	@Test
	void exportsOnlyTheDefaultSelectionByDefault() {
		InitialStateMeterRegistry registry = registry();
		Gauge.builder("jvm.memory.used", () -> 100).tags("area", "heap", "id", "G1 Eden Space").register(registry);
		Gauge.builder("jvm.memory.used", () -> 200).tags("area", "heap", "id", "G1 Old Gen").register(registry);
		Gauge.builder("jvm.memory.used", () -> 30).tags("area", "nonheap", "id", "Metaspace").register(registry);
		Gauge.builder("jvm.memory.used", () -> 5).tags("area", "nonheap", "id", "CodeCache").register(registry);
		// G1's young pools have no maximum of their own: -1
		Gauge.builder("jvm.memory.max", () -> -1).tags("area", "heap", "id", "G1 Eden Space").register(registry);
		Gauge.builder("jvm.memory.max", () -> 1000).tags("area", "heap", "id", "G1 Old Gen").register(registry);
		Gauge.builder("jvm.memory.max", () -> 500).tags("area", "nonheap", "id", "CodeCache").register(registry);
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
		TimeGauge.builder("process.start.time", () -> 1_700_000_000_000L, TimeUnit.MILLISECONDS).register(registry);
		Timer ok = httpServerRequests(registry, "/greet", "200", "SUCCESS");
		ok.record(Duration.ofMillis(10));
		ok.record(Duration.ofMillis(20));
		httpServerRequests(registry, "/orders", "201", "SUCCESS").record(Duration.ofMillis(60));
		httpServerRequests(registry, "/orders", "500", "SERVER_ERROR").record(Duration.ofMillis(110));
		httpServerRequests(registry, "/nowhere", "404", "CLIENT_ERROR").record(Duration.ofMillis(5));
		httpServerRequests(registry, "/orders", "400", "CLIENT_ERROR").record(Duration.ofMillis(15));
		for (String level : List.of("error", "warn", "info")) {
			Counter.builder("logback.events").tag("level", level).register(registry).increment(2);
		}
		assertThat(publishAfterStep()).containsOnly(entry("jvm.memory.used[area=heap]", 300.0),
				entry("jvm.memory.max[area=heap]", 1000.0), entry("jvm.memory.used[area=nonheap]", 35.0),
				entry("jvm.gc.pause:sum", 38.0), entry("jvm.gc.pause:max", 30.0), entry("jvm.threads.live", 25.0),
				entry("process.cpu.usage", 0.25), entry("system.cpu.usage", 0.5),
				entry("process.start.time", 1_700_000_000_000.0), entry("http.server.requests:count", 6.0),
				entry("http.server.requests:mean", 36.666666666666664), entry("http.server.requests:max", 110.0),
				entry("http.server.requests:count[outcome=SERVER_ERROR]", 1.0),
				entry("http.server.requests:count[outcome=CLIENT_ERROR]", 2.0),
				entry("logback.events[level=error]", 2.0));
		assertThat(DefaultSelection.SERIES).hasSize(17);
	}

	@Test
	void addsTheConnectionPoolOnlyWhenAHikariMeterExists() {
		InitialStateMeterRegistry registry = registry();
		Gauge.builder("jvm.threads.live", () -> 25).register(registry);
		assertThat(publishAfterStep()).containsOnlyKeys("jvm.threads.live");
		assertThat(registry.quotaProjection().series()).as("15 series without a pool").isEqualTo(15);
		Gauge.builder("hikaricp.connections.active", () -> 3).tag("pool", "HikariPool-1").register(registry);
		Gauge.builder("hikaricp.connections.active", () -> 1).tag("pool", "HikariPool-2").register(registry);
		Gauge.builder("hikaricp.connections.pending", () -> 2).tag("pool", "HikariPool-1").register(registry);
		Gauge.builder("hikaricp.connections.idle", () -> 7).tag("pool", "HikariPool-1").register(registry);
		assertThat(publishAfterStep()).containsOnly(entry("hikaricp.connections.active", 4.0),
				entry("hikaricp.connections.pending", 2.0));
		assertThat(registry.quotaProjection().series()).as("and 17 with one").isEqualTo(17);
	}

	@Test
	void countsNoErrorsAsZero() {
		InitialStateMeterRegistry registry = registry();
		httpServerRequests(registry, "/greet", "200", "SUCCESS").record(Duration.ofMillis(10));
		assertThat(publishAfterStep()).contains(entry("http.server.requests:count[outcome=SERVER_ERROR]", 0.0),
				entry("http.server.requests:count[outcome=CLIENT_ERROR]", 0.0),
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
				"http.server.requests:count[instance=web-1,outcome=SERVER_ERROR]",
				"http.server.requests:count[instance=web-1,outcome=CLIENT_ERROR]", "test.gauge[instance=web-1,pool=a]");
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
		assertThat(publishAfterStep()).containsOnlyKeys("jvm.memory.used[area=heap]", "jvm.memory.max[area=heap]",
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
	void includeAndExcludeMatchTheMetersOwnNameNotTheKey() {
		InitialStateMeterRegistry registry = registry("include", "test:*", "exclude", "test:skipped",
				"defaultSelection", "false");
		Gauge.builder("test:kept", () -> 1).register(registry);
		Gauge.builder("test:skipped", () -> 2).register(registry);
		assertThat(publishAfterStep()).containsOnlyKeys("test_kept");
	}

	@Test
	void excludingAMeterNameDropsItsRolledUpSeries() {
		InitialStateMeterRegistry registry = registry("exclude", "http.server.*");
		Gauge.builder("jvm.threads.live", () -> 25).register(registry);
		httpServerRequests(registry, "/greet", "200", "SUCCESS").record(Duration.ofMillis(10));
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

	private static Timer httpServerRequests(InitialStateMeterRegistry registry, String uri, String status,
			String outcome) {
		return Timer.builder("http.server.requests")
			.tags("uri", uri, "method", "GET", "status", status, "outcome", outcome, "exception", "none", "error",
					"none")
			.register(registry);
	}

}
