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
import java.util.function.ToLongFunction;

/**
 * Tracks {@code flush()} calls: each covers the events logged before it, bucket by bucket
 * (by sequence number), and the spool's backlog at that moment. It completes with
 * {@code true} once all of them were delivered, or with {@code false} as soon as one was
 * spooled or dropped instead, or the service refuses events for now.
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
	 * Whether a flush is waiting for events, so partial buffers should go now.
	 * @return whether any flush is in progress
	 */
	boolean inProgress() {
		return !this.active.isEmpty() || !this.requests.isEmpty();
	}

	/**
	 * Start tracking the requests whose events were all drained from the queue.
	 * @param consumerIndex how far the queue was drained
	 * @param pending the pending events
	 */
	void activate(long consumerIndex, PendingEvents pending, Progress progress) {
		Request request;
		while ((request = this.requests.peek()) != null && consumerIndex >= request.producerIndex()) {
			this.requests.poll();
			Map<String, Long> targets = new HashMap<>();
			for (PendingEvents.BucketState state : pending.buckets()) {
				targets.put(state.bucket.key(), state.drained);
			}
			this.active.add(new Active(request.future(), targets, progress.replayed() + progress.spoolBacklog(),
					progress.dropped()));
		}
	}

	/**
	 * Events of a bucket, from a sequence number on, were spooled or dropped.
	 * @param bucketKey the bucket
	 * @param firstSequence the first of them
	 */
	void notDelivered(String bucketKey, long firstSequence) {
		for (Active flush : this.active) {
			Long target = flush.targets.get(bucketKey);
			if (target != null && target > firstSequence) {
				flush.failed = true;
			}
		}
	}

	/**
	 * Complete the flushes whose events are all resolved.
	 * @param lowestUnresolved the sequence number of a bucket's oldest event not yet
	 * delivered, spooled or dropped
	 */
	void completeResolved(ToLongFunction<String> lowestUnresolved, Progress progress) {
		for (Iterator<Active> iterator = this.active.iterator(); iterator.hasNext();) {
			Active flush = iterator.next();
			if (progress.blocked() || progress.dropped() > flush.droppedAtStart) {
				flush.failed = true;
			}
			boolean resolved = flush.failed || progress.spoolBacklog() == 0
					|| progress.replayed() >= flush.replayedTarget;
			for (Map.Entry<String, Long> target : flush.targets.entrySet()) {
				if (lowestUnresolved.applyAsLong(target.getKey()) < target.getValue()) {
					resolved = false;
					break;
				}
			}
			if (resolved) {
				iterator.remove();
				flush.future.complete(!flush.failed);
			}
		}
	}

	/**
	 * Complete every flush, when the sender stops.
	 * @param delivered whether everything was delivered
	 */
	void completeAll(boolean delivered) {
		for (Active flush : this.active) {
			flush.future.complete(delivered && !flush.failed);
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
	 * What the sender can tell about delivery as a whole.
	 */
	interface Progress {

		long replayed();

		long spoolBacklog();

		long dropped();

		/**
		 * Whether the service refuses events for now (unreachable, key rejected, quota
		 * used up), so waiting would be pointless.
		 * @return whether delivery is blocked
		 */
		boolean blocked();

	}

	private static final class Active {

		final CompletableFuture<Boolean> future;

		final Map<String, Long> targets;

		/**
		 * The spool's backlog at the call is delivered once the replayed count reaches
		 * this.
		 */
		final long replayedTarget;

		final long droppedAtStart;

		boolean failed;

		Active(CompletableFuture<Boolean> future, Map<String, Long> targets, long replayedTarget, long droppedAtStart) {
			this.future = future;
			this.targets = targets;
			this.replayedTarget = replayedTarget;
			this.droppedAtStart = droppedAtStart;
		}

	}

}
