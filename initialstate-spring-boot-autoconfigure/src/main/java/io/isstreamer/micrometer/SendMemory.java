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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Remembers what was sent for each key, to choose what to send at each step by the
 * series' {@link SendRule}, and how many steps in a row each series was sent, which the
 * monthly projection measures its floor with.
 */
final class SendMemory {

	private final long refreshMillis;

	private Map<String, History> histories = new HashMap<>();

	private long lastRefresh = Long.MIN_VALUE;

	private long steps;

	/**
	 * Create the memory.
	 * @param refreshInterval the time between two sends of unchanged gauge-like values;
	 * zero to send them at every step
	 * @param step the registry's step: a refresh due within half a step is done at once,
	 * so that refreshes follow the interval rather than slip by one step each time
	 */
	SendMemory(Duration refreshInterval, Duration step) {
		this.refreshMillis = refreshInterval.isZero() ? 0
				: Math.max(0, refreshInterval.minus(step.dividedBy(2)).toMillis());
	}

	/**
	 * Choose what to send at a step. Keys no longer current are forgotten.
	 * @param current the current values
	 * @param nowMillis the wall time
	 * @return the values to send, in the order given
	 */
	synchronized List<SeriesValue> select(List<SeriesValue> current, long nowMillis) {
		boolean refresh = this.refreshMillis == 0 || this.lastRefresh == Long.MIN_VALUE
				|| nowMillis - this.lastRefresh >= this.refreshMillis;
		if (refresh) {
			this.lastRefresh = nowMillis;
		}
		Map<String, History> previous = this.histories;
		this.histories = new HashMap<>(current.size() * 2);
		List<SeriesValue> selected = new ArrayList<>(current.size());
		for (SeriesValue value : current) {
			History history = previous.getOrDefault(value.key(), new History());
			history.sentThisStep = false;
			this.histories.put(value.key(), history);
			if (history.wants(value, refresh)) {
				selected.add(value);
			}
		}
		return selected;
	}

	/**
	 * Record a value as sent.
	 * @param value the value
	 */
	synchronized void sent(SeriesValue value) {
		History history = this.histories.computeIfAbsent(value.key(), (key) -> new History());
		history.everSent = true;
		history.lastSent = value.value();
		history.sentThisStep = true;
	}

	/**
	 * Close a step: a series sent in it lengthens its run of steps sent in a row, any
	 * other starts again from zero.
	 */
	synchronized void stepDone() {
		this.steps++;
		for (History history : this.histories.values()) {
			history.inARow = history.sentThisStep ? history.inARow + 1 : 0;
		}
	}

	/**
	 * Return the number of steps closed so far.
	 * @return the steps
	 */
	synchronized long steps() {
		return this.steps;
	}

	/**
	 * Return the keys sent at each of the last steps.
	 * @param steps how many steps
	 * @return the keys sent at every one of them
	 */
	synchronized List<String> sentInEachOfTheLast(long steps) {
		List<String> keys = new ArrayList<>();
		this.histories.forEach((key, history) -> {
			if (history.inARow >= steps) {
				keys.add(key);
			}
		});
		keys.sort(null);
		return keys;
	}

	private static final class History {

		private boolean everSent;

		private double lastSent;

		private boolean sentThisStep;

		private long inARow;

		boolean wants(SeriesValue value, boolean refresh) {
			if (!this.everSent) {
				return true;
			}
			return switch (value.rule()) {
				case COUNT -> value.value() != 0 || this.lastSent != 0;
				case GAUGE -> refresh || value.value() != this.lastSent;
				case CONSTANT -> value.value() != this.lastSent;
			};
		}

	}

}
