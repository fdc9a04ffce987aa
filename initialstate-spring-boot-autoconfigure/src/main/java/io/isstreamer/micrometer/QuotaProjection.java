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
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * The monthly event use of the metrics export: a range from the least to the most events
 * a month, against the budget, with what drives each end, and what was sent so far this
 * month.
 * <ul>
 * <li>The most: every series at every step, which counts reach when every step has
 * traffic.
 * <li>The least: the series that were sent at every step of the last hour (before the
 * registry has run an hour, the series known to change at every step, such as CPU and
 * memory use), plus every other gauge-like series once per refresh interval. Counts that
 * stay at zero and constants cost nothing a month.
 * </ul>
 * A month is 31 days, the longest billing month.
 *
 * @param series the series exported, counting those expected but not seen yet
 * @param step the time between two publishes
 * @param refreshInterval the time after which unchanged gauge-like values are sent again
 * @param minEventsPerMonth the least events a month
 * @param maxEventsPerMonth the most events a month
 * @param monthlyBudget the events a month the metrics may use
 * @param floor what the least is made of
 * @param thisMonth what was sent this month, or {@code null} when not measured
 */
public record QuotaProjection(int series, Duration step, Duration refreshInterval, long minEventsPerMonth,
		long maxEventsPerMonth, long monthlyBudget, Floor floor, @Nullable MonthToDate thisMonth) {

	/**
	 * The month of the projection: the longest billing month.
	 */
	public static final Duration MONTH = Duration.ofDays(31);

	/**
	 * Keys named in the description of the floor, at most.
	 */
	private static final int NAMED_KEYS = 6;

	/**
	 * Project the events a month of a number of series.
	 * @param series the number of series
	 * @param step the time between two publishes
	 * @param refreshInterval the time after which unchanged gauge-like values are sent
	 * again
	 * @param monthlyBudget the events a month the metrics may use
	 * @param floor what the least is made of
	 * @param thisMonth what was sent this month, or {@code null}
	 * @return the projection
	 */
	public static QuotaProjection of(int series, Duration step, Duration refreshInterval, long monthlyBudget,
			Floor floor, @Nullable MonthToDate thisMonth) {
		long publishes = publishesPerMonth(step);
		long refreshes = MONTH.toMillis() / longer(step, refreshInterval).toMillis();
		long least = floor.sentAtEveryStep().size() * publishes + floor.refreshed() * refreshes;
		return new QuotaProjection(series, step, refreshInterval, least, series * publishes, monthlyBudget, floor,
				thisMonth);
	}

	/**
	 * Return the number of publishes in a month.
	 * @param step the time between two publishes
	 * @return {@code MONTH / step}, rounded down
	 */
	public static long publishesPerMonth(Duration step) {
		return MONTH.toMillis() / step.toMillis();
	}

	/**
	 * Return this projection with another measure of this month.
	 * @param thisMonth what was sent this month
	 * @return the projection
	 */
	public QuotaProjection withThisMonth(@Nullable MonthToDate thisMonth) {
		return new QuotaProjection(this.series, this.step, this.refreshInterval, this.minEventsPerMonth,
				this.maxEventsPerMonth, this.monthlyBudget, this.floor, thisMonth);
	}

	/**
	 * Return whether the projection stays within the budget even when every series is
	 * sent at every step.
	 * @return whether {@code maxEventsPerMonth <= monthlyBudget}
	 */
	public boolean withinBudget() {
		return this.maxEventsPerMonth <= this.monthlyBudget;
	}

	/**
	 * Return the share of the budget the most uses, in percent, rounded.
	 * @return the percentage
	 */
	public long budgetPercent() {
		return percent(this.maxEventsPerMonth);
	}

	/**
	 * Return the share of the budget the least uses, in percent, rounded.
	 * @return the percentage
	 */
	public long minBudgetPercent() {
		return percent(this.minEventsPerMonth);
	}

	private long percent(long events) {
		return Math.round(100.0 * events / this.monthlyBudget);
	}

	@Override
	public String toString() {
		return String.format(Locale.ROOT,
				"%d series every %s: %,d to %,d events a month (%d%% to %d%% of the monthly budget of %,d)",
				this.series, format(this.step), this.minEventsPerMonth, this.maxEventsPerMonth, minBudgetPercent(),
				budgetPercent(), this.monthlyBudget);
	}

	/**
	 * Describe what drives the least and the most, in a sentence.
	 * @return the description
	 */
	public String drivers() {
		StringBuilder text = new StringBuilder("The least counts ");
		List<String> everyStep = this.floor.sentAtEveryStep();
		text.append(everyStep.size())
			.append(this.floor.measured() ? " series sent at every step of the last hour"
					: " series known to change at every step");
		if (!everyStep.isEmpty()) {
			text.append(" (").append(String.join(", ", everyStep.subList(0, Math.min(NAMED_KEYS, everyStep.size()))));
			if (everyStep.size() > NAMED_KEYS) {
				text.append(", ").append(everyStep.size() - NAMED_KEYS).append(" more");
			}
			text.append(')');
		}
		text.append(" and ")
			.append(this.floor.refreshed())
			.append(" gauges sent again every ")
			.append(format(longer(this.step, this.refreshInterval)))
			.append("; ")
			.append(this.floor.counts())
			.append(" counts add an event in each step that has any, up to the most: every series at every step");
		if (this.floor.constants() > 0) {
			text.append("; ").append(this.floor.constants()).append(" constants are sent once");
		}
		return text.toString();
	}

	private static Duration longer(Duration step, Duration refreshInterval) {
		return (refreshInterval.compareTo(step) > 0) ? refreshInterval : step;
	}

	/**
	 * Format a duration the way properties are written: {@code 1m}, {@code 10s},
	 * {@code 250ms}.
	 */
	static String format(Duration duration) {
		long millis = duration.toMillis();
		if (millis != 0 && millis % 3_600_000 == 0) {
			return (millis / 3_600_000) + "h";
		}
		if (millis != 0 && millis % 60_000 == 0) {
			return (millis / 60_000) + "m";
		}
		if (millis != 0 && millis % 1_000 == 0) {
			return (millis / 1_000) + "s";
		}
		return millis + "ms";
	}

	/**
	 * What the least events a month are made of.
	 *
	 * @param measured whether the series sent at every step were measured over the last
	 * hour, rather than known by their kind
	 * @param sentAtEveryStep the keys counted at every step
	 * @param refreshed the other gauge-like series, counted once per refresh interval
	 * @param counts the other counts, sent only in steps that have any
	 * @param constants the other constants, sent once
	 */
	public record Floor(boolean measured, List<String> sentAtEveryStep, int refreshed, int counts, int constants) {

		public Floor {
			sentAtEveryStep = List.copyOf(sentAtEveryStep);
		}

	}

	/**
	 * What the metrics export sent this month.
	 *
	 * @param month the month, {@code 2026-11}, in UTC
	 * @param since when counting began: the start of the month, or of the registry if
	 * later
	 * @param events the events sent (accepted by the streamer) since then
	 * @param eventsPerMonth the events a whole month at the same pace would hold
	 */
	public record MonthToDate(String month, Instant since, long events, long eventsPerMonth) {

	}

	/**
	 * Something that can tell the current projection, such as the registry.
	 */
	@FunctionalInterface
	public interface Source {

		/**
		 * Return the current projection.
		 * @return the projection
		 */
		QuotaProjection quotaProjection();

	}

}
