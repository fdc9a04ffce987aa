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

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import io.isstreamer.micrometer.MeterReadings.Figure;
import io.isstreamer.micrometer.MeterReadings.Reading;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.config.NamingConvention;
import org.jspecify.annotations.Nullable;

/**
 * Turns meters into the values of the selected series, by event key. A meter is read once
 * per pass, and only if a series needs it. Values that are not finite (NaN, infinite) are
 * left out: the service cannot store them.
 */
final class SeriesCollector {

	private static final Comparator<Tag> BY_KEY = Comparator.comparing(Tag::getKey);

	private final SeriesSelection selection;

	private final Map<String, List<Rollup>> rollupsByName;

	private final EventKeys keys;

	private final TimeUnit baseTimeUnit;

	private final Predicate<Meter> publishesPercentiles;

	/**
	 * Create a collector.
	 * @param selection what is exported
	 * @param keys the key scheme
	 * @param baseTimeUnit the unit of times
	 * @param publishesPercentiles whether a timer or distribution summary was configured
	 * with percentiles, so that a snapshot of its histogram is worth taking
	 */
	SeriesCollector(SeriesSelection selection, EventKeys keys, TimeUnit baseTimeUnit,
			Predicate<Meter> publishesPercentiles) {
		this.selection = selection;
		this.rollupsByName = selection.rollups().stream().collect(Collectors.groupingBy(Rollup::meterName));
		this.keys = keys;
		this.baseTimeUnit = baseTimeUnit;
		this.publishesPercentiles = publishesPercentiles;
	}

	/**
	 * Start reading the meters of one publish.
	 * @param convention the registry's naming convention
	 * @return the pass to give the meters to
	 */
	Pass start(NamingConvention convention) {
		return new Pass(convention);
	}

	/**
	 * One reading of the meters.
	 */
	final class Pass {

		private final NamingConvention convention;

		private final Map<String, SeriesValue> values = new LinkedHashMap<>();

		private final Map<Rollup, Map<List<Tag>, Accumulator>> rollups = new LinkedHashMap<>();

		private Pass(NamingConvention convention) {
			this.convention = convention;
		}

		/**
		 * Read a meter into the series it belongs to.
		 * @param meter the meter
		 */
		void add(Meter meter) {
			Meter.Id id = meter.getId();
			String name = id.getName();
			boolean inFull = SeriesCollector.this.selection.exportsInFull(name);
			List<Rollup> rollups = SeriesCollector.this.rollupsByName.getOrDefault(name, List.of());
			if (!inFull && rollups.isEmpty()) {
				return;
			}
			Reading reading = MeterReadings.read(meter, SeriesCollector.this.baseTimeUnit,
					inFull && SeriesCollector.this.publishesPercentiles.test(meter));
			if (inFull) {
				addInFull(id, reading);
			}
			for (Rollup rollup : rollups) {
				accumulate(rollup, id, reading);
			}
		}

		private void addInFull(Meter.Id id, Reading reading) {
			String name = id.getConventionName(this.convention);
			List<Tag> tags = id.getConventionTags(this.convention);
			boolean changesEveryStep = SeriesCollector.this.selection.changesEveryStep(id.getName());
			for (Figure figure : reading.figures()) {
				if (Double.isFinite(figure.value())) {
					String key = SeriesCollector.this.keys.key(name, reading.singleValued() ? null : figure.statistic(),
							tags);
					this.values.put(key, new SeriesValue(key, figure.value(), figure.rule(), changesEveryStep));
				}
			}
		}

		/**
		 * A meter of a rolled-up series' name: added if it has the tags the series picks.
		 * A meter that counts events but lacks them still makes the series exist, at
		 * zero: "no server errors" is worth a point on a dashboard.
		 */
		private void accumulate(Rollup rollup, Meter.Id id, Reading reading) {
			boolean picked = rollup.picks(id);
			boolean countsEvents = countsEvents(id.getType());
			if (!picked && !countsEvents) {
				return;
			}
			Accumulator accumulator = this.rollups.computeIfAbsent(rollup, (key) -> new LinkedHashMap<>())
				.computeIfAbsent(groupTags(rollup, id),
						(key) -> new Accumulator(id.getConventionName(this.convention)));
			accumulator.countsEvents |= countsEvents;
			if (picked) {
				accumulator.add(reading, rollup.statistic());
			}
		}

		private List<Tag> groupTags(Rollup rollup, Meter.Id id) {
			List<Tag> tags = new ArrayList<>();
			for (Tag tag : id.getTagsAsIterable()) {
				if (!rollup.summedOver().contains(tag.getKey()) && !rollup.where().containsKey(tag.getKey())) {
					tags.add(conventionTag(tag.getKey(), tag.getValue()));
				}
			}
			rollup.where().forEach((key, value) -> tags.add(conventionTag(key, value)));
			tags.sort(BY_KEY);
			return tags;
		}

		private Tag conventionTag(String key, String value) {
			return Tag.of(this.convention.tagKey(key), this.convention.tagValue(value));
		}

		/**
		 * Finish the pass.
		 * @return the values by key, and the series expected but not seen yet
		 */
		Collected finish() {
			List<Rollup> unseen = new ArrayList<>();
			for (Rollup rollup : SeriesCollector.this.selection.rollups()) {
				Map<List<Tag>, Accumulator> groups = this.rollups.get(rollup);
				if (groups == null) {
					if (rollup.expected()) {
						unseen.add(rollup);
					}
					continue;
				}
				groups.forEach((tags, accumulator) -> {
					if (accumulator.contributors > 0 || accumulator.countsEvents) {
						double value = accumulator.value(rollup.statistic());
						if (Double.isFinite(value)) {
							String key = SeriesCollector.this.keys.key(accumulator.name, rollup.statistic(), tags);
							this.values.putIfAbsent(key,
									new SeriesValue(key, value, rollup.rule(), rollup.changesEveryStep()));
						}
					}
				});
			}
			return new Collected(List.copyOf(this.values.values()), List.copyOf(unseen));
		}

		private static boolean countsEvents(Meter.Type type) {
			return switch (type) {
				case COUNTER, TIMER, DISTRIBUTION_SUMMARY -> true;
				default -> false;
			};
		}

	}

	/**
	 * The sums behind one rolled-up series.
	 */
	private static final class Accumulator {

		private final String name;

		private boolean countsEvents;

		private int contributors;

		private double count;

		private double sum;

		private double total;

		private double max = Double.NEGATIVE_INFINITY;

		Accumulator(String name) {
			this.name = name;
		}

		void add(Reading reading, @Nullable String statistic) {
			if (MeterReadings.MEAN.equals(statistic)) {
				Double count = reading.value(MeterReadings.COUNT);
				Double sum = reading.value(MeterReadings.SUM);
				if (count != null && sum != null && Double.isFinite(count) && Double.isFinite(sum)) {
					this.count += count;
					this.sum += sum;
					this.contributors++;
				}
			}
			else if (MeterReadings.MAX.equals(statistic)) {
				Double max = reading.value(MeterReadings.MAX);
				if (max != null && Double.isFinite(max)) {
					this.max = Math.max(this.max, max);
					this.contributors++;
				}
			}
			else {
				addToTotal(reading.value(statistic));
			}
		}

		/**
		 * Add a value to the sum; one below zero means "not defined" (a memory pool
		 * without a maximum reports -1) and is left out.
		 */
		private void addToTotal(@Nullable Double value) {
			if (value != null && Double.isFinite(value) && value >= 0) {
				this.total += value;
				this.contributors++;
			}
		}

		double value(@Nullable String statistic) {
			if (MeterReadings.MEAN.equals(statistic)) {
				return (this.count > 0) ? this.sum / this.count : 0;
			}
			if (MeterReadings.MAX.equals(statistic)) {
				return (this.contributors > 0) ? this.max : 0;
			}
			return this.total;
		}

	}

	/**
	 * The result of a pass.
	 *
	 * @param values the values, in the order the meters were read, one per key
	 * @param unseen rolled-up series of the selection that no meter feeds yet but are
	 * expected (HTTP meters, for example, appear with the first request)
	 */
	record Collected(List<SeriesValue> values, List<Rollup> unseen) {

		/**
		 * Return the number of series the selection is expected to export.
		 * @return the series seen plus the rolled-up series expected but not seen yet
		 */
		int expectedSeries() {
			return this.values.size() + this.unseen.size();
		}

	}

}
