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

	/**
	 * Fewest requests per window: one every this many windows.
	 */
	private static final int MAX_PERIOD = 64;

	/**
	 * Phases are drawn between this and one minus this, so that the first slot of a
	 * window is never at its very start, where a request could still count for the window
	 * before.
	 */
	private static final double EDGE = 0.05;

	/**
	 * Chance, per window with room left after this sender's requests, of taking one more
	 * step up; small, so that senders rarely step up together.
	 */
	private static final double STEP_UP_CHANCE = 0.2;

	/**
	 * Limits below this many requests per window step up less often, since a step is a
	 * larger part of them.
	 */
	private static final int SMALL_LIMIT = 10;

	/**
	 * A 429 within this many periods of the previous one is a second signal: step down.
	 */
	private static final int RETHROTTLE_WINDOWS = 8;

	/**
	 * A window used this many times faster than evenly is too fast for its limit.
	 */
	private static final double FAST_FILL = 1.25;

	/**
	 * Share of a window that must have passed before its use tells anything.
	 */
	private static final double FAST_FILL_FROM = 0.1;

	private final Random random;

	private long windowNanos;

	/**
	 * The end of a window, in this sender's clock: the grid the windows follow.
	 */
	private long anchorNanos;

	private long lastReset = Long.MIN_VALUE;

	private long betweenResetsNanos;

	private long longestLeftNanos;

	/**
	 * Added to this sender's clock to give the service's epoch time.
	 */
	private long epochOffsetNanos;

	private long limit;

	/**
	 * The quota as a level: {@code n > 0} is n requests every window, {@code -p} one
	 * request every p windows.
	 */
	private int level;

	private int mostPerWindow = 1;

	/**
	 * Where this sender's requests sit in a window, from 0 to 1.
	 */
	private double phase;

	/**
	 * Which of every p windows this sender uses when its quota is below one a window.
	 */
	private int turn;

	/**
	 * The start of the window this sender last started a request in, and how many.
	 */
	private long sentWindowStart = Long.MIN_VALUE;

	private int sentInWindow;

	private long steppedWindowStart = Long.MIN_VALUE;

	private long throttledWindowStart = Long.MIN_VALUE;

	private long slowedWindowStart = Long.MIN_VALUE;

	private double slowedAtOffset;

	private double slowedAtUsed;

	/**
	 * When the latest request that took the last slot of its window started.
	 */
	private long lastOfWindowStartedNanos = Long.MIN_VALUE;

	/**
	 * When this sender's latest request started.
	 */
	private long lastStartNanos = Long.MIN_VALUE;

	/**
	 * The closest two requests may start: the configured rate's interval.
	 */
	private final long minSpacingNanos;

	WindowQuota(Random random, long minSpacingNanos) {
		this.random = random;
		this.minSpacingNanos = minSpacingNanos;
		this.phase = randomPhase();
	}

	boolean isKnown() {
		return this.windowNanos > 0;
	}

	long windowNanos() {
		return this.windowNanos;
	}

	/**
	 * Return the quota in requests per window.
	 * @return the quota
	 */
	double quota() {
		return (this.level > 0) ? this.level : 1.0 / -this.level;
	}

	/**
	 * Learn the window from an answer's headers.
	 * @param reset the {@code X-RateLimit-Reset} value, epoch seconds
	 * @param limit the {@code X-RateLimit-Limit} value, or 0 if absent
	 * @param untilResetNanos time until the window resets, negative if it reset already
	 * (an answer that took long)
	 * @param nowNanos the time
	 * @param requestsPerSecond the configured rate
	 */
	void window(long reset, long limit, long untilResetNanos, long nowNanos, double requestsPerSecond) {
		if (this.lastReset != Long.MIN_VALUE && reset > this.lastReset) {
			// consecutive windows are one window apart; windows skipped, a multiple
			long between = TimeUnit.SECONDS.toNanos(reset - this.lastReset);
			this.betweenResetsNanos = (this.betweenResetsNanos == 0) ? between
					: Math.min(this.betweenResetsNanos, between);
		}
		this.lastReset = reset;
		// before two resets were seen: at least the longest time left in one, in seconds
		this.longestLeftNanos = Math.max(this.longestLeftNanos,
				TimeUnit.SECONDS.toNanos(Math.max(1, (untilResetNanos + 999_999_999L) / 1_000_000_000L)));
		long window = (this.betweenResetsNanos > 0) ? this.betweenResetsNanos : this.longestLeftNanos;
		this.windowNanos = window;
		this.anchorNanos = nowNanos + untilResetNanos;
		this.epochOffsetNanos = TimeUnit.SECONDS.toNanos(reset) - this.anchorNanos;
		if (limit > 0) {
			this.limit = limit;
		}
		long byRate = Math.max(1, (long) Math.floor(requestsPerSecond * window / 1e9 + 1e-9));
		int most = (int) Math.min(Integer.MAX_VALUE, (this.limit > 0) ? Math.min(this.limit, byRate) : byRate);
		if (this.level == 0 || this.level > most || this.level == this.mostPerWindow) {
			// the first answer, or the window turned out longer than it first seemed
			this.level = most;
		}
		this.mostPerWindow = most;
	}

	private long index(long nanos) {
		return Math.floorDiv(nanos - this.anchorNanos, this.windowNanos);
	}

	private long start(long index) {
		return this.anchorNanos + index * this.windowNanos;
	}

	private int slots(long index) {
		if (this.level > 0) {
			return this.level;
		}
		// which window of a period, counted on the service's own clock
		long absolute = Math.floorDiv(start(index) + this.epochOffsetNanos, this.windowNanos);
		return (Math.floorMod(absolute, -this.level) == this.turn) ? 1 : 0;
	}

	/**
	 * Return how many requests this sender started in the window that starts at a time.
	 */
	private int used(long windowStart) {
		return sameWindow(windowStart, this.sentWindowStart) ? this.sentInWindow : 0;
	}

	private boolean sameWindow(long a, long b) {
		return b != Long.MIN_VALUE && Math.abs(a - b) < this.windowNanos / 2;
	}

	/**
	 * Return when the next request may start, on or after a time: the next free slot, and
	 * never closer to the previous request than a share of the window or the configured
	 * rate, so that slots of a window that passed unused (the sender had nothing to send,
	 * or had not learned the window yet) are not made up for in a burst, which a service
	 * that also counts requests per second would refuse.
	 * @param nowNanos the time
	 * @return the time of the next free slot
	 */
	long nextSlot(long nowNanos) {
		long earliest = nowNanos;
		if (this.lastStartNanos != Long.MIN_VALUE) {
			long share = (this.level > 0) ? this.windowNanos / this.level : this.windowNanos;
			earliest = NanoTimes.later(earliest, this.lastStartNanos + Math.max(share, this.minSpacingNanos));
		}
		long index = index(earliest);
		for (int windows = 0; windows <= MAX_PERIOD; windows++, index++) {
			int slots = slots(index);
			int used = used(start(index));
			if (used < slots) {
				// evenly spaced, a whole share of the window apart
				double offset = (this.phase + used) / slots;
				long slot = start(index) + (long) (this.windowNanos * offset);
				return NanoTimes.later(slot, earliest);
			}
		}
		return start(index);
	}

	/**
	 * A request starts.
	 * @param nowNanos the time
	 */
	void started(long nowNanos) {
		this.lastStartNanos = nowNanos;
		long index = index(nowNanos);
		long start = start(index);
		if (!sameWindow(start, this.sentWindowStart)) {
			this.sentWindowStart = start;
			this.sentInWindow = 0;
		}
		this.sentInWindow++;
		if (this.sentInWindow >= slots(index)) {
			this.lastOfWindowStartedNanos = nowNanos;
		}
	}

	/**
	 * The service refused a request as over the limit: one step down, and another place
	 * in the windows, once per window whatever the number of requests refused in it.
	 */
	void throttled(long startedNanos) {
		long start = start(index(startedNanos));
		if (sameWindow(start, this.throttledWindowStart)) {
			// one window overfull is one signal, however many requests it refused
			return;
		}
		boolean again = this.throttledWindowStart != Long.MIN_VALUE
				&& start - this.throttledWindowStart < RETHROTTLE_WINDOWS * period() * this.windowNanos;
		this.throttledWindowStart = start;
		if (again || this.level > 1) {
			stepDown();
		}
		// another place in the windows: an overfull window may only have had too many
		// senders at the same place
		this.phase = randomPhase();
		if (this.level < 0) {
			int previous = this.turn;
			this.turn = this.random.nextInt(-this.level);
			if (this.turn == previous && -this.level > 1) {
				this.turn = (this.turn + 1) % -this.level;
			}
		}
	}

	private double randomPhase() {
		return EDGE + (1 - 2 * EDGE) * this.random.nextDouble();
	}

	private void stepDown() {
		if (this.level > 1) {
			this.level = Math.max(1, Math.min(this.level - 1, this.level / 2));
		}
		else {
			this.level = Math.max(-MAX_PERIOD, (this.level == 1) ? -2 : this.level * 2);
		}
		this.turn = (this.level < 0) ? Math.floorMod(this.turn, -this.level) : 0;
	}

	private int period() {
		return (this.level > 0) ? 1 : -this.level;
	}

	/**
	 * Step down, before the window fills up, when it is used up faster than evenly: the
	 * account's senders together take more than the limit, and each, seeing it, slows
	 * down by a chance that brings their total back to about the limit. After a step, the
	 * pace is measured again from there. Only with a limit large enough for its use to
	 * tell.
	 * @return whether it stepped down
	 */
	private boolean fillsTooFast(long leftAtArrival, long startedNanos) {
		// the window the answer speaks of, as it says: its end is the latest reset
		long start = this.anchorNanos - this.windowNanos;
		double offset = (startedNanos - start) / (double) this.windowNanos;
		if (this.limit < SMALL_LIMIT || offset < FAST_FILL_FROM || offset > 1
				|| sameWindow(start, this.throttledWindowStart)) {
			// too early in the window to tell, or counted in another window than this
			// sender's clock places it in (resets are whole seconds)
			return false;
		}
		// what every sender had used when this request arrived
		double used = this.limit - leftAtArrival;
		boolean again = sameWindow(start, this.slowedWindowStart);
		double sinceOffset = again ? this.slowedAtOffset : 0;
		double sinceUsed = again ? this.slowedAtUsed : 0;
		// evenly, the window's use since then, and room for a couple of requests
		double even = this.limit * (offset - sinceOffset) + 2;
		double fresh = used - sinceUsed;
		if (fresh <= even * FAST_FILL) {
			return false;
		}
		double chance = Math.min(1, 2 * (1 - even / fresh));
		if (this.random.nextDouble() >= chance) {
			return false;
		}
		this.slowedWindowStart = start;
		this.slowedAtOffset = offset;
		this.slowedAtUsed = used;
		stepDown();
		return true;
	}

	/**
	 * The service accepted a request and said what is left in its window.
	 * @param remaining requests left in the window after this one (and any of this
	 * sender's started after it)
	 * @param leftAtArrival requests left in the window when this one was counted, as the
	 * service said
	 * @param startedNanos when the request started
	 */
	void accepted(long remaining, long leftAtArrival, long startedNanos) {
		long index = index(startedNanos);
		long start = start(index);
		if (fillsTooFast(leftAtArrival, startedNanos)) {
			return;
		}
		boolean lastOfMine = startedNanos == this.lastOfWindowStartedNanos;
		if (remaining < 1 || !lastOfMine || sameWindow(start, this.steppedWindowStart)
				|| this.level >= this.mostPerWindow) {
			return;
		}
		// room left after this sender's last request of the window: step up now and then,
		// the less often the more others use the window, so that the account's senders
		// together step up about as often as one alone would; a single spare request
		// may be left on purpose, so it counts for less
		double used = (this.limit > 0) ? Math.max(1, this.limit - remaining) : 1;
		double share = Math.min(1, used(start) / used);
		double offset = (startedNanos - start) / (double) this.windowNanos;
		// a step is a larger part of a small limit: take it less often
		double small = Math.min(1, ((this.limit > 0) ? this.limit : SMALL_LIMIT) / (double) SMALL_LIMIT);
		boolean clearRoom = remaining >= 2 || (this.limit > 0 && remaining >= 0.2 * this.limit);
		double chance = STEP_UP_CHANCE * small * share * offset * (clearRoom ? Math.max(1, remaining - 1) : 0.25);
		if (this.random.nextDouble() < chance) {
			this.steppedWindowStart = start;
			if (this.level > 0) {
				this.level++;
			}
			else {
				this.level = (this.level == -2) ? 1 : this.level / 2;
				this.turn = (this.level < 0) ? Math.floorMod(this.turn, -this.level) : 0;
			}
		}
	}

}
