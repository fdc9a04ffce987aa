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
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;

/**
 * Logs a warning at most once per period, saying how many were held back, so a flood of
 * bad events or failures never floods the log. Safe to call from any thread. Internal to
 * the client.
 */
public final class RateLimitedLog {

	private final Logger logger;

	private final long periodNanos;

	private final AtomicLong nextNanos = new AtomicLong(System.nanoTime());

	private final AtomicLong suppressed = new AtomicLong();

	/**
	 * Create a log that warns at most once per period.
	 * @param logger where warnings go
	 * @param period the shortest time between two warnings
	 */
	public RateLimitedLog(Logger logger, Duration period) {
		this.logger = logger;
		this.periodNanos = period.toNanos();
	}

	/**
	 * Log a warning unless one was logged within the period.
	 * @param format an SLF4J format
	 * @param arguments its arguments
	 */
	public void warn(String format, Object... arguments) {
		long now = System.nanoTime();
		long next = this.nextNanos.get();
		if (now - next < 0 || !this.nextNanos.compareAndSet(next, now + this.periodNanos)) {
			this.suppressed.incrementAndGet();
			return;
		}
		long held = this.suppressed.getAndSet(0);
		if (held > 0) {
			this.logger.warn(format + " (" + held + " similar warnings held back)", arguments);
		}
		else {
			this.logger.warn(format, arguments);
		}
	}

}
