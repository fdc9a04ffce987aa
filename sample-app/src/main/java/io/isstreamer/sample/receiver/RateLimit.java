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

package io.isstreamer.sample.receiver;

import java.util.function.LongSupplier;

/**
 * The service's rate limit on {@code /api/events}: about {@code perSecond} requests a
 * second (a token bucket that holds a second's worth, so a paced client is never refused
 * for a little jitter), and at most ten times that in each 10-second window, the window
 * that the {@code X-RateLimit-*} headers describe.
 */
final class RateLimit {

	/**
	 * Length of the window that {@code X-RateLimit-Limit} counts requests in.
	 */
	static final long WINDOW_MILLIS = 10_000;

	private final int perSecond;

	private final int perWindow;

	private final LongSupplier clock;

	private double tokens;

	private long refilledAt;

	private long windowStart;

	private int windowCount;

	/**
	 * Create a rate limit.
	 * @param perSecond requests allowed per second
	 * @param clock the wall clock, in milliseconds since 1970
	 */
	RateLimit(int perSecond, LongSupplier clock) {
		this.perSecond = perSecond;
		this.perWindow = perSecond * (int) (WINDOW_MILLIS / 1000);
		this.clock = clock;
		this.tokens = perSecond;
		this.refilledAt = clock.getAsLong();
	}

	/**
	 * Take a request's turn, if there is one.
	 * @return whether the request may go on, with the headers to answer
	 */
	synchronized Decision acquire() {
		long now = this.clock.getAsLong();
		this.tokens = Math.min(this.perSecond, this.tokens + (now - this.refilledAt) * this.perSecond / 1000d);
		this.refilledAt = now;
		long windowStart = now - Math.floorMod(now, WINDOW_MILLIS);
		if (windowStart != this.windowStart) {
			this.windowStart = windowStart;
			this.windowCount = 0;
		}
		long reset = (windowStart + WINDOW_MILLIS) / 1000;
		if (this.windowCount >= this.perWindow) {
			long retryAfter = ceilSeconds(windowStart + WINDOW_MILLIS - now);
			return new Decision(false, this.perWindow, 0, reset, retryAfter);
		}
		if (this.tokens < 1) {
			long retryAfter = ceilSeconds((long) Math.ceil((1 - this.tokens) * 1000 / this.perSecond));
			return new Decision(false, this.perWindow, this.perWindow - this.windowCount, reset, retryAfter);
		}
		this.tokens -= 1;
		this.windowCount++;
		return new Decision(true, this.perWindow, this.perWindow - this.windowCount, reset, 0);
	}

	private static long ceilSeconds(long millis) {
		return Math.max(1, (millis + 999) / 1000);
	}

	/**
	 * Whether a request may go on, and what the rate-limit headers say.
	 *
	 * @param allowed whether the request may go on
	 * @param limit requests allowed in a 10-second window ({@code X-RateLimit-Limit})
	 * @param remaining requests left in this window ({@code X-RateLimit-Remaining})
	 * @param reset when the window ends, in epoch seconds ({@code X-RateLimit-Reset})
	 * @param retryAfterSeconds when refused, seconds to wait ({@code Retry-After})
	 */
	record Decision(boolean allowed, int limit, int remaining, long reset, long retryAfterSeconds) {

	}

}
