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

import java.util.List;

import io.isstreamer.streamer.DropReason;

/**
 * Decides what leaves memory for the spool, after each turn of sending: nothing waits in
 * memory longer than a flush interval unless it is in flight or safe on disk already, so
 * a crash loses at most that much; batches of deleted buckets, and batches while the
 * service takes none, go at once; and memory stays within its bound, the oldest events
 * going first (given up and counted, when there is no spool to take them). Used by the
 * sender thread only.
 */
final class SpoolRouter {

	private final StreamerConfig config;

	private final PendingEvents pending;

	private final Lanes lanes;

	private final Batcher batcher;

	private final Fates fates;

	private final Spooler spooler;

	private final ServiceState service;

	private final Flushes flushes;

	private final Ledger ledger;

	private final long flushIntervalNanos;

	private final long memoryBudget;

	SpoolRouter(StreamerConfig config, PendingEvents pending, Lanes lanes, Batcher batcher, Fates fates,
			Spooler spooler, ServiceState service, Flushes flushes, Ledger ledger, long memoryBudget) {
		this.config = config;
		this.pending = pending;
		this.lanes = lanes;
		this.batcher = batcher;
		this.fates = fates;
		this.spooler = spooler;
		this.service = service;
		this.flushes = flushes;
		this.ledger = ledger;
		this.flushIntervalNanos = config.flushInterval().toNanos();
		this.memoryBudget = memoryBudget;
	}

	/**
	 * Move to the spool what must not wait in memory now.
	 * @param nowNanos the time
	 */
	void route(long nowNanos) {
		if (this.spooler.isAvailable()) {
			boolean blocked = this.service.isBlocked();
			List<Batch> leaving = this.lanes.takeAll((batch) -> blocked || isRemoved(batch.bucket.key())
					|| (!batch.isClaimed() && nowNanos - batch.bornNanos >= this.flushIntervalNanos));
			for (Batch batch : leaving) {
				this.fates.toSpool(batch, lineBytes());
			}
			for (PendingEvents.BucketState state : List.copyOf(this.pending.buckets())) {
				while (!state.events.isEmpty()
						&& (state.removed || nowNanos - state.firstPendingNanos >= this.flushIntervalNanos)) {
					if (!this.batcher.spoolHead(state, this.config.maxBatchEvents(), lineBytes(), this.flushes)) {
						break;
					}
				}
			}
		}
		boundMemory();
	}

	/**
	 * Make room in memory for events waiting in the queue, so that memory and queue
	 * together never hold more than their bound: the oldest events go to the spool, or
	 * are given up (counted) without one.
	 * @param wanted events waiting in the queue
	 * @return how many may be drained
	 */
	int makeRoom(int wanted) {
		long room = this.memoryBudget - this.pending.size() - this.ledger.liveEvents();
		if (room < wanted) {
			shrinkTo(this.memoryBudget - wanted);
			room = this.memoryBudget - this.pending.size() - this.ledger.liveEvents();
		}
		return (int) Math.max(0, Math.min(wanted, room));
	}

	/**
	 * Move everything in memory that is not in flight to the spool (or give it up,
	 * counted, without one): the streamer stops.
	 */
	void spoolEverything() {
		for (Batch batch : this.lanes.takeAll((batch) -> true)) {
			this.fates.toSpool(batch, lineBytes());
		}
		for (PendingEvents.BucketState state : List.copyOf(this.pending.buckets())) {
			while (!state.events.isEmpty() && this.spooler.isAvailable()
					&& this.batcher.spoolHead(state, this.config.maxBatchEvents(), lineBytes(), this.flushes)) {
				// the next line's worth
			}
		}
		// what the spool could not take
		for (Batch batch : this.lanes.takeAll((batch) -> true)) {
			this.fates.dropped(batch, DropReason.SPOOL_UNAVAILABLE);
		}
		for (PendingEvents.BucketState state : List.copyOf(this.pending.buckets())) {
			if (!state.events.isEmpty()) {
				this.batcher.dropHead(state, state.events.size());
			}
		}
	}

	/**
	 * Keep memory within its bound: past it, the oldest events go to the spool, or are
	 * given up when there is no spool to take them.
	 */
	private void boundMemory() {
		shrinkTo(this.memoryBudget);
	}

	/**
	 * Move the oldest events out of memory until it holds at most a number of them.
	 */
	private void shrinkTo(long most) {
		long excess = this.pending.size() + this.ledger.liveEvents() - most;
		while (excess > 0) {
			PendingEvents.BucketState oldest = this.pending.oldest((state) -> true);
			Batch unclaimed = this.lanes.oldestUnclaimed();
			long before = this.pending.size() + this.ledger.liveEvents();
			if (oldest != null && this.spooler.isAvailable()) {
				if (!this.batcher.spoolHead(oldest, this.config.maxBatchEvents(), lineBytes(), this.flushes)) {
					this.batcher.dropHead(oldest, excess);
				}
			}
			else if (unclaimed != null) {
				this.lanes.takeAll((batch) -> batch == unclaimed);
				this.fates.dropped(unclaimed, DropReason.SPOOL_UNAVAILABLE);
			}
			else if (oldest != null) {
				this.batcher.dropHead(oldest, excess);
			}
			else {
				// the rest is in flight or safe in the spool
				List<Batch> claims = this.lanes.takeAll(Batch::isClaimed);
				claims.forEach((batch) -> this.fates.toSpool(batch, lineBytes()));
				return;
			}
			long after = this.pending.size() + this.ledger.liveEvents();
			if (after >= before) {
				return;
			}
			excess = after - most;
		}
	}

	private boolean isRemoved(String bucketKey) {
		PendingEvents.BucketState state = this.pending.find(bucketKey);
		return state != null && state.removed;
	}

	private int lineBytes() {
		return this.spooler.maxLineBytes(this.service.maxBatchBytes());
	}

}
