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

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;

/**
 * The events drained from the queue and not in a batch yet, per bucket, in the order they
 * were logged; and what the sender knows of each bucket. Used by the sender thread only.
 */
final class PendingEvents {

	private final Map<String, BucketState> buckets = new LinkedHashMap<>();

	private @Nullable BucketState last;

	private long size;

	/**
	 * Add an event drained from the queue.
	 * @param event the event
	 * @param nowNanos the time
	 */
	void add(Event event, long nowNanos) {
		BucketState state = this.last;
		if (state == null || state.bucket != event.bucket) {
			state = bucket(event.bucket);
			this.last = state;
		}
		if (state.events.isEmpty()) {
			state.firstPendingNanos = nowNanos;
		}
		state.mark(nowNanos);
		state.events.addLast(event);
		state.drained++;
		state.lastActiveNanos = nowNanos;
		this.size++;
	}

	/**
	 * Return the state of a bucket, creating it if needed.
	 * @param bucket the bucket
	 * @return its state
	 */
	BucketState bucket(Bucket bucket) {
		BucketState state = this.buckets.get(bucket.key());
		if (state == null) {
			state = new BucketState(bucket);
			this.buckets.put(bucket.key(), state);
		}
		return state;
	}

	/**
	 * Return the state of a bucket if it is known.
	 * @param key the bucket key
	 * @return its state, or {@code null}
	 */
	@Nullable BucketState find(String key) {
		return this.buckets.get(key);
	}

	Collection<BucketState> buckets() {
		return this.buckets.values();
	}

	/**
	 * Events taken out of the deques (batched, spooled or dropped).
	 * @param count how many
	 */
	void taken(int count) {
		this.size -= count;
	}

	/**
	 * Return the number of events in the deques.
	 * @return the size
	 */
	long size() {
		return this.size;
	}

	/**
	 * Return the bucket whose oldest pending event waits longest, among those the filter
	 * accepts.
	 * @param filter which buckets to consider
	 * @return the bucket, or {@code null}
	 */
	@Nullable BucketState oldest(Predicate<BucketState> filter) {
		BucketState oldest = null;
		for (BucketState state : this.buckets.values()) {
			if (!state.events.isEmpty() && filter.test(state)
					&& (oldest == null || state.firstPendingNanos - oldest.firstPendingNanos < 0)) {
				oldest = state;
			}
		}
		return oldest;
	}

	/**
	 * Return the largest number of pending events of one bucket.
	 * @return the count
	 */
	int largestBucket() {
		int largest = 0;
		for (BucketState state : this.buckets.values()) {
			largest = Math.max(largest, state.events.size());
		}
		return largest;
	}

	/**
	 * Forget buckets that have had nothing to do for a while, so that a new bucket per
	 * job does not add up: one that comes back is created again, which the service
	 * allows.
	 * @param nowNanos the time
	 * @param idleNanos how long a bucket must have been idle
	 */
	void releaseIdle(long nowNanos, long idleNanos) {
		for (Iterator<BucketState> iterator = this.buckets.values().iterator(); iterator.hasNext();) {
			BucketState state = iterator.next();
			if (state.events.isEmpty() && state.batchesOut == 0 && !state.creating
					&& nowNanos - state.lastActiveNanos > idleNanos) {
				iterator.remove();
				if (this.last == state) {
					this.last = null;
				}
			}
		}
	}

	/**
	 * What the sender knows of one bucket.
	 */
	static final class BucketState {

		final Bucket bucket;

		final ArrayDeque<Event> events = new ArrayDeque<>();

		/**
		 * Events of this bucket drained from the queue so far: the sequence number of the
		 * next one.
		 */
		long drained;

		/**
		 * When the oldest event in the deque was drained.
		 */
		long firstPendingNanos;

		long lastActiveNanos;

		/**
		 * When events were drained, as (sequence number, time) pairs, one per drain: the
		 * age of the head is known after part of the deque was taken.
		 */
		private final ArrayDeque<long[]> marks = new ArrayDeque<>();

		/**
		 * Batches of this bucket in memory (in flight or waiting to be sent again).
		 */
		int batchesOut;

		boolean created;

		/**
		 * A bucket creation is in flight.
		 */
		boolean creating;

		/**
		 * The service said this bucket key was deleted, or refused to create it: its
		 * events go to the spool.
		 */
		boolean removed;

		BucketState(Bucket bucket) {
			this.bucket = bucket;
		}

		/**
		 * Return the sequence number of the oldest event still in the deque.
		 * @return the sequence number
		 */
		long headSequence() {
			return this.drained - this.events.size();
		}

		private void mark(long nowNanos) {
			long[] last = this.marks.peekLast();
			if (last == null || last[1] != nowNanos) {
				this.marks.addLast(new long[] { this.drained, nowNanos });
			}
		}

		/**
		 * Events were taken from the head of the deque: the head's age is that of the
		 * drain it came with.
		 */
		void headTaken() {
			if (this.events.isEmpty()) {
				this.marks.clear();
				return;
			}
			long head = headSequence();
			while (this.marks.size() > 1) {
				long[] first = this.marks.pollFirst();
				long[] second = this.marks.peekFirst();
				if (second[0] > head) {
					this.marks.addFirst(first);
					break;
				}
			}
			long[] mark = this.marks.peekFirst();
			if (mark != null) {
				this.firstPendingNanos = mark[1];
			}
		}

	}

}
