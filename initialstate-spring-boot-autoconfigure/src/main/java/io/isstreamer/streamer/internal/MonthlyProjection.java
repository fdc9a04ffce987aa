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

package io.isstreamer.streamer.internal;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Projects a month's events from what was sent: over the last hour, in one-minute
 * buckets, or since the start before an hour has passed. A month here is 31 days, the
 * longest: a budget kept over 31 days is kept in every billing month, which this cannot
 * know. Used by the sender thread; the projection is published for any thread to read.
 */
final class MonthlyProjection {

	/**
	 * The month the projection speaks of: 31 days, as the metrics export's.
	 */
	static final Duration MONTH = Duration.ofDays(31);

	private static final long MINUTE_NANOS = TimeUnit.MINUTES.toNanos(1);

	private static final int MINUTES = 60;

	private final long startNanos;

	private final long[] perMinute = new long[MINUTES];

	private long currentMinute;

	private long total;

	private volatile long projected;

	MonthlyProjection(long nowNanos) {
		this.startNanos = nowNanos;
	}

	/**
	 * Count events sent now.
	 * @param events how many
	 * @param nowNanos the time
	 */
	void sent(long events, long nowNanos) {
		advance(nowNanos);
		this.perMinute[(int) (this.currentMinute % MINUTES)] += events;
		this.total += events;
		this.projected = project(nowNanos);
	}

	private void advance(long nowNanos) {
		long minute = (nowNanos - this.startNanos) / MINUTE_NANOS;
		while (this.currentMinute < minute) {
			this.currentMinute++;
			this.perMinute[(int) (this.currentMinute % MINUTES)] = 0;
			if (minute - this.currentMinute > MINUTES) {
				this.currentMinute = minute - MINUTES;
			}
		}
	}

	private long project(long nowNanos) {
		long elapsed = nowNanos - this.startNanos;
		double seconds;
		long events;
		if (elapsed < MINUTES * MINUTE_NANOS) {
			seconds = Math.max(1, elapsed / 1e9);
			events = this.total;
		}
		else {
			// the last full hour: the current minute's share of it and the 59 before
			events = 0;
			for (long count : this.perMinute) {
				events += count;
			}
			seconds = (MINUTES - 1) * 60 + ((elapsed % MINUTE_NANOS) / 1e9);
		}
		return (long) (events / seconds * MONTH.toSeconds());
	}

	/**
	 * Return the projected events of a month at the pace measured.
	 * @param nowNanos the time
	 * @return the projection
	 */
	long projected(long nowNanos) {
		advance(nowNanos);
		this.projected = project(nowNanos);
		return this.projected;
	}

	/**
	 * Return the latest projection, from any thread.
	 * @return the projection
	 */
	long latest() {
		return this.projected;
	}

}
