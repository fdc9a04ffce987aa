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

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;

import io.isstreamer.micrometer.QuotaProjection.MonthToDate;

/**
 * Counts the events the metrics export sent in the current calendar month (UTC), and
 * turns the pace into events a month, so the projection can be checked against what
 * really went out.
 */
final class MonthlyUsage {

	private final long startMillis;

	private YearMonth month;

	private long events;

	/**
	 * Start counting.
	 * @param startMillis the wall time the registry started
	 */
	MonthlyUsage(long startMillis) {
		this.startMillis = startMillis;
		this.month = monthOf(startMillis);
	}

	/**
	 * Count events sent.
	 * @param nowMillis the wall time they were sent
	 * @param sent how many
	 */
	synchronized void add(long nowMillis, long sent) {
		rollOver(nowMillis);
		this.events += sent;
	}

	/**
	 * Return what was sent this month.
	 * @param nowMillis the wall time
	 * @return the events of this month, and their pace as events a month
	 */
	synchronized MonthToDate thisMonth(long nowMillis) {
		rollOver(nowMillis);
		long monthStart = this.month.atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC).toEpochMilli();
		long since = Math.max(monthStart, this.startMillis);
		long elapsed = nowMillis - since;
		long perMonth = (elapsed > 0) ? Math.round((double) this.events * QuotaProjection.MONTH.toMillis() / elapsed)
				: 0;
		return new MonthToDate(this.month.toString(), Instant.ofEpochMilli(since), this.events, perMonth);
	}

	private void rollOver(long nowMillis) {
		YearMonth now = monthOf(nowMillis);
		if (now.isAfter(this.month)) {
			this.month = now;
			this.events = 0;
		}
	}

	private static YearMonth monthOf(long millis) {
		return YearMonth.from(Instant.ofEpochMilli(millis).atZone(ZoneOffset.UTC));
	}

}
