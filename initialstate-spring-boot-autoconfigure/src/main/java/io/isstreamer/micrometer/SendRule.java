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

/**
 * When the value of a series is sent. A dashboard that sums or averages counts needs a
 * point for every step that had any, while a gauge that did not move says nothing new.
 */
public enum SendRule {

	/**
	 * A count of the last step (counters, function counters, the {@code count} and
	 * {@code sum} of timers, distribution summaries and function timers): sent at every
	 * step where it is not zero, and at the first zero after one that was not (or the
	 * first step), so the dashboard shows the drop to zero.
	 */
	COUNT,

	/**
	 * A gauge-like value (gauges, and the {@code mean}, {@code max} and percentiles of
	 * timers): sent when it changed, and again at every refresh interval so that tiles
	 * never look stale.
	 */
	GAUGE,

	/**
	 * A value that seldom changes (the process start time, the heap maximum): sent once,
	 * then only when it changes.
	 */
	CONSTANT

}
