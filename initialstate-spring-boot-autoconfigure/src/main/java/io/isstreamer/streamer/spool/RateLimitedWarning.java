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

package io.isstreamer.streamer.spool;

import java.time.Duration;
import java.util.Arrays;
import java.util.function.LongSupplier;

import org.slf4j.Logger;

/**
 * A warning logged at most once per interval, saying how many like it were held back, so
 * that a full or broken disk does not write one log line per batch.
 */
final class RateLimitedWarning {

	static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(1);

	private final Logger logger;

	private final long intervalNanos;

	private final LongSupplier nanoClock;

	private boolean logged;

	private long lastNanos;

	private long suppressed;

	RateLimitedWarning(Logger logger) {
		this(logger, DEFAULT_INTERVAL, System::nanoTime);
	}

	RateLimitedWarning(Logger logger, Duration interval, LongSupplier nanoClock) {
		this.logger = logger;
		this.intervalNanos = interval.toNanos();
		this.nanoClock = nanoClock;
	}

	/**
	 * Log a warning unless one was logged less than the interval ago.
	 * @param format an SLF4J message format
	 * @param arguments its arguments
	 */
	void warn(String format, Object... arguments) {
		long now = this.nanoClock.getAsLong();
		if (this.logged && now - this.lastNanos < this.intervalNanos) {
			this.suppressed++;
			return;
		}
		if (this.suppressed > 0) {
			Object[] withCount = Arrays.copyOf(arguments, arguments.length + 1);
			withCount[arguments.length] = this.suppressed;
			this.logger.warn(format + " ({} more like this since the last such warning)", withCount);
		}
		else {
			this.logger.warn(format, arguments);
		}
		this.logged = true;
		this.lastNanos = now;
		this.suppressed = 0;
	}

}
