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
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;

import io.isstreamer.streamer.spool.SpoolPosition;
import org.jspecify.annotations.Nullable;

/**
 * Tracks {@code flush()} calls. A flush covers the events logged before it: those in
 * memory when the sender has drained the queue past the call (by sequence number, bucket
 * by bucket), and those in the spool then (up to the last line of each bucket). Events it
 * covers that move to a new spool line (a failed first attempt, written ahead) extend
 * what it covers. It completes with {@code true} once all of them were delivered, or with
 * {@code false} as soon as events were given up or the service takes none for now.
 */
final class Flushes {

	private final ConcurrentLinkedQueue<Request> requests = new ConcurrentLinkedQueue<>();

	private final List<Active> active = new ArrayList<>();

	/**
	 * Ask for a flush; called from any thread.
	 * @param producerIndex the queue's producer index at the call: every event before it
	 * is covered
	 * @return the future the sender completes
	 */
	CompletableFuture<Boolean> request(long producerIndex) {
		CompletableFuture<Boolean> future = new CompletableFuture<>();
		this.requests.add(new Request(producerIndex, future));
		return future;
	}

	boolean hasRequests() {
		return !this.requests.isEmpty();
	}

	/**
	 * Whether a flush waits for events, so partial buffers should go now.
	 * @return whether any flush is in progress
	 */
	boolean inProgress() {
		return !this.active.isEmpty() || !this.requests.isEmpty();
	}

	/**
	 * Start tracking the requests whose events were all drained from the queue.
	 * @param consumerIndex how far the queue was drained
	 * @param pending the events in memory
	 * @param spooler the spool
	 * @param droppedNow events given up so far
	 */
	void activate(long consumerIndex, PendingEvents pending, Spooler spooler, long droppedNow) {
		Request request;
		while ((request = this.requests.peek()) != null && consumerIndex >= request.producerIndex()) {
			this.requests.poll();
			Map<String, Long> targets = new HashMap<>();
			for (PendingEvents.BucketState state : pending.buckets()) {
				targets.put(state.bucket.key(), state.drained);
			}
			this.active.add(new Active(request.future(), targets, new HashMap<>(spooler.lastLines()), droppedNow));
		}
	}

	/**
	 * Events of a batch were written to a new spool line.
	 * @param batch the batch, as it was before (its sequence numbers or its claim tell
	 * which flushes covered its events)
	 * @param position where the line starts
	 */
	void moved(Batch batch, SpoolPosition position) {
		Batch.ClaimPieces claim = batch.claim;
		moved(batch.bucket.key(), batch.firstSequence, (claim != null) ? claim.claim.lastLine() : null, position);
	}

	/**
	 * Events in memory were written to a new spool line.
	 * @param bucketKey their bucket
	 * @param firstSequence the sequence number of the first of them, or -1 if they came
	 * from the spool
	 * @param claimedLine the spool line they were claimed from, or {@code null}
	 * @param position where the new line starts
	 */
	void moved(String bucketKey, long firstSequence, @Nullable SpoolPosition claimedLine, SpoolPosition position) {
		for (Active flush : this.active) {
			Long target = flush.targets.get(bucketKey);
			SpoolPosition cover = flush.covers.get(bucketKey);
			boolean covered = (firstSequence >= 0) ? (target != null && target > firstSequence)
					: (claimedLine != null && cover != null && cover.compareTo(claimedLine) >= 0);
			if (covered) {
				flush.covers.put(bucketKey, position.max(cover));
			}
		}
	}

	/**
	 * Complete the flushes whose events are all resolved.
	 * @param progress what the sender can tell about delivery
	 */
	void completeResolved(Progress progress) {
		if (this.active.isEmpty()) {
			return;
		}
		boolean blocked = progress.blocked();
		long dropped = progress.dropped();
		for (Iterator<Active> iterator = this.active.iterator(); iterator.hasNext();) {
			Active flush = iterator.next();
			if (blocked || dropped > flush.droppedAtStart) {
				iterator.remove();
				flush.future.complete(false);
			}
			else if (isResolved(flush, progress)) {
				iterator.remove();
				flush.future.complete(true);
			}
		}
	}

	private boolean isResolved(Active flush, Progress progress) {
		for (Map.Entry<String, Long> target : flush.targets.entrySet()) {
			if (progress.lowestInMemory(target.getKey()) < target.getValue()) {
				return false;
			}
		}
		for (Map.Entry<String, SpoolPosition> cover : flush.covers.entrySet()) {
			if (!progress.isDeliveredThrough(cover.getKey(), cover.getValue())) {
				return false;
			}
		}
		return true;
	}

	/**
	 * Complete every flush, when the sender stops.
	 * @param delivered whether everything was delivered
	 */
	void completeAll(boolean delivered) {
		for (Active flush : this.active) {
			flush.future.complete(delivered);
		}
		this.active.clear();
		Request request;
		while ((request = this.requests.poll()) != null) {
			request.future().complete(delivered);
		}
	}

	private record Request(long producerIndex, CompletableFuture<Boolean> future) {

	}

	/**
	 * What the sender can tell about delivery.
	 */
	interface Progress {

		/**
		 * Return the sequence number of a bucket's oldest event still in memory.
		 * @param bucketKey the bucket
		 * @return the sequence number, or {@link Long#MAX_VALUE} if none
		 */
		long lowestInMemory(String bucketKey);

		/**
		 * Whether every spool line of a bucket up to a position was delivered.
		 * @param bucketKey the bucket
		 * @param position the position
		 * @return whether delivered
		 */
		boolean isDeliveredThrough(String bucketKey, SpoolPosition position);

		/**
		 * Return the events given up so far.
		 * @return the count
		 */
		long dropped();

		/**
		 * Whether the service takes no events for now, so waiting would be pointless.
		 * @return whether delivery is held up
		 */
		boolean blocked();

	}

	private static final class Active {

		final CompletableFuture<Boolean> future;

		final Map<String, Long> targets;

		final Map<String, SpoolPosition> covers;

		final long droppedAtStart;

		Active(CompletableFuture<Boolean> future, Map<String, Long> targets, Map<String, SpoolPosition> covers,
				long droppedAtStart) {
			this.future = future;
			this.targets = targets;
			this.covers = covers;
			this.droppedAtStart = droppedAtStart;
		}

	}

}
