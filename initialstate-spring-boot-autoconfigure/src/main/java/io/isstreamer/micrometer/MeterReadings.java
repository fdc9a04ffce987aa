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

import java.math.BigDecimal;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.LongTaskTimer;
import io.micrometer.core.instrument.Measurement;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Statistic;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;

/**
 * The figures exported for each meter type, named as in event keys. Times are in the
 * registry's base time unit.
 * <table>
 * <caption>Statistics by meter type</caption>
 * <tr>
 * <th>meter</th>
 * <th>statistics</th>
 * </tr>
 * <tr>
 * <td>gauge, time gauge</td>
 * <td>its value (no statistic in the key)</td>
 * </tr>
 * <tr>
 * <td>counter, function counter</td>
 * <td>its count in the last step (no statistic in the key)</td>
 * </tr>
 * <tr>
 * <td>timer, distribution summary</td>
 * <td>{@code count}, {@code sum}, {@code mean}, {@code max}, and {@code p95}-style
 * percentiles when configured</td>
 * </tr>
 * <tr>
 * <td>function timer</td>
 * <td>{@code count}, {@code sum}, {@code mean}</td>
 * </tr>
 * <tr>
 * <td>long task timer</td>
 * <td>{@code active}, {@code duration}, {@code max}</td>
 * </tr>
 * <tr>
 * <td>other meters</td>
 * <td>one per measurement: {@code value}, {@code count}, {@code sum}, {@code max},
 * {@code active}, {@code duration} or {@code unknown}</td>
 * </tr>
 * </table>
 */
final class MeterReadings {

	static final String VALUE = "value";

	static final String COUNT = "count";

	static final String SUM = "sum";

	static final String MEAN = "mean";

	static final String MAX = "max";

	static final String ACTIVE = "active";

	static final String DURATION = "duration";

	private MeterReadings() {
	}

	/**
	 * Read a meter.
	 * @param meter the meter
	 * @param baseTimeUnit the unit of times
	 * @return its figures
	 */
	static Reading read(Meter meter, TimeUnit baseTimeUnit) {
		return meter.match((gauge) -> single(VALUE, gauge.value()), (counter) -> single(COUNT, counter.count()),
				(timer) -> timer(timer, baseTimeUnit), MeterReadings::summary,
				(longTaskTimer) -> longTaskTimer(longTaskTimer, baseTimeUnit),
				(timeGauge) -> single(VALUE, timeGauge.value(baseTimeUnit)),
				(functionCounter) -> single(COUNT, functionCounter.count()),
				(functionTimer) -> functionTimer(functionTimer, baseTimeUnit), MeterReadings::measurements);
	}

	private static Reading single(String statistic, double value) {
		return new Reading(true, Collections.singletonMap(statistic, value));
	}

	private static Reading timer(Timer timer, TimeUnit unit) {
		Map<String, Double> values = new LinkedHashMap<>();
		values.put(COUNT, (double) timer.count());
		values.put(SUM, timer.totalTime(unit));
		values.put(MEAN, timer.mean(unit));
		values.put(MAX, timer.max(unit));
		for (ValueAtPercentile percentile : timer.takeSnapshot().percentileValues()) {
			values.put(percentileName(percentile.percentile()), percentile.value(unit));
		}
		return new Reading(false, values);
	}

	private static Reading summary(DistributionSummary summary) {
		Map<String, Double> values = new LinkedHashMap<>();
		values.put(COUNT, (double) summary.count());
		values.put(SUM, summary.totalAmount());
		values.put(MEAN, summary.mean());
		values.put(MAX, summary.max());
		for (ValueAtPercentile percentile : summary.takeSnapshot().percentileValues()) {
			values.put(percentileName(percentile.percentile()), percentile.value());
		}
		return new Reading(false, values);
	}

	private static Reading longTaskTimer(LongTaskTimer timer, TimeUnit unit) {
		Map<String, Double> values = new LinkedHashMap<>();
		values.put(ACTIVE, (double) timer.activeTasks());
		values.put(DURATION, timer.duration(unit));
		values.put(MAX, timer.max(unit));
		return new Reading(false, values);
	}

	private static Reading functionTimer(FunctionTimer timer, TimeUnit unit) {
		Map<String, Double> values = new LinkedHashMap<>();
		values.put(COUNT, timer.count());
		values.put(SUM, timer.totalTime(unit));
		values.put(MEAN, timer.mean(unit));
		return new Reading(false, values);
	}

	private static Reading measurements(Meter meter) {
		Map<String, Double> values = new LinkedHashMap<>();
		for (Measurement measurement : meter.measure()) {
			values.putIfAbsent(statisticName(measurement.getStatistic()), measurement.getValue());
		}
		return new Reading(false, values);
	}

	/**
	 * Name a percentile as {@code p95}, {@code p99.9} or {@code p50}.
	 */
	static String percentileName(double percentile) {
		return "p" + BigDecimal.valueOf(percentile).movePointRight(2).stripTrailingZeros().toPlainString();
	}

	static String statisticName(Statistic statistic) {
		return switch (statistic) {
			case TOTAL, TOTAL_TIME -> SUM;
			case COUNT -> COUNT;
			case MAX -> MAX;
			case VALUE -> VALUE;
			case ACTIVE_TASKS -> ACTIVE;
			case DURATION -> DURATION;
			case UNKNOWN -> "unknown";
		};
	}

	/**
	 * The figures of one meter.
	 *
	 * @param singleValued whether the meter has one value, keyed without a statistic
	 * @param values the figures by statistic, in a stable order
	 */
	record Reading(boolean singleValued, Map<String, Double> values) {

	}

}
