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
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Remembers the last value sent for each key, so that a value is sent again only when it
 * changed, or when the refresh interval has passed since the last full send (dashboard
 * tiles then never look stale).
 */
final class ChangedValues {

	private final long refreshMillis;

	private Map<String, Double> sent = new HashMap<>();

	private long lastRefresh = Long.MIN_VALUE;

	/**
	 * Create the memory.
	 * @param refreshInterval the time between two full sends; zero to send every value
	 * every time
	 * @param step the registry's step: a refresh due within half a step is done at once,
	 * so that refreshes follow the interval rather than slip by one step each time
	 */
	ChangedValues(Duration refreshInterval, Duration step) {
		this.refreshMillis = refreshInterval.isZero() ? 0
				: Math.max(0, refreshInterval.minus(step.dividedBy(2)).toMillis());
	}

	/**
	 * Choose what to send.
	 * @param current the current values by key
	 * @param nowMillis the wall time
	 * @return the values to send: all of them at a refresh, else those that changed or
	 * are new
	 */
	synchronized Map<String, Double> select(Map<String, Double> current, long nowMillis) {
		Map<String, Double> previous = this.sent;
		this.sent = new HashMap<>(current.size());
		boolean refresh = this.refreshMillis == 0 || this.lastRefresh == Long.MIN_VALUE
				|| nowMillis - this.lastRefresh >= this.refreshMillis;
		if (refresh) {
			this.lastRefresh = nowMillis;
			return current;
		}
		Map<String, Double> changed = new LinkedHashMap<>();
		current.forEach((key, value) -> {
			Double last = previous.get(key);
			if (last != null && last.doubleValue() == value.doubleValue()) {
				this.sent.put(key, last); // keys no longer current are forgotten
			}
			else {
				changed.put(key, value);
			}
		});
		return changed;
	}

	/**
	 * Record a value as sent.
	 * @param key the key
	 * @param value the value
	 */
	synchronized void sent(String key, double value) {
		this.sent.put(key, value);
	}

}
