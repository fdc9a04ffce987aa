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

import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * This sender's share of the account's requests, per window of the service's rate limit.
 * The service counts requests in fixed windows shared by every process using the key, and
 * each answer says how many are left in the window and when it resets; that is all a
 * sender knows of the others. So each keeps a quota of requests per window and places
 * them at fixed offsets inside the windows (a schedule locked to the windows, which adds
 * up to the same count in every window rather than drifting into bunches), and adjusts
 * the quota from the answers: down when a window filled up before its turn came (429, or
 * nothing left after it), up a little when its requests found room. Senders sharing a key
 * thus settle on shares that add up to the limit, with few 429s, and a sender alone takes
 * the whole window. Offsets are drawn at random, and drawn again after a 429, so that
 * senders spread over the windows.
 */
final class WindowQuota {

	private static final double DECREASE_ON_THROTTLE = 0.7;

	private static final double DECREASE_WHEN_FULL = 0.9;

	/**
	 * Share of the room seen that is added to the quota.
	 */
	private static final double INCREASE = 0.1;

	/**
	 * Fewest requests per window: one every this many windows.
	 */
	private static final double MIN_QUOTA = 1.0 / 64;

	private final Random random;

	private long windowNanos;

	/**
	 * The end of a window, in this sender's clock: the grid the windows follow.
	 */
	private long anchorNanos;

	private long lastReset = Long.MIN_VALUE;

	private long limit;

	private double quota;

	/**
	 * Where this sender's requests sit in a window, from 0 to 1.
	 */
	private double phase;

	/**
	 * Which windows this sender uses when its quota is below one a window.
	 */
	private double carry;

	private long sentWindow = Long.MIN_VALUE;

	private int sentInWindow;

	WindowQuota(Random random) {
		this.random = random;
		this.phase = random.nextDouble();
		this.carry = random.nextDouble();
	}

	boolean isKnown() {
		return this.windowNanos > 0;
	}

	long windowNanos() {
		return this.windowNanos;
	}

	double quota() {
		return this.quota;
	}

	/**
	 * Learn the window from an answer's headers.
	 * @param reset the {@code X-RateLimit-Reset} value, epoch seconds
	 * @param limit the {@code X-RateLimit-Limit} value, or 0 if absent
	 * @param untilResetNanos time until the window resets
	 * @param nowNanos the time
	 * @param baseIntervalNanos the spacing the configured rate asks for
	 */
	void window(long reset, long limit, long untilResetNanos, long nowNanos, long baseIntervalNanos) {
		long window = this.windowNanos;
		if (this.lastReset != Long.MIN_VALUE && reset > this.lastReset) {
			long between = TimeUnit.SECONDS.toNanos(reset - this.lastReset);
			window = (window == 0) ? between : Math.min(window, between);
		}
		this.lastReset = reset;
		if (window == 0 || untilResetNanos > window) {
			// until two resets were seen: at least the time left in it, in whole seconds
			window = TimeUnit.SECONDS.toNanos(Math.max(1, (untilResetNanos + 999_999_999L) / 1_000_000_000L));
		}
		this.windowNanos = window;
		this.anchorNanos = nowNanos + untilResetNanos;
		if (limit > 0) {
			this.limit = limit;
		}
		double byRate = Math.max(1, window / (double) baseIntervalNanos);
		double most = (this.limit > 0) ? Math.min(this.limit, byRate) : byRate;
		this.quota = (this.quota == 0) ? most : Math.min(this.quota, most);
	}

	private long index(long nanos) {
		return Math.floorDiv(nanos - this.anchorNanos, this.windowNanos);
	}

	private long start(long index) {
		return this.anchorNanos + index * this.windowNanos;
	}

	/**
	 * Return how many requests this sender may start in a window: the quota spread over
	 * the windows so that any run of them gets its share, rounded.
	 */
	private int slots(long index) {
		return (int) (Math.floor((index + 1) * this.quota + this.carry) - Math.floor(index * this.quota + this.carry));
	}

	/**
	 * Return when the next request may start, on or after a time.
	 * @param nowNanos the time
	 * @return the time of the next free slot
	 */
	long nextSlot(long nowNanos) {
		long index = index(nowNanos);
		for (int windows = 0; windows < 256; windows++, index++) {
			int slots = slots(index);
			int used = (index == this.sentWindow) ? this.sentInWindow : 0;
			if (used < slots) {
				long slot = start(index) + (long) (this.windowNanos * (this.phase + used) / slots);
				return (slot - nowNanos > 0) ? slot : nowNanos;
			}
		}
		return start(index);
	}

	/**
	 * A request starts.
	 * @param nowNanos the time
	 */
	void started(long nowNanos) {
		long index = index(nowNanos);
		if (index != this.sentWindow) {
			this.sentWindow = index;
			this.sentInWindow = 0;
		}
		this.sentInWindow++;
	}

	/**
	 * The service refused a request as over the limit.
	 */
	void throttled() {
		this.quota = Math.max(MIN_QUOTA, this.quota * DECREASE_ON_THROTTLE);
		this.phase = this.random.nextDouble();
		this.carry = this.random.nextDouble();
	}

	/**
	 * The service accepted a request and said what is left in its window.
	 * @param remaining requests left in the window, after this one
	 * @param startedNanos when the request started
	 */
	void accepted(long remaining, long startedNanos) {
		if (remaining <= 0) {
			this.quota = Math.max(MIN_QUOTA, this.quota * DECREASE_WHEN_FULL);
			return;
		}
		double offset = (startedNanos - start(index(startedNanos))) / (double) this.windowNanos;
		double most = (this.limit > 0) ? this.limit : Double.MAX_VALUE;
		// room left late in a window is room no one else takes
		this.quota = Math.min(most, this.quota + INCREASE * remaining * offset * offset);
	}

}
