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
import java.util.Locale;

/**
 * How many events a month the metrics export projects, against the monthly budget.
 * <p>
 * Each series sends at most one event per step, and at least one per refresh interval:
 * <pre>
 * maxEventsPerMonth = series &times; floor(31 days / step)
 * minEventsPerMonth = series &times; floor(31 days / max(step, refreshInterval))
 * </pre> The budget is compared with the maximum, reached when every value changes at
 * every step. A month is counted as 31 days, so the budget holds in the longest billing
 * month.
 *
 * @param series the number of series selected
 * @param step the time between two publishes
 * @param refreshInterval the time after which unchanged values are sent again
 * @param maxEventsPerMonth events a month when every value changes at every step
 * @param minEventsPerMonth events a month when no value changes
 * @param monthlyBudget the events a month the metrics may use
 */
public record QuotaProjection(int series, Duration step, Duration refreshInterval, long maxEventsPerMonth,
		long minEventsPerMonth, long monthlyBudget) {

	/**
	 * The month of the projection: the longest billing month.
	 */
	public static final Duration MONTH = Duration.ofDays(31);

	/**
	 * Project the events a month of a number of series.
	 * @param series the number of series
	 * @param step the time between two publishes
	 * @param refreshInterval the time after which unchanged values are sent again
	 * @param monthlyBudget the events a month the metrics may use
	 * @return the projection
	 */
	public static QuotaProjection of(int series, Duration step, Duration refreshInterval, long monthlyBudget) {
		long publishes = MONTH.toMillis() / step.toMillis();
		Duration refresh = (refreshInterval.compareTo(step) > 0) ? refreshInterval : step;
		long refreshes = MONTH.toMillis() / refresh.toMillis();
		return new QuotaProjection(series, step, refreshInterval, series * publishes, series * refreshes,
				monthlyBudget);
	}

	/**
	 * Return whether the projection stays within the budget even when every value changes
	 * at every step.
	 * @return whether {@code maxEventsPerMonth <= monthlyBudget}
	 */
	public boolean withinBudget() {
		return this.maxEventsPerMonth <= this.monthlyBudget;
	}

	/**
	 * Return the share of the budget the maximum uses, in percent, rounded.
	 * @return the percentage
	 */
	public long budgetPercent() {
		return Math.round(100.0 * this.maxEventsPerMonth / this.monthlyBudget);
	}

	@Override
	public String toString() {
		return String.format(Locale.ROOT,
				"%d series every %s: at most %,d events a month (%d%% of the monthly budget of %,d), "
						+ "at least %,d when no value changes",
				this.series, format(this.step), this.maxEventsPerMonth, budgetPercent(), this.monthlyBudget,
				this.minEventsPerMonth);
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
