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
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import io.isstreamer.streamer.transport.TransportResponse;
import org.jspecify.annotations.Nullable;

/**
 * Decides when the sender may start its next request. With nothing heard from the
 * service, requests start no closer than the configured rate allows. The service's
 * rate-limit headers then set the pace: the requests left in its window
 * ({@code X-RateLimit-Remaining}) are spread over the time left until the window resets
 * ({@code X-RateLimit-Reset}), whatever the window's length, never faster than the
 * configured rate. Requests of this sender that started after the one answered may not be
 * counted in that answer yet, so they are taken off what is left.
 * <p>
 * The limit belongs to the account, so other processes using the same key spend the same
 * budget: each answer shows it shrinking faster than this sender alone would explain, and
 * the spacing grows by the share of the budget that others take (estimated from how the
 * remaining count fell between answers), so that several senders find fair shares by
 * themselves. Once the headers stop coming, the configured rate applies again. A hold
 * ({@code Retry-After}, a backoff, a probe interval) comes on top.
 * <p>
 * All times are given by the caller, so the gate can be driven by a simulated clock. The
 * sender's thread is the only user.
 */
final class PacingGate {

	/**
	 * Added to every interval so rounding and timer slack never make two requests closer
	 * than the service allows.
	 */
	private static final long MARGIN_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

	/**
	 * Share of every interval added to it: the service counts requests when they arrive,
	 * and a 1 MB body's upload time varies by tens of milliseconds, so requests spaced
	 * exactly 1/3 s apart when sent can arrive four in one second. 5% (17 ms at 3 per
	 * second) lets the arrivals of four requests vary by 50 ms.
	 */
	private static final double MARGIN_SHARE = 0.05;

	/**
	 * Longest {@code Retry-After} honoured, against a broken or hostile header.
	 */
	static final Duration MAX_RETRY_AFTER = Duration.ofHours(1);

	/**
	 * Longest window the headers are believed to describe.
	 */
	private static final long MAX_WINDOW_NANOS = TimeUnit.MINUTES.toNanos(2);

	/**
	 * Headers not seen for this many windows (or this long, before a window is known) no
	 * longer set the pace.
	 */
	private static final int HEADERS_FORGOTTEN_AFTER_WINDOWS = 3;

	private static final long HEADERS_FORGOTTEN_NANOS = TimeUnit.SECONDS.toNanos(30);

	private final long baseIntervalNanos;

	/**
	 * The spacing the latest headers asked for, or the base interval.
	 */
	private long intervalNanos;

	private long nextNanos;

	private long holdNanos;

	private long headersSeenNanos;

	private boolean headersKnown;

	/**
	 * Start times of this sender's recent requests, oldest first.
	 */
	private final ArrayDeque<Long> starts = new ArrayDeque<>();

	private final WindowQuota quota = new WindowQuota(new Random());

	PacingGate(double requestsPerSecond, long nowNanos) {
		this.baseIntervalNanos = withMargin(Math.max(1, (long) (TimeUnit.SECONDS.toNanos(1) / requestsPerSecond)));
		this.intervalNanos = this.baseIntervalNanos;
		this.nextNanos = nowNanos;
		this.holdNanos = nowNanos;
	}

	/**
	 * Whether a request may start now.
	 * @param nowNanos the time
	 * @return whether the gate is open
	 */
	boolean isOpen(long nowNanos) {
		return nowNanos - opensAt() >= 0;
	}

	/**
	 * Return when the gate opens.
	 * @return the time
	 */
	long opensAt() {
		return later(this.nextNanos, this.holdNanos);
	}

	/**
	 * Return when the current hold ends; the hold alone, not the spacing.
	 * @return the time
	 */
	long holdEnds() {
		return this.holdNanos;
	}

	long intervalNanos() {
		return this.intervalNanos;
	}

	/**
	 * A request starts now.
	 * @param nowNanos the time
	 */
	void started(long nowNanos) {
		forgetHeadersIfStale(nowNanos);
		this.starts.addLast(nowNanos);
		while (this.starts.size() > 64) {
			this.starts.pollFirst();
		}
		if (this.headersKnown) {
			this.quota.started(nowNanos);
			this.nextNanos = later(nowNanos + this.baseIntervalNanos, this.quota.nextSlot(nowNanos + 1));
		}
		else {
			this.nextNanos = later(this.nextNanos, nowNanos + this.intervalNanos);
		}
	}

	/**
	 * Allow no request before a time.
	 * @param nanos the time
	 */
	void holdUntil(long nanos) {
		this.holdNanos = later(this.holdNanos, nanos);
	}

	/**
	 * Allow a request from a time on, even if a hold said later: the user asked.
	 * @param nanos the time
	 */
	void openAt(long nanos) {
		if (this.holdNanos - nanos > 0) {
			this.holdNanos = nanos;
		}
		if (this.nextNanos - nanos > 0) {
			this.nextNanos = nanos;
		}
	}

	/**
	 * Learn from the rate-limit headers of an answer.
	 * @param response the answer
	 * @param startedNanos when the answered request started
	 * @param nowNanos the time
	 * @param nowEpochMillis the wall-clock time
	 */
	void learn(TransportResponse response, long startedNanos, long nowNanos, long nowEpochMillis) {
		Long remaining = parseLong(response.header("X-RateLimit-Remaining"));
		Long reset = parseLong(response.header("X-RateLimit-Reset"));
		if (remaining == null || reset == null || remaining < 0) {
			forgetHeadersIfStale(nowNanos);
			return;
		}
		// Epoch seconds per the documentation; small values are taken as seconds to wait
		long untilResetMillis = (reset < 1_000_000_000L) ? reset * 1000 : reset * 1000 - nowEpochMillis;
		long untilResetNanos = Math.max(0,
				Math.min(TimeUnit.MILLISECONDS.toNanos(Math.max(0, untilResetMillis)), MAX_WINDOW_NANOS));
		Long limit = parseLong(response.header("X-RateLimit-Limit"));
		this.headersKnown = true;
		this.headersSeenNanos = nowNanos;
		this.quota.window(reset, (limit != null) ? limit : 0, untilResetNanos, nowNanos, this.baseIntervalNanos);
		if (response.status() == 429) {
			this.quota.throttled();
		}
		else {
			this.quota.accepted(remaining - startedAfter(startedNanos), startedNanos);
		}
		long left = remaining - startedAfter(startedNanos);
		if (left <= 0) {
			// nothing left in this window: wait for it to reset
			this.nextNanos = later(this.nextNanos, nowNanos + untilResetNanos + MARGIN_NANOS);
		}
		this.intervalNanos = this.baseIntervalNanos;
		this.nextNanos = later(this.nextNanos, this.quota.nextSlot(nowNanos));
	}

	private void forgetHeadersIfStale(long nowNanos) {
		if (!this.headersKnown) {
			return;
		}
		long window = this.quota.windowNanos();
		long forgetAfter = (window > 0) ? window * HEADERS_FORGOTTEN_AFTER_WINDOWS : HEADERS_FORGOTTEN_NANOS;
		if (nowNanos - this.headersSeenNanos > Math.max(forgetAfter, HEADERS_FORGOTTEN_NANOS)) {
			this.headersKnown = false;
			this.intervalNanos = this.baseIntervalNanos;
		}
	}

	private int startsBetween(long afterNanos, long untilNanos) {
		int count = 0;
		for (long start : this.starts) {
			if (start - afterNanos > 0 && untilNanos - start >= 0) {
				count++;
			}
		}
		return count;
	}

	private int startedAfter(long startedNanos) {
		int count = 0;
		for (Iterator<Long> iterator = this.starts.descendingIterator(); iterator.hasNext();) {
			if (iterator.next() - startedNanos > 0) {
				count++;
			}
			else {
				break;
			}
		}
		return count;
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

	private static long later(long a, long b) {
		return (b - a > 0) ? b : a;
	}

	static @Nullable Long parseLong(@Nullable String value) {
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
