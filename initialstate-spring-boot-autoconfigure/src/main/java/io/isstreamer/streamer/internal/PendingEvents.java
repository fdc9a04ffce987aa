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
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The sender's in-memory events, per bucket, in the order they were logged. Used by the
 * sender thread only.
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
		state.events.addLast(event);
		state.drained++;
		this.size++;
	}

	/**
	 * Return the state of a bucket, creating it if needed.
	 * @param bucket the bucket
	 * @return its state
	 */
	BucketState bucket(Bucket bucket) {
		return this.buckets.computeIfAbsent(bucket.key(), (key) -> new BucketState(bucket));
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
	 * Events taken out of the deques (sent, spooled or dropped).
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
	@Nullable BucketState oldest(java.util.function.Predicate<BucketState> filter) {
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

		long firstPendingNanos;

		boolean created;

		int createFailures;

		/**
		 * The service said this bucket key was deleted: its events go to the spool.
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

	}

}
