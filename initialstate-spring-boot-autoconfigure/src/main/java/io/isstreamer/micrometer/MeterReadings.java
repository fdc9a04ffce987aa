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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.LongTaskTimer;
import io.micrometer.core.instrument.Measurement;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Statistic;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.HistogramSnapshot;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import org.jspecify.annotations.Nullable;

/**
 * The figures exported for each meter type, named as in event keys, each with the rule
 * that says when it is sent. Times are in the registry's base time unit.
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
 * <td>one per measurement, named by its statistic: {@code value}, {@code count},
 * {@code total}, {@code total_time}, {@code max}, {@code active}, {@code duration},
 * {@code unknown}; a statistic that occurs again gets {@code _2}, {@code _3}...</td>
 * </tr>
 * </table>
 * A timer or a distribution summary is read once per publish: from one
 * {@link HistogramSnapshot} when its percentiles are exported (count, total, maximum and
 * percentiles then agree), and from its count, total and maximum otherwise, without
 * building a snapshot nobody needs.
 */
final class MeterReadings {

	static final String VALUE = "value";

	static final String COUNT = "count";

	static final String SUM = "sum";

	static final String MEAN = "mean";

	static final String MAX = "max";

	static final String ACTIVE = "active";

	static final String DURATION = "duration";

	private static final ValueAtPercentile[] NO_PERCENTILES = {};

	private MeterReadings() {
	}

	/**
	 * Read a meter.
	 * @param meter the meter
	 * @param baseTimeUnit the unit of times
	 * @param withPercentiles whether percentiles are wanted, and the meter has some to
	 * give
	 * @return its figures
	 */
	static Reading read(Meter meter, TimeUnit baseTimeUnit, boolean withPercentiles) {
		return meter.match((gauge) -> single(VALUE, gauge.value(), SendRule.GAUGE),
				(counter) -> single(COUNT, counter.count(), SendRule.COUNT),
				(timer) -> timer(timer, baseTimeUnit, withPercentiles), (summary) -> summary(summary, withPercentiles),
				(longTaskTimer) -> longTaskTimer(longTaskTimer, baseTimeUnit),
				(timeGauge) -> single(VALUE, timeGauge.value(baseTimeUnit), SendRule.GAUGE),
				(functionCounter) -> single(COUNT, functionCounter.count(), SendRule.COUNT),
				(functionTimer) -> functionTimer(functionTimer, baseTimeUnit), MeterReadings::measurements);
	}

	private static Reading single(String statistic, double value, SendRule rule) {
		return new Reading(true, List.of(new Figure(statistic, value, rule)));
	}

	private static Reading timer(Timer timer, TimeUnit unit, boolean withPercentiles) {
		if (withPercentiles) {
			HistogramSnapshot snapshot = timer.takeSnapshot();
			return distribution(snapshot.count(), snapshot.total(unit), snapshot.max(unit), snapshot.percentileValues(),
					unit);
		}
		return distribution(timer.count(), timer.totalTime(unit), timer.max(unit), NO_PERCENTILES, unit);
	}

	private static Reading summary(DistributionSummary summary, boolean withPercentiles) {
		if (withPercentiles) {
			HistogramSnapshot snapshot = summary.takeSnapshot();
			return distribution(snapshot.count(), snapshot.total(), snapshot.max(), snapshot.percentileValues(), null);
		}
		return distribution(summary.count(), summary.totalAmount(), summary.max(), NO_PERCENTILES, null);
	}

	private static Reading distribution(long count, double total, double max, ValueAtPercentile[] percentiles,
			@Nullable TimeUnit unit) {
		List<Figure> figures = new ArrayList<>(4 + percentiles.length);
		figures.add(new Figure(COUNT, count, SendRule.COUNT));
		figures.add(new Figure(SUM, total, SendRule.COUNT));
		figures.add(new Figure(MEAN, (count > 0) ? total / count : 0, SendRule.GAUGE));
		figures.add(new Figure(MAX, max, SendRule.GAUGE));
		for (ValueAtPercentile percentile : percentiles) {
			double value = (unit != null) ? percentile.value(unit) : percentile.value();
			figures.add(new Figure(percentileName(percentile.percentile()), value, SendRule.GAUGE));
		}
		return new Reading(false, figures);
	}

	private static Reading longTaskTimer(LongTaskTimer timer, TimeUnit unit) {
		return new Reading(false,
				List.of(new Figure(ACTIVE, timer.activeTasks(), SendRule.GAUGE),
						new Figure(DURATION, timer.duration(unit), SendRule.GAUGE),
						new Figure(MAX, timer.max(unit), SendRule.GAUGE)));
	}

	private static Reading functionTimer(FunctionTimer timer, TimeUnit unit) {
		double count = timer.count();
		double total = timer.totalTime(unit);
		return new Reading(false,
				List.of(new Figure(COUNT, count, SendRule.COUNT), new Figure(SUM, total, SendRule.COUNT),
						new Figure(MEAN, (count > 0) ? total / count : 0, SendRule.GAUGE)));
	}

	/**
	 * Every measurement of another meter, each under its own name: a meter can measure
	 * both a {@code TOTAL} and a {@code TOTAL_TIME}, or two values. Its figures are what
	 * its functions return, not counts of the last step, so they are sent as gauges.
	 */
	private static Reading measurements(Meter meter) {
		List<Figure> figures = new ArrayList<>();
		Map<String, Integer> seen = new HashMap<>();
		for (Measurement measurement : meter.measure()) {
			String statistic = statisticName(measurement.getStatistic());
			int occurrence = seen.merge(statistic, 1, Integer::sum);
			String name = (occurrence > 1) ? statistic + "_" + occurrence : statistic;
			figures.add(new Figure(name, measurement.getValue(), SendRule.GAUGE));
		}
		return new Reading(false, figures);
	}

	/**
	 * Name a statistic; unlike Micrometer's tag values, {@code TOTAL} and
	 * {@code TOTAL_TIME} keep apart.
	 */
	static String statisticName(Statistic statistic) {
		return switch (statistic) {
			case TOTAL -> "total";
			case TOTAL_TIME -> "total_time";
			case COUNT -> COUNT;
			case MAX -> MAX;
			case VALUE -> VALUE;
			case ACTIVE_TASKS -> ACTIVE;
			case DURATION -> DURATION;
			case UNKNOWN -> "unknown";
		};
	}

	/**
	 * Name a percentile as {@code p95}, {@code p99.9} or {@code p50}.
	 */
	static String percentileName(double percentile) {
		return "p" + BigDecimal.valueOf(percentile).movePointRight(2).stripTrailingZeros().toPlainString();
	}

	/**
	 * One figure of a meter.
	 *
	 * @param statistic its name in the key
	 * @param value its value
	 * @param rule when it is sent
	 */
	record Figure(String statistic, double value, SendRule rule) {

	}

	/**
	 * The figures of one meter.
	 *
	 * @param singleValued whether the meter has one value, keyed without a statistic
	 * @param figures the figures, in a stable order
	 */
	record Reading(boolean singleValued, List<Figure> figures) {

		/**
		 * Return the value of a statistic.
		 * @param statistic the statistic, or {@code null} for the one value of a
		 * single-valued meter
		 * @return the value, or {@code null} if the meter has no such statistic
		 */
		@Nullable Double value(@Nullable String statistic) {
			if (statistic == null) {
				return this.singleValued ? this.figures.get(0).value() : null;
			}
			for (Figure figure : this.figures) {
				if (figure.statistic().equals(statistic)) {
					return figure.value();
				}
			}
			return null;
		}

	}

}
