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

package io.isstreamer.streamer.support;

import java.time.Duration;

/**
 * Writes durations the way Spring Boot properties are written ({@code 30s}, {@code 5m},
 * {@code 250ms}) rather than in ISO-8601 ({@code PT30S}), so a message can be copied into
 * a configuration file as it is.
 */
public final class Durations {

	private static final long NANOS_PER_MICRO = 1_000L;

	private static final long NANOS_PER_MILLI = 1_000_000L;

	private static final long NANOS_PER_SECOND = 1_000_000_000L;

	private static final long NANOS_PER_MINUTE = 60 * NANOS_PER_SECOND;

	private static final long NANOS_PER_HOUR = 60 * NANOS_PER_MINUTE;

	private static final long NANOS_PER_DAY = 24 * NANOS_PER_HOUR;

	private Durations() {
	}

	/**
	 * Format a duration in the largest unit that holds it exactly: {@code 2h},
	 * {@code 90s}, {@code 1500ms}. Spring Boot reads every result back as the same
	 * duration.
	 * @param duration the duration
	 * @return the duration as a property would be written
	 */
	public static String format(Duration duration) {
		if (duration.isZero()) {
			return "0s";
		}
		// Durations beyond about 292 years do not fit in nanoseconds: whole seconds do
		long seconds = duration.getSeconds();
		if (duration.getNano() == 0 && Math.abs(seconds) > Long.MAX_VALUE / NANOS_PER_SECOND) {
			return seconds + "s";
		}
		long nanos = duration.toNanos();
		if (nanos % NANOS_PER_DAY == 0) {
			return (nanos / NANOS_PER_DAY) + "d";
		}
		if (nanos % NANOS_PER_HOUR == 0) {
			return (nanos / NANOS_PER_HOUR) + "h";
		}
		if (nanos % NANOS_PER_MINUTE == 0) {
			return (nanos / NANOS_PER_MINUTE) + "m";
		}
		if (nanos % NANOS_PER_SECOND == 0) {
			return (nanos / NANOS_PER_SECOND) + "s";
		}
		if (nanos % NANOS_PER_MILLI == 0) {
			return (nanos / NANOS_PER_MILLI) + "ms";
		}
		if (nanos % NANOS_PER_MICRO == 0) {
			return (nanos / NANOS_PER_MICRO) + "us";
		}
		return nanos + "ns";
	}

	/**
	 * Format a computed duration, such as a wait with jitter, for a person: to the
	 * millisecond under ten seconds ({@code 883ms}, {@code 2317ms}), to the second above
	 * ({@code 17s}).
	 * @param duration the duration
	 * @return the duration, rounded, as a property would be written
	 */
	public static String approximate(Duration duration) {
		long millis = Math.round(duration.toNanos() / (double) NANOS_PER_MILLI);
		if (Math.abs(millis) < 10_000) {
			return format(Duration.ofMillis(millis));
		}
		return format(Duration.ofSeconds(Math.round(millis / 1000.0)));
	}

}
