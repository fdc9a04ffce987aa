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

package io.isstreamer.sample.dashboard;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.concurrent.TimeUnit;

/**
 * The rate of a growing count over about the last 10 seconds, from the readings taken
 * each time the dashboard asks: measured from the latest reading at least 10 seconds old,
 * or from the oldest one while there is none, however often pages ask.
 */
final class Rate {

	private static final long WINDOW_NANOS = TimeUnit.SECONDS.toNanos(10);

	private final Deque<Reading> readings = new ArrayDeque<>();

	/**
	 * Take a reading and return the rate since the start of the window.
	 * @param count the count now
	 * @param nanos the time now, from {@link System#nanoTime()}
	 * @return the count's growth per second, {@code 0} until two readings are apart
	 */
	synchronized double update(long count, long nanos) {
		this.readings.addLast(new Reading(nanos, count));
		while (this.readings.size() > 1 && nanos - secondOldest().nanos() >= WINDOW_NANOS) {
			this.readings.pollFirst();
		}
		Reading oldest = this.readings.peekFirst();
		long elapsed = nanos - oldest.nanos();
		return (elapsed > 0) ? (count - oldest.count()) * 1e9 / elapsed : 0;
	}

	private Reading secondOldest() {
		Iterator<Reading> readings = this.readings.iterator();
		readings.next();
		return readings.next();
	}

	private record Reading(long nanos, long count) {

	}

}
