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

import java.util.Arrays;

import io.isstreamer.streamer.DropReason;
import io.isstreamer.streamer.Streamer;
import io.isstreamer.streamer.spool.SpoolPosition;
import io.isstreamer.streamer.support.RateLimitedLog;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes events from the head of a bucket's pending events: into a batch to send, straight
 * into a spool line, or into nothing (given up, counted). Events the encoder cannot write
 * are counted as {@link DropReason#UNENCODABLE} on the way. Used by the sender thread
 * only.
 */
final class Batcher {

	private static final Logger logger = LoggerFactory.getLogger(Streamer.class);

	private final BatchEncoder encoder = new BatchEncoder();

	private final PendingEvents pending;

	private final Ledger ledger;

	private final Fates fates;

	private final Spooler spooler;

	private final RateLimitedLog warnings;

	Batcher(PendingEvents pending, Ledger ledger, Fates fates, Spooler spooler, RateLimitedLog warnings) {
		this.pending = pending;
		this.ledger = ledger;
		this.fates = fates;
		this.spooler = spooler;
		this.warnings = warnings;
	}

	/**
	 * Make a batch of the events at the head of a bucket.
	 * @param state the bucket
	 * @param maxEvents the most events
	 * @param maxBytes the largest body
	 * @return the batch, or {@code null} if no event was left
	 */
	@Nullable Batch take(PendingEvents.BucketState state, int maxEvents, int maxBytes) {
		long born = state.firstPendingNanos;
		int count = encodeHead(state, maxEvents, maxBytes);
		if (count == 0) {
			return null;
		}
		Batch batch = Batch.live(state.bucket, Arrays.copyOf(this.encoder.body(), this.encoder.size()), count,
				state.headSequence() - count, born);
		this.pending.taken(count);
		this.fates.opened(batch);
		state.headTaken();
		return batch;
	}

	/**
	 * Write events at the head of a bucket straight from the encoder's buffer to the
	 * spool, with no copy: the way out of memory for events that cannot be sent now.
	 * @param state the bucket
	 * @param maxEvents the most events
	 * @param maxLineBytes the longest line
	 * @param flushes told where the events went
	 * @return whether events were written (if not, they are still pending)
	 */
	boolean spoolHead(PendingEvents.BucketState state, int maxEvents, int maxLineBytes, Flushes flushes) {
		int count = encodeHead(state, maxEvents, maxLineBytes);
		if (count == 0) {
			return false;
		}
		long first = state.headSequence() - count;
		SpoolPosition position = this.spooler.append(state.bucket, this.encoder.body(), this.encoder.size(), count);
		if (position == null) {
			// keep them, as a batch, for a later try or to be sent
			Batch batch = Batch.live(state.bucket, Arrays.copyOf(this.encoder.body(), this.encoder.size()), count,
					first, state.firstPendingNanos);
			this.pending.taken(count);
			this.fates.opened(batch);
			state.headTaken();
			this.fates.toSpool(batch, maxLineBytes);
			return false;
		}
		flushes.moved(state.bucket.key(), first, null, position);
		this.pending.taken(count);
		this.fates.spooledWithoutBatch(count);
		state.headTaken();
		return true;
	}

	/**
	 * Give up events at the head of a bucket, when memory is full and no spool takes
	 * them.
	 * @param state the bucket
	 * @param events how many at most
	 */
	void dropHead(PendingEvents.BucketState state, long events) {
		int count = (int) Math.min(events, state.events.size());
		for (int i = 0; i < count; i++) {
			state.events.pollFirst();
		}
		this.pending.taken(count);
		this.ledger.dropped(count, DropReason.SPOOL_UNAVAILABLE);
		state.headTaken();
		this.warnings.warn("Gave up {} events of bucket {}: {}", count, state.bucket.key(),
				DropReason.SPOOL_UNAVAILABLE.description());
	}

	/**
	 * Encode events from the head of a bucket into the encoder's buffer, taking them out
	 * of the deque, and count any the encoder could not write.
	 * @return the number of events in the buffer
	 */
	private int encodeHead(PendingEvents.BucketState state, int maxEvents, int maxBytes) {
		int count = this.encoder.encode(state.events, maxEvents, maxBytes);
		int lost = this.encoder.unencodable();
		if (lost > 0) {
			this.pending.taken(lost);
			this.ledger.dropped(lost, DropReason.UNENCODABLE);
			logger.error("Gave up {} events of bucket {}: {}; please report this as a bug", lost, state.bucket.key(),
					DropReason.UNENCODABLE.description());
		}
		return count;
	}

	/**
	 * Estimate how many events fill a body.
	 * @param maxEvents the most events in a body
	 * @param maxBytes the largest body
	 * @return the estimate
	 */
	int eventsPerBody(int maxEvents, int maxBytes) {
		return this.encoder.eventsPerBody(maxEvents, maxBytes);
	}

	/**
	 * Write the body of a bucket creation.
	 * @param bucket the bucket
	 * @return the body
	 */
	byte[] bucketBody(Bucket bucket) {
		return this.encoder.bucketBody(bucket);
	}

}
