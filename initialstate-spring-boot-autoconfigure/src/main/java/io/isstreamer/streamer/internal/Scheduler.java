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

import java.util.function.Predicate;

import io.isstreamer.streamer.spool.SpooledBatch;
import io.isstreamer.streamer.transport.TransportRequest;
import org.jspecify.annotations.Nullable;

/**
 * Chooses what the next request carries: a bucket creation the waiting events need; a
 * batch to send again; a piece of a refused batch (at most a third of the requests while
 * other work waits); then, taking turns, the oldest spool lines and the oldest ready
 * events in memory. The service orders points by their timestamps, so the interleaving
 * does not change what dashboards show. While the service takes no events, only one probe
 * is out at a time. Used by the sender thread only.
 */
final class Scheduler {

	/**
	 * Requests remembered for the bisect budget.
	 */
	private static final double BUDGET_DECAY = 0.95;

	private final StreamerConfig config;

	private final PendingEvents pending;

	private final Lanes lanes;

	private final Batcher batcher;

	private final Fates fates;

	private final Spooler spooler;

	private final ServiceState service;

	private final long flushIntervalNanos;

	private boolean replayTurn;

	private double sent;

	private double bisected;

	Scheduler(StreamerConfig config, PendingEvents pending, Lanes lanes, Batcher batcher, Fates fates, Spooler spooler,
			ServiceState service) {
		this.config = config;
		this.pending = pending;
		this.lanes = lanes;
		this.batcher = batcher;
		this.fates = fates;
		this.spooler = spooler;
		this.service = service;
		this.flushIntervalNanos = config.flushInterval().toNanos();
	}

	/**
	 * Choose the next request.
	 * @param nowNanos the time
	 * @param hurry whether partial buffers go now (a flush waits, or the streamer closes)
	 * @param replay whether spool lines may be replayed
	 * @return what to send, or {@code null} if nothing may go now
	 */
	@Nullable Work next(long nowNanos, boolean hurry, boolean replay) {
		PendingEvents.BucketState creation = bucketToCreate(nowNanos, hurry);
		if (creation != null) {
			return creation(creation);
		}
		Batch batch = this.lanes.takeResend(this::sendable);
		if (batch == null && mayBisect(nowNanos, hurry, replay)) {
			batch = this.lanes.takePiece(this::sendable);
			if (batch != null) {
				this.bisected++;
			}
		}
		if (batch == null) {
			batch = liveOrReplay(nowNanos, hurry, replay);
		}
		if (batch == null) {
			return null;
		}
		PendingEvents.BucketState state = this.pending.bucket(batch.bucket);
		if (!state.created) {
			// a replayed line of a bucket not created in this run: create it first
			this.lanes.resendFirst(batch);
			return state.creating ? null : creation(state);
		}
		this.sent = this.sent * BUDGET_DECAY + 1;
		this.bisected *= BUDGET_DECAY;
		return new Work(state, batch,
				new TransportRequest(TransportRequest.Kind.SEND_EVENTS, batch.bucket.key(), batch.body));
	}

	private Work creation(PendingEvents.BucketState state) {
		state.creating = true;
		return new Work(state, null, new TransportRequest(TransportRequest.Kind.CREATE_BUCKET, state.bucket.key(),
				this.batcher.bucketBody(state.bucket)));
	}

	private PendingEvents.@Nullable BucketState bucketToCreate(long nowNanos, boolean hurry) {
		for (PendingEvents.BucketState state : this.pending.buckets()) {
			if (!state.created && !state.creating && !state.removed
					&& (isReady(state, nowNanos, hurry) || this.lanes.hasResend(ofBucket(state)))) {
				return state;
			}
		}
		return null;
	}

	private boolean mayBisect(long nowNanos, boolean hurry, boolean replay) {
		if (!this.lanes.hasPieces(this::sendable)) {
			return false;
		}
		boolean othersWait = this.pending.oldest((state) -> isSendable(state, nowNanos, hurry)) != null
				|| (replay && this.spooler.backlogEvents() > 0);
		// at most a third of the requests while other work waits
		return !othersWait || (this.bisected + 1) * 3 <= this.sent + 1;
	}

	private @Nullable Batch liveOrReplay(long nowNanos, boolean hurry, boolean replay) {
		PendingEvents.BucketState live = this.pending.oldest((state) -> isSendable(state, nowNanos, hurry));
		boolean replayNow = replay && this.spooler.backlogEvents() > 0 && (live == null || this.replayTurn);
		if (replayNow) {
			SpooledBatch claim = this.spooler.claim(this::mayReplay, this.service.maxBatchBytes());
			if (claim != null) {
				this.replayTurn = false;
				return this.fates.claimed(claim, nowNanos);
			}
		}
		this.replayTurn = true;
		return (live != null) ? this.batcher.take(live, this.config.maxBatchEvents(), this.service.maxBatchBytes())
				: null;
	}

	/**
	 * Whether the spool holds lines that could be replayed now.
	 * @return whether a claim would find lines
	 */
	boolean replayWaits() {
		return this.spooler.backlogEvents() > 0 && this.spooler.hasClaimable(this::mayReplay);
	}

	private boolean mayReplay(String bucketKey) {
		PendingEvents.BucketState state = this.pending.find(bucketKey);
		return state == null || (!state.removed && !state.creating);
	}

	private boolean sendable(Batch batch) {
		PendingEvents.BucketState state = this.pending.find(batch.bucket.key());
		return state == null || !state.removed;
	}

	private static Predicate<Batch> ofBucket(PendingEvents.BucketState state) {
		return (batch) -> batch.bucket.key().equals(state.bucket.key());
	}

	/**
	 * Whether a bucket's events should go now: a buffer's worth, or they waited a flush
	 * interval, or someone waits for them.
	 * @param state the bucket
	 * @param nowNanos the time
	 * @param hurry whether partial buffers go now
	 * @return whether ready
	 */
	boolean isReady(PendingEvents.BucketState state, long nowNanos, boolean hurry) {
		return !state.events.isEmpty() && (hurry || state.events.size() >= this.config.bufferSize()
				|| nowNanos - state.firstPendingNanos >= this.flushIntervalNanos);
	}

	private boolean isSendable(PendingEvents.BucketState state, long nowNanos, boolean hurry) {
		return state.created && !state.removed && isReady(state, nowNanos, hurry);
	}

	/**
	 * A request to make.
	 *
	 * @param bucket the bucket it concerns
	 * @param batch the events, or {@code null} for a bucket creation
	 * @param request the request
	 */
	record Work(PendingEvents.BucketState bucket, @Nullable Batch batch, TransportRequest request) {

	}

}
