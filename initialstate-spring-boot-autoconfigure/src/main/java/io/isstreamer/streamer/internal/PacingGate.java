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
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.concurrent.TimeUnit;

import io.isstreamer.streamer.transport.TransportResponse;
import org.jspecify.annotations.Nullable;

/**
 * Decides when the single sender may start its next request: never faster than the
 * configured rate, slower when the service's rate-limit headers ask for it, and not
 * before a {@code Retry-After} or a backoff ends. The sender is the only user, so this is
 * a "not before" timestamp rather than a concurrent rate limiter.
 */
final class PacingGate {

	/**
	 * The service counts requests in windows of this length.
	 */
	static final long WINDOW_NANOS = TimeUnit.SECONDS.toNanos(10);

	/**
	 * Added to every interval so rounding and timer slack never make two requests closer
	 * than the service allows.
	 */
	private static final long MARGIN_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

	/**
	 * Share of every interval added to it: the service counts requests when they arrive,
	 * and a 1 MB body's upload time varies by tens of milliseconds, so requests spaced
	 * exactly 1/3 s apart when sent can arrive four in one second (measured on loopback:
	 * 328 to 332 ms apart, and a 429). 5% (17 ms at 3 per second) lets the arrivals of
	 * four requests vary by 50 ms and still keeps 2.86 requests per second.
	 */
	private static final double MARGIN_SHARE = 0.05;

	/**
	 * Longest {@code Retry-After} honoured, against a broken or hostile header.
	 */
	static final Duration MAX_RETRY_AFTER = Duration.ofHours(1);

	private final long baseIntervalNanos;

	private long intervalNanos;

	private long nextNanos;

	PacingGate(double requestsPerSecond, long nowNanos) {
		this.baseIntervalNanos = withMargin((long) (TimeUnit.SECONDS.toNanos(1) / requestsPerSecond));
		this.intervalNanos = this.baseIntervalNanos;
		this.nextNanos = nowNanos;
	}

	boolean isOpen(long nowNanos) {
		return nowNanos - this.nextNanos >= 0;
	}

	long opensAt() {
		return this.nextNanos;
	}

	long intervalNanos() {
		return this.intervalNanos;
	}

	/**
	 * A request starts now.
	 * @param nowNanos the time
	 */
	void started(long nowNanos) {
		later(nowNanos + this.intervalNanos);
	}

	/**
	 * Allow no request before a time.
	 * @param nanos the time
	 */
	void holdUntil(long nanos) {
		later(nanos);
	}

	/**
	 * Allow a request from a time on, even if a hold said later: the user asked.
	 * @param nanos the time
	 */
	void openAt(long nanos) {
		if (this.nextNanos - nanos > 0) {
			this.nextNanos = nanos;
		}
	}

	/**
	 * Learn from the rate-limit headers of an answer: {@code X-RateLimit-Limit} requests
	 * per 10 s window, of which {@code X-RateLimit-Remaining} are left until
	 * {@code X-RateLimit-Reset} (epoch seconds).
	 * @param response the answer
	 * @param nowNanos the time
	 * @param nowEpochMillis the wall-clock time
	 */
	void learn(TransportResponse response, long nowNanos, long nowEpochMillis) {
		learn(response, nowNanos, nowNanos, nowEpochMillis);
	}

	/**
	 * Learn from the rate-limit headers of an answer to a request that started earlier.
	 * The requests left are spread from the start of that request, which the service
	 * counted then, not from its answer: spreading from the answer would add the
	 * request's own duration to every interval.
	 * @param response the answer
	 * @param startedNanos when the request started
	 * @param nowNanos the time
	 * @param nowEpochMillis the wall-clock time
	 */
	void learn(TransportResponse response, long startedNanos, long nowNanos, long nowEpochMillis) {
		Long limit = parseLong(response.header("X-RateLimit-Limit"));
		if (limit != null && limit > 0) {
			this.intervalNanos = Math.max(this.baseIntervalNanos, withMargin(WINDOW_NANOS / limit));
		}
		Long remaining = parseLong(response.header("X-RateLimit-Remaining"));
		Long reset = parseLong(response.header("X-RateLimit-Reset"));
		if (remaining != null && reset != null && remaining >= 0) {
			// Epoch seconds per the documentation; small values are taken as seconds to
			// wait
			long untilResetMillis = (reset < 1_000_000_000L) ? reset * 1000 : reset * 1000 - nowEpochMillis;
			if (untilResetMillis > 0) {
				long untilResetNanos = Math.min(TimeUnit.MILLISECONDS.toNanos(untilResetMillis),
						WINDOW_NANOS + TimeUnit.SECONDS.toNanos(1));
				// Spread what is left of the window over the time left in it
				long sinceStart = Math.max(0, nowNanos - startedNanos);
				later(nowNanos - sinceStart + (untilResetNanos + sinceStart) / (remaining + 1) + MARGIN_NANOS);
			}
		}
	}

	/**
	 * Read a {@code Retry-After} header: seconds, or an HTTP date.
	 * @param response the answer
	 * @param nowEpochMillis the wall-clock time
	 * @return how long to wait, or {@code null} if the header is absent or unreadable
	 */
	static @Nullable Duration retryAfter(TransportResponse response, long nowEpochMillis) {
		String value = response.header("Retry-After");
		if (value == null || value.isBlank()) {
			return null;
		}
		Long seconds = parseLong(value);
		if (seconds != null) {
			return Duration.ofSeconds(Math.min(Math.max(0, seconds), MAX_RETRY_AFTER.toSeconds()));
		}
		try {
			long at = ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME)
				.toInstant()
				.toEpochMilli();
			return Duration.ofMillis(Math.min(Math.max(0, at - nowEpochMillis), MAX_RETRY_AFTER.toMillis()));
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}

	private static long withMargin(long intervalNanos) {
		return intervalNanos + Math.max(MARGIN_NANOS, (long) (intervalNanos * MARGIN_SHARE));
	}

	private void later(long nanos) {
		if (nanos - this.nextNanos > 0) {
			this.nextNanos = nanos;
		}
	}

	private static @Nullable Long parseLong(@Nullable String value) {
		if (value == null) {
			return null;
		}
		try {
			return Long.parseLong(value.trim());
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

}
