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

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import io.isstreamer.streamer.BudgetPolicy;
import io.isstreamer.streamer.Streamer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a streamer inside its monthly event budget. It measures what each key asks to
 * send, warns when that would pass the budget (naming the keys that send the most), and,
 * with {@link BudgetPolicy#COALESCE}, holds back the keys that ask for more than their
 * fair share: each gets a time slot, a fair share of the budget's rate, and only its
 * latest value in a slot is sent, stamped with its own time; the values it replaced are
 * coalesced. Shares are fair in the max-min sense: keys that ask for less than an equal
 * share keep what they ask, and the rest of the budget is split equally among the others.
 * Keys logged more slowly than their slot are never coalesced. Used by the sender thread
 * only; its figures are published for any thread to read.
 */
final class BudgetGuard {

	private static final Logger logger = LoggerFactory.getLogger(Streamer.class);

	/**
	 * Time over which a key's rate is measured, for the shares.
	 */
	private static final double RATE_SECONDS = 10;

	/**
	 * Time over which a key's events are counted, for the warning.
	 */
	private static final double WARNING_SECONDS = 3600;

	/**
	 * Seconds of the budget's rate that may go at once before coalescing starts.
	 */
	private static final double BURST_SECONDS = 1;

	/**
	 * Coalescing stops once what is asked falls below this share of the budget's rate.
	 */
	private static final double STOP_BELOW = 0.9;

	/**
	 * The shortest time a key's rate is measured over.
	 */
	private static final double YOUNGEST_SECONDS = 0.25;

	private static final long RECOMPUTE_NANOS = TimeUnit.MILLISECONDS.toNanos(250);

	private static final long WARNING_CHECK_NANOS = TimeUnit.SECONDS.toNanos(10);

	/**
	 * A projection this much above the last one warned about is worse enough to say
	 * again.
	 */
	private static final double WORSE = 1.5;

	private static final int MAX_KEYS = 10_000;

	private static final int KEYS_SHOWN = 5;

	private final long budget;

	private final BudgetPolicy policy;

	/**
	 * The budget as a rate, in events per second.
	 */
	private final double allowedPerSecond;

	private final Ledger ledger;

	private final LinkedHashMap<String, KeyState> keys = new LinkedHashMap<>(16, 0.75f, true);

	private final PriorityQueue<KeyState> holding = new PriorityQueue<>(
			Comparator.comparingLong((KeyState state) -> state.slotEnd));

	private final long startNanos;

	private double tokens;

	private long tokensAt;

	private double demand;

	private long demandAt;

	private boolean coalescing;

	/**
	 * The fair share of a key held back, in events per second; keys asking for no more
	 * are not held back.
	 */
	private double share = Double.MAX_VALUE;

	private long recomputedAt;

	private long warningCheckedAt;

	private long warnedAt;

	private int held;

	BudgetGuard(long budget, BudgetPolicy policy, Ledger ledger, long nowNanos) {
		this.budget = budget;
		this.policy = policy;
		this.allowedPerSecond = budget / (double) MonthlyProjection.MONTH.toSeconds();
		this.ledger = ledger;
		this.startNanos = nowNanos;
		this.tokens = this.allowedPerSecond * BURST_SECONDS;
		this.tokensAt = nowNanos;
		this.demandAt = nowNanos;
		this.recomputedAt = nowNanos;
		this.warningCheckedAt = nowNanos;
	}

	/**
	 * An event was drained: pass it on, or hold it for its key's slot.
	 * @param event the event
	 * @param nowNanos the time
	 * @param toPending where events that go on are put
	 */
	void admit(Event event, long nowNanos, Consumer<Event> toPending) {
		KeyState state = keyState(event.key, nowNanos);
		state.seen(nowNanos);
		spend(nowNanos);
		if (!this.coalescing || state.rate(nowNanos) <= this.share) {
			if (state.heldEvent != null) {
				release(state, toPending);
			}
			toPending.accept(event);
			return;
		}
		if (state.heldEvent != null && nowNanos - state.slotEnd < 0) {
			// a later value of the key in the same slot: only the latest goes
			state.heldEvent = event;
			this.ledger.coalesced(event.key, 1);
			return;
		}
		if (state.heldEvent != null) {
			release(state, toPending);
		}
		state.heldEvent = event;
		state.slotEnd = nowNanos + (long) (TimeUnit.SECONDS.toNanos(1) / this.share);
		this.holding.add(state);
		this.held++;
	}

	private void spend(long nowNanos) {
		double seconds = (nowNanos - this.tokensAt) / 1e9;
		this.tokensAt = nowNanos;
		this.tokens = Math.min(this.allowedPerSecond * BURST_SECONDS, this.tokens + seconds * this.allowedPerSecond);
		this.tokens -= 1;
		this.demand = decay(this.demand, nowNanos - this.demandAt, RATE_SECONDS) + 1;
		this.demandAt = nowNanos;
		if (this.policy == BudgetPolicy.COALESCE && !this.coalescing && this.tokens < 0) {
			// asked for more than the budget allows, beyond a burst: hold back from now
			// on
			this.coalescing = true;
			this.recomputedAt = nowNanos;
			recompute(nowNanos);
		}
	}

	/**
	 * Release the values whose slot ended, recompute the shares now and then, and warn
	 * when the pace would pass the budget.
	 * @param nowNanos the time
	 * @param hurry whether held values go now (a flush waits for them, or the streamer
	 * stops)
	 * @param toPending where released events are put
	 */
	void tick(long nowNanos, boolean hurry, Consumer<Event> toPending) {
		KeyState due;
		while ((due = this.holding.peek()) != null && (hurry || nowNanos - due.slotEnd >= 0)) {
			this.holding.poll();
			if (due.heldEvent != null) {
				release(due, toPending);
			}
		}
		if (nowNanos - this.recomputedAt >= RECOMPUTE_NANOS) {
			this.recomputedAt = nowNanos;
			recompute(nowNanos);
		}
		if (nowNanos - this.warningCheckedAt >= WARNING_CHECK_NANOS) {
			this.warningCheckedAt = nowNanos;
			warnIfOver(nowNanos);
		}
	}

	private void release(KeyState state, Consumer<Event> toPending) {
		Event event = state.heldEvent;
		state.heldEvent = null;
		this.held--;
		toPending.accept(event);
	}

	/**
	 * Share the budget's rate among the keys, max-min fair, or stop holding back once
	 * what is asked fits in it.
	 */
	private void recompute(long nowNanos) {
		double asked = asked(nowNanos);
		if (this.coalescing && asked < this.allowedPerSecond * STOP_BELOW) {
			this.coalescing = false;
			this.share = Double.MAX_VALUE;
		}
		if (!this.coalescing) {
			return;
		}
		List<Double> rates = new ArrayList<>(this.keys.size());
		for (KeyState state : this.keys.values()) {
			double rate = state.rate(nowNanos);
			if (rate > 0.001) {
				rates.add(rate);
			}
		}
		rates.sort(Comparator.naturalOrder());
		double left = this.allowedPerSecond;
		int others = rates.size();
		double share = left / Math.max(1, others);
		for (double rate : rates) {
			if (rate > left / others) {
				break;
			}
			left -= rate;
			others--;
			share = (others > 0) ? left / others : Double.MAX_VALUE;
		}
		this.share = Math.max(share, this.allowedPerSecond / Math.max(1, rates.size()) / 4);
	}

	/**
	 * Return what all keys ask for, in events per second, over the last seconds (or since
	 * the start, when that is shorter).
	 */
	private double asked(long nowNanos) {
		return decay(this.demand, nowNanos - this.demandAt, RATE_SECONDS) / measuredSeconds(this.startNanos, nowNanos);
	}

	private void warnIfOver(long nowNanos) {
		double asked = asked(nowNanos);
		long projected = (long) (asked * MonthlyProjection.MONTH.toSeconds());
		if (projected <= this.budget || (this.warnedAt > 0 && projected < this.warnedAt * WORSE)) {
			return;
		}
		this.warnedAt = projected;
		List<Map.Entry<String, KeyState>> top = new ArrayList<>(this.keys.entrySet());
		top.sort(Comparator.comparingDouble((Map.Entry<String, KeyState> entry) -> -entry.getValue().hour(nowNanos)));
		StringBuilder keys = new StringBuilder();
		for (int i = 0; i < Math.min(KEYS_SHOWN, top.size()); i++) {
			double perSecond = top.get(i).getValue().hour(nowNanos)
					/ Math.min(WARNING_SECONDS, Math.max(1, (nowNanos - top.get(i).getValue().firstSeen) / 1e9));
			keys.append((i > 0) ? ", " : "")
				.append('\'')
				.append(top.get(i).getKey())
				.append("' ")
				.append(String.format("%,d", (long) (perSecond * MonthlyProjection.MONTH.toSeconds())));
		}
		if (top.size() > KEYS_SHOWN) {
			keys.append(" and ").append(top.size() - KEYS_SHOWN).append(" other keys");
		}
		logger.warn("At its current pace this application would send {} events to Initial State in a month, more "
				+ "than its budget of {} (initialstate.budget.monthly-events). The keys that send the most, a month's "
				+ "worth: {}. Log them less often{}", String.format("%,d", projected),
				String.format("%,d", this.budget), keys,
				(this.policy == BudgetPolicy.WARN)
						? ", or set initialstate.budget.policy=coalesce to send only the latest value of each key "
								+ "per time slot while over the budget"
						: "; meanwhile only the latest value of each key per time slot is sent");
	}

	private KeyState keyState(String key, long nowNanos) {
		KeyState state = this.keys.get(key);
		if (state == null) {
			if (this.keys.size() >= MAX_KEYS) {
				evictIdle();
			}
			state = new KeyState(nowNanos);
			this.keys.put(key, state);
		}
		return state;
	}

	private void evictIdle() {
		for (Iterator<KeyState> iterator = this.keys.values().iterator(); iterator.hasNext()
				&& this.keys.size() >= MAX_KEYS;) {
			if (iterator.next().heldEvent == null) {
				iterator.remove();
			}
		}
	}

	/**
	 * Return the values held back now, waiting for their slot to end.
	 * @return the count
	 */
	int held() {
		return this.held;
	}

	/**
	 * Return when the next held value's slot ends.
	 * @param orElse the time returned when nothing is held
	 * @return the time
	 */
	long nextRelease(long orElse) {
		KeyState next = this.holding.peek();
		return (next != null && next.slotEnd - orElse < 0) ? next.slotEnd : orElse;
	}

	boolean isCoalescing() {
		return this.coalescing;
	}

	/**
	 * Return the seconds a rate is measured over: since a start, at least a moment (so
	 * two values in a burst measure as fast, not as slow), at most the measuring time.
	 */
	private static double measuredSeconds(long sinceNanos, long nowNanos) {
		return Math.min(RATE_SECONDS, Math.max(YOUNGEST_SECONDS, (nowNanos - sinceNanos) / 1e9));
	}

	private static double decay(double value, long elapsedNanos, double seconds) {
		return value * Math.exp(-(elapsedNanos / 1e9) / seconds);
	}

	/**
	 * What the guard knows of one key.
	 */
	private static final class KeyState {

		final long firstSeen;

		private double recent;

		private double hour;

		private long seenAt;

		@Nullable Event heldEvent;

		long slotEnd;

		KeyState(long nowNanos) {
			this.firstSeen = nowNanos;
			this.seenAt = nowNanos;
		}

		void seen(long nowNanos) {
			long elapsed = nowNanos - this.seenAt;
			this.recent = decay(this.recent, elapsed, RATE_SECONDS) + 1;
			this.hour = decay(this.hour, elapsed, WARNING_SECONDS) + 1;
			this.seenAt = nowNanos;
		}

		/**
		 * Return the key's rate, in events per second, over the last seconds.
		 */
		double rate(long nowNanos) {
			return decay(this.recent, nowNanos - this.seenAt, RATE_SECONDS) / measuredSeconds(this.firstSeen, nowNanos);
		}

		double hour(long nowNanos) {
			return decay(this.hour, nowNanos - this.seenAt, WARNING_SECONDS);
		}

	}

}
