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
import java.util.stream.Collectors;

import io.isstreamer.micrometer.MeterReadings.Reading;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.config.NamingConvention;
import org.jspecify.annotations.Nullable;

/**
 * Turns meters into the values of the selected series, by event key. Values that are not
 * finite (NaN, infinite) are left out: the service cannot store them.
 */
final class SeriesCollector {

	private static final Comparator<Tag> BY_KEY = Comparator.comparing(Tag::getKey);

	private final SeriesSelection selection;

	private final Map<String, List<Rollup>> rollupsByName;

	private final EventKeys keys;

	private final TimeUnit baseTimeUnit;

	SeriesCollector(SeriesSelection selection, EventKeys keys, TimeUnit baseTimeUnit) {
		this.selection = selection;
		this.rollupsByName = selection.rollups().stream().collect(Collectors.groupingBy(Rollup::meterName));
		this.keys = keys;
		this.baseTimeUnit = baseTimeUnit;
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

		private final Map<String, Double> values = new LinkedHashMap<>();

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
			String name = id.getConventionName(this.convention);
			boolean inFull = SeriesCollector.this.selection.exportsInFull(name);
			List<Rollup> rollups = SeriesCollector.this.rollupsByName.getOrDefault(id.getName(), List.of());
			if (!inFull && rollups.isEmpty()) {
				return;
			}
			Reading reading = MeterReadings.read(meter, SeriesCollector.this.baseTimeUnit);
			if (inFull) {
				List<Tag> tags = id.getConventionTags(this.convention);
				reading.values().forEach((statistic, value) -> {
					if (Double.isFinite(value)) {
						this.values.put(
								SeriesCollector.this.keys.key(name, reading.singleValued() ? null : statistic, tags),
								value);
					}
				});
			}
			for (Rollup rollup : rollups) {
				accumulate(rollup, id, name, reading);
			}
		}

		/**
		 * A meter of a rolled-up series' name: added if it has the tags the series picks.
		 * A meter that counts events but lacks them still makes the series exist, at
		 * zero: "no server errors" is worth a point on a dashboard.
		 */
		private void accumulate(Rollup rollup, Meter.Id id, String name, Reading reading) {
			boolean picked = rollup.picks(id);
			boolean countsEvents = countsEvents(id.getType());
			if (!picked && !countsEvents) {
				return;
			}
			Accumulator accumulator = this.rollups.computeIfAbsent(rollup, (key) -> new LinkedHashMap<>())
				.computeIfAbsent(groupTags(rollup, id), (key) -> new Accumulator(name));
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
			int unseen = 0;
			for (Rollup rollup : SeriesCollector.this.selection.rollups()) {
				Map<List<Tag>, Accumulator> groups = this.rollups.get(rollup);
				if (groups == null) {
					unseen++;
					continue;
				}
				groups.forEach((tags, accumulator) -> {
					if (accumulator.contributors > 0 || accumulator.countsEvents) {
						double value = accumulator.value(rollup.statistic());
						if (Double.isFinite(value)) {
							this.values.putIfAbsent(
									SeriesCollector.this.keys.key(accumulator.name, rollup.statistic(), tags), value);
						}
					}
				});
			}
			return new Collected(this.values, unseen);
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
			Map<String, Double> values = reading.values();
			if (statistic == null) {
				if (reading.singleValued()) {
					addToTotal(values.values().iterator().next());
				}
			}
			else if (statistic.equals(MeterReadings.MEAN)) {
				Double count = values.get(MeterReadings.COUNT);
				Double sum = values.get(MeterReadings.SUM);
				if (count != null && sum != null && Double.isFinite(count) && Double.isFinite(sum)) {
					this.count += count;
					this.sum += sum;
					this.contributors++;
				}
			}
			else if (statistic.equals(MeterReadings.MAX)) {
				Double max = values.get(MeterReadings.MAX);
				if (max != null && Double.isFinite(max)) {
					this.max = Math.max(this.max, max);
					this.contributors++;
				}
			}
			else {
				addToTotal(values.get(statistic));
			}
		}

		private void addToTotal(@Nullable Double value) {
			if (value != null && Double.isFinite(value)) {
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
	 * @param values the values by event key, in the order the meters were read
	 * @param unseen rolled-up series of the selection that no meter feeds yet (HTTP
	 * meters, for example, appear with the first request)
	 */
	record Collected(Map<String, Double> values, int unseen) {

		/**
		 * Return the number of series the selection is expected to export.
		 * @return the series seen plus the rolled-up series not seen yet
		 */
		int expectedSeries() {
			return this.values.size() + this.unseen;
		}

	}

}
