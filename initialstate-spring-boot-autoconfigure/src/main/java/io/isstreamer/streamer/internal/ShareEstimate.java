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

import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

/**
 * Estimates, from the rate-limit headers of successive answers, the share of the
 * account's request budget that other processes take, and the length of the service's
 * window. Between two answers in one window the remaining count falls by the requests of
 * this sender and of everyone else; across windows, the count used in the new window so
 * far is compared with this sender's requests since the window began. Older samples weigh
 * less, so the estimate follows processes that come and go.
 */
final class ShareEstimate {

	/**
	 * Weight kept by the older samples at each new one.
	 */
	private static final double DECAY = 0.85;

	/**
	 * Highest share of others believed: this sender always keeps some requests.
	 */
	private static final double MAX_OTHERS_SHARE = 0.95;

	private long lastReset = Long.MIN_VALUE;

	private long lastRemaining;

	private long lastStartedNanos;

	private long windowNanos;

	private double others;

	private double total;

	/**
	 * Learn from one answer.
	 * @param reset the {@code X-RateLimit-Reset} value
	 * @param remaining the {@code X-RateLimit-Remaining} value
	 * @param limit the {@code X-RateLimit-Limit} value, if given
	 * @param untilResetNanos the time until the window resets
	 * @param startedNanos when the answered request started
	 * @param starts this sender's request starts
	 * @return the share of the budget others take, from 0 to {@value #MAX_OTHERS_SHARE}
	 */
	double learn(long reset, long remaining, @Nullable Long limit, long untilResetNanos, long startedNanos,
			Starts starts) {
		if (reset == this.lastReset) {
			if (startedNanos - this.lastStartedNanos > 0) {
				long drop = this.lastRemaining - remaining;
				int ours = starts.between(this.lastStartedNanos, startedNanos);
				sample(Math.max(0, drop - ours), Math.max(drop, ours));
			}
		}
		else {
			if (this.lastReset != Long.MIN_VALUE && reset > this.lastReset) {
				long window = TimeUnit.SECONDS.toNanos(reset - this.lastReset);
				this.windowNanos = (this.windowNanos == 0) ? window : Math.min(this.windowNanos, window);
			}
			if (limit != null && limit > remaining && this.windowNanos > 0 && untilResetNanos <= this.windowNanos) {
				// Everything counted in this window so far, against this sender's part
				long used = limit - remaining;
				long windowStart = startedNanos + untilResetNanos - this.windowNanos;
				int ours = starts.between(windowStart, startedNanos);
				sample(Math.max(0, used - ours), Math.max(used, ours));
			}
		}
		if (startedNanos - this.lastStartedNanos > 0 || reset != this.lastReset) {
			this.lastReset = reset;
			this.lastRemaining = remaining;
			this.lastStartedNanos = startedNanos;
		}
		return othersShare();
	}

	private void sample(long others, long total) {
		if (total <= 0) {
			return;
		}
		this.others = this.others * DECAY + others;
		this.total = this.total * DECAY + total;
	}

	double othersShare() {
		return (this.total > 0) ? Math.min(MAX_OTHERS_SHARE, this.others / this.total) : 0;
	}

	/**
	 * Return the window's length as far as it is known.
	 * @return the length, or 0 if unknown
	 */
	long windowNanos() {
		return this.windowNanos;
	}

	/**
	 * This sender's request starts.
	 */
	interface Starts {

		/**
		 * Count the starts after one time and up to another.
		 * @param afterNanos the first time, excluded
		 * @param untilNanos the second time, included
		 * @return the count
		 */
		int between(long afterNanos, long untilNanos);

	}

}
