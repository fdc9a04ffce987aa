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
 * service, requests start no closer than the configured rate allows. Once the service's
 * rate-limit headers tell its window ({@code X-RateLimit-Limit} requests until
 * {@code X-RateLimit-Reset}, whatever the window's length), requests go at the slots of a
 * {@link WindowQuota}: this sender's share of each window, which shrinks when the
 * account's other processes take more and grows when room is left. When nothing is left
 * ({@code X-RateLimit-Remaining} is 0, counting this sender's requests started after the
 * one answered), the gate waits for the window to reset, or as long as a 429's
 * {@code Retry-After} says. Requests never start closer than the configured rate allows.
 * Once the headers stop coming, the configured rate applies again. A hold
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
	 * Share of the configured interval added to it: the service counts requests when they
	 * arrive, and a 1 MB body's upload time varies by tens of milliseconds, so requests
	 * spaced exactly 1/3 s apart when sent can arrive four in one second.
	 */
	private static final double MARGIN_SHARE = 0.05;

	/**
	 * Longest {@code Retry-After} honoured, against a broken or hostile header.
	 */
	static final Duration MAX_RETRY_AFTER = Duration.ofHours(1);

	/**
	 * Longest window the headers are believed to describe.
	 */
	private static final long MAX_WINDOW_MILLIS = TimeUnit.MINUTES.toMillis(2);

	/**
	 * Headers not seen for this many windows (and at least {@link #FORGET_NANOS}) no
	 * longer set the pace.
	 */
	private static final int FORGET_AFTER_WINDOWS = 3;

	private static final long FORGET_NANOS = TimeUnit.SECONDS.toNanos(30);

	private static final int STARTS_KEPT = 64;

	private final double requestsPerSecond;

	private final long baseIntervalNanos;

	private final WindowQuota quota;

	/**
	 * Start times of this sender's recent requests, oldest first.
	 */
	private final ArrayDeque<Long> starts = new ArrayDeque<>();

	private long nextNanos;

	private long holdNanos;

	private long headersSeenNanos;

	private boolean headersKnown;

	PacingGate(double requestsPerSecond, long nowNanos) {
		this(requestsPerSecond, nowNanos, new Random());
	}

	PacingGate(double requestsPerSecond, long nowNanos, Random random) {
		this.requestsPerSecond = requestsPerSecond;
		this.baseIntervalNanos = withMargin(Math.max(1, (long) (TimeUnit.SECONDS.toNanos(1) / requestsPerSecond)));
		this.quota = new WindowQuota(random, this.baseIntervalNanos);
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
		return NanoTimes.later(this.nextNanos, this.holdNanos);
	}

	/**
	 * Return the spacing of requests at the configured rate, margin included.
	 * @return the interval
	 */
	long baseIntervalNanos() {
		return this.baseIntervalNanos;
	}

	/**
	 * Return this sender's quota of requests per window of the service.
	 * @return the quota, 0 while the window is not known
	 */
	double quota() {
		return this.headersKnown ? this.quota.quota() : 0;
	}

	/**
	 * A request starts now.
	 * @param nowNanos the time
	 */
	void started(long nowNanos) {
		forgetHeadersIfStale(nowNanos);
		this.starts.addLast(nowNanos);
		if (this.starts.size() > STARTS_KEPT) {
			this.starts.pollFirst();
		}
		if (this.headersKnown) {
			this.quota.started(nowNanos);
			this.nextNanos = NanoTimes.later(this.nextNanos, this.quota.nextSlot(nowNanos + 1));
		}
		else {
			this.nextNanos = NanoTimes.later(this.nextNanos, nowNanos + this.baseIntervalNanos);
		}
	}

	/**
	 * Allow no request before a time.
	 * @param nanos the time
	 */
	void holdUntil(long nanos) {
		this.holdNanos = NanoTimes.later(this.holdNanos, nanos);
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
		// the window's end is a point in time, even when it passed while the answer came
		long untilReset = TimeUnit.MILLISECONDS
			.toNanos(Math.max(-MAX_WINDOW_MILLIS, Math.min(untilResetMillis, MAX_WINDOW_MILLIS)));
		long windowReset = (reset < 1_000_000_000L) ? nowEpochMillis / 1000 + reset : reset;
		Long limit = parseLong(response.header("X-RateLimit-Limit"));
		this.headersKnown = true;
		this.headersSeenNanos = nowNanos;
		this.quota.window(windowReset, (limit != null) ? limit : 0, untilReset, nowNanos, this.requestsPerSecond);
		long left = remaining - startedAfter(startedNanos);
		if (response.status() == 429) {
			this.quota.throttled(startedNanos);
		}
		else {
			this.quota.accepted(left, remaining, startedNanos);
		}
		// a 429's Retry-After says how long to wait (the sender holds for it); otherwise
		// nothing left in this window means waiting for it to reset
		boolean retryAfterSays = response.status() == 429 && retryAfter(response, nowEpochMillis) != null;
		if (left <= 0 && !retryAfterSays) {
			this.nextNanos = NanoTimes.later(this.nextNanos, nowNanos + Math.max(0, untilReset) + MARGIN_NANOS);
		}
		this.nextNanos = NanoTimes.later(this.nextNanos, this.quota.nextSlot(nowNanos));
	}

	private void forgetHeadersIfStale(long nowNanos) {
		if (this.headersKnown && nowNanos - this.headersSeenNanos > Math.max(FORGET_NANOS,
				FORGET_AFTER_WINDOWS * this.quota.windowNanos())) {
			this.headersKnown = false;
		}
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
