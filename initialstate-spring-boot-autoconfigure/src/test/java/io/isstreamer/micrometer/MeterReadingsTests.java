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
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import io.isstreamer.micrometer.MeterReadings.Figure;
import io.isstreamer.micrometer.MeterReadings.Reading;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.CountAtBucket;
import io.micrometer.core.instrument.distribution.HistogramSnapshot;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Tests for {@link MeterReadings}: how timers and distribution summaries are read.
 */
class MeterReadingsTests {

	private static final long MILLIS = 1_000_000;

	private final List<String> calls = new CopyOnWriteArrayList<>();

	@Test
	void readsATimerWithoutPercentilesWithoutASnapshot() {
		Timer timer = meter(Timer.class, Map.of("count", 2L, "totalTime", 300.0, "max", 200.0));
		Reading reading = MeterReadings.read(timer, TimeUnit.MILLISECONDS, false);
		assertThat(this.calls).containsExactly("count", "totalTime", "max");
		assertThat(reading.figures()).containsExactly(new Figure("count", 2, SendRule.COUNT),
				new Figure("sum", 300, SendRule.COUNT), new Figure("mean", 150, SendRule.GAUGE),
				new Figure("max", 200, SendRule.GAUGE));
	}

	@Test
	void readsEverythingOfATimerWithPercentilesFromOneSnapshot() {
		HistogramSnapshot snapshot = new HistogramSnapshot(4, 400 * MILLIS, 250 * MILLIS,
				new ValueAtPercentile[] { new ValueAtPercentile(0.95, 240 * MILLIS) }, new CountAtBucket[0],
				(out, scale) -> {
				});
		Timer timer = meter(Timer.class, Map.of("takeSnapshot", snapshot));
		Reading reading = MeterReadings.read(timer, TimeUnit.MILLISECONDS, true);
		assertThat(this.calls).containsExactly("takeSnapshot");
		assertThat(reading.figures()).containsExactly(new Figure("count", 4, SendRule.COUNT),
				new Figure("sum", 400, SendRule.COUNT), new Figure("mean", 100, SendRule.GAUGE),
				new Figure("max", 250, SendRule.GAUGE), new Figure("p95", 240, SendRule.GAUGE));
	}

	@Test
	void readsADistributionSummaryWithoutPercentilesWithoutASnapshot() {
		DistributionSummary summary = meter(DistributionSummary.class,
				Map.of("count", 4L, "totalAmount", 30.0, "max", 12.0));
		Reading reading = MeterReadings.read(summary, TimeUnit.MILLISECONDS, false);
		assertThat(this.calls).containsExactly("count", "totalAmount", "max");
		assertThat(reading.value("mean")).isEqualTo(7.5);
	}

	@Test
	void readsEverythingOfADistributionSummaryWithPercentilesFromOneSnapshot() {
		HistogramSnapshot snapshot = new HistogramSnapshot(2, 30, 20,
				new ValueAtPercentile[] { new ValueAtPercentile(0.5, 10) }, new CountAtBucket[0], (out, scale) -> {
				});
		DistributionSummary summary = meter(DistributionSummary.class, Map.of("takeSnapshot", snapshot));
		Reading reading = MeterReadings.read(summary, TimeUnit.MILLISECONDS, true);
		assertThat(this.calls).containsExactly("takeSnapshot");
		assertThat(reading.figures()).extracting(Figure::statistic, Figure::value)
			.containsExactly(tuple("count", 2.0), tuple("sum", 30.0), tuple("mean", 15.0), tuple("max", 20.0),
					tuple("p50", 10.0));
	}

	@Test
	void namesPercentiles() {
		assertThat(MeterReadings.percentileName(0.5)).isEqualTo("p50");
		assertThat(MeterReadings.percentileName(0.95)).isEqualTo("p95");
		assertThat(MeterReadings.percentileName(0.999)).isEqualTo("p99.9");
	}

	/**
	 * A meter of a type that answers the given methods with the given values, records
	 * every other call it gets but those Meter itself implements, and fails on the rest.
	 */
	private <M extends Meter> M meter(Class<M> type, Map<String, Object> answers) {
		Meter.Id id = new Meter.Id("test", Tags.empty(), null, null,
				(type == Timer.class) ? Meter.Type.TIMER : Meter.Type.DISTRIBUTION_SUMMARY);
		InvocationHandler handler = (proxy, method, args) -> {
			if (method.getName().equals("getId")) {
				return id;
			}
			if (method.isDefault()) {
				return InvocationHandler.invokeDefault(proxy, method, args);
			}
			this.calls.add(method.getName());
			return answer(answers, method);
		};
		return type.cast(Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] { type }, handler));
	}

	private static @Nullable Object answer(Map<String, Object> answers, Method method) {
		Object answer = answers.get(method.getName());
		if (answer == null) {
			throw new AssertionError("Unexpected call of " + method.getName());
		}
		return answer;
	}

}
