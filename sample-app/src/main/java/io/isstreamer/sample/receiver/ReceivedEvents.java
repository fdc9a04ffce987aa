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

package io.isstreamer.sample.receiver;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The events the local receiver took, in memory and bounded: at most a number of buckets
 * (the one written to least recently goes first), of keys per bucket (events of further
 * keys are counted and discarded) and of points per key (the oldest go first). Every
 * point carries a sequence number in the order it arrived, so a reader can ask for what
 * is new since its last look.
 */
public final class ReceivedEvents {

	/**
	 * Default number of buckets kept.
	 */
	public static final int DEFAULT_MAX_BUCKETS = 20;

	/**
	 * Default number of keys kept per bucket.
	 */
	public static final int DEFAULT_MAX_KEYS_PER_BUCKET = 200;

	/**
	 * Default number of points kept per key.
	 */
	public static final int DEFAULT_MAX_POINTS_PER_KEY = 1000;

	private final int maxBuckets;

	private final int maxKeysPerBucket;

	private final int maxPointsPerKey;

	// in access order: the least recently written bucket is the eldest
	private final LinkedHashMap<String, StoredBucket> buckets = new LinkedHashMap<>(16, 0.75f, true);

	private long sequence;

	private long discarded;

	/**
	 * Create a store with the default bounds.
	 */
	public ReceivedEvents() {
		this(DEFAULT_MAX_BUCKETS, DEFAULT_MAX_KEYS_PER_BUCKET, DEFAULT_MAX_POINTS_PER_KEY);
	}

	/**
	 * Create a store.
	 * @param maxBuckets buckets kept
	 * @param maxKeysPerBucket keys kept per bucket
	 * @param maxPointsPerKey points kept per key
	 */
	public ReceivedEvents(int maxBuckets, int maxKeysPerBucket, int maxPointsPerKey) {
		this.maxBuckets = maxBuckets;
		this.maxKeysPerBucket = maxKeysPerBucket;
		this.maxPointsPerKey = maxPointsPerKey;
	}

	/**
	 * Create a bucket unless it exists.
	 * @param key the bucket key
	 * @param name the bucket name
	 * @return whether the bucket was created
	 */
	synchronized boolean createBucket(String key, String name) {
		if (this.buckets.containsKey(key)) {
			return false;
		}
		bucket(key, name);
		return true;
	}

	/**
	 * Keep events sent to a bucket, creating the bucket if needed.
	 * @param bucketKey the bucket key
	 * @param events the events, in the order they were sent
	 */
	synchronized void add(String bucketKey, List<ReceivedEvent> events) {
		StoredBucket bucket = bucket(bucketKey, bucketKey);
		for (ReceivedEvent event : events) {
			ArrayDeque<Point> points = bucket.streams.get(event.key());
			if (points == null) {
				if (bucket.streams.size() >= this.maxKeysPerBucket) {
					this.discarded++;
					continue;
				}
				points = new ArrayDeque<>();
				bucket.streams.put(event.key(), points);
			}
			if (points.size() >= this.maxPointsPerKey) {
				points.pollFirst();
			}
			points.addLast(new Point(++this.sequence, event.epoch(), event.value()));
			bucket.events++;
		}
	}

	/**
	 * Return the buckets, the most recently written first.
	 * @return a summary of each bucket
	 */
	public synchronized List<BucketSummary> buckets() {
		List<BucketSummary> summaries = new ArrayList<>();
		this.buckets.forEach((key, bucket) -> summaries
			.add(new BucketSummary(key, bucket.name, bucket.streams.size(), bucket.events)));
		Collections.reverse(summaries);
		return summaries;
	}

	/**
	 * Return the points of a bucket that arrived after a sequence number.
	 * @param bucketKey the bucket key
	 * @param after the sequence number of the last point already seen, {@code 0} for all
	 * @return the new points of each key that has some, and the latest sequence number
	 */
	public synchronized Update read(String bucketKey, long after) {
		StoredBucket bucket = this.buckets.get(bucketKey);
		if (bucket == null) {
			return new Update(this.sequence, Map.of());
		}
		Map<String, List<Point>> streams = new LinkedHashMap<>();
		bucket.streams.forEach((key, points) -> {
			List<Point> fresh = new ArrayList<>();
			for (Iterator<Point> newestFirst = points.descendingIterator(); newestFirst.hasNext();) {
				Point point = newestFirst.next();
				if (point.sequence() <= after) {
					break;
				}
				fresh.add(point);
			}
			if (!fresh.isEmpty()) {
				Collections.reverse(fresh);
				streams.put(key, fresh);
			}
		});
		return new Update(this.sequence, streams);
	}

	/**
	 * Return the events of keys past the per-bucket limit, which were not kept.
	 * @return the number of discarded events
	 */
	public synchronized long discarded() {
		return this.discarded;
	}

	private StoredBucket bucket(String key, String name) {
		StoredBucket bucket = this.buckets.get(key);
		if (bucket == null) {
			if (this.buckets.size() >= this.maxBuckets) {
				Iterator<StoredBucket> eldest = this.buckets.values().iterator();
				eldest.next();
				eldest.remove();
			}
			bucket = new StoredBucket(name);
			this.buckets.put(key, bucket);
		}
		return bucket;
	}

	/**
	 * A value received, with its place in the order of arrival.
	 *
	 * @param sequence the order of arrival, from 1
	 * @param epoch the event time, in seconds since 1970
	 * @param value the value: a {@link String}, {@link Boolean} or {@link Double}
	 */
	public record Point(long sequence, double epoch, Object value) {

	}

	/**
	 * A bucket at a glance.
	 *
	 * @param key the bucket key
	 * @param name the bucket name
	 * @param streams the number of keys
	 * @param events the number of events received
	 */
	public record BucketSummary(String key, String name, int streams, long events) {

	}

	/**
	 * What arrived in a bucket since a reader's last look.
	 *
	 * @param sequence the latest sequence number, to ask from next time
	 * @param streams the new points by key, in order of arrival
	 */
	public record Update(long sequence, Map<String, List<Point>> streams) {

		/**
		 * Return the values of a key in this update.
		 * @param key the key
		 * @return the values, in order of arrival
		 */
		public List<Object> values(String key) {
			List<Point> points = this.streams.get(key);
			return (points != null) ? points.stream().map(Point::value).toList() : List.of();
		}

	}

	private static final class StoredBucket {

		private final String name;

		private final Map<String, ArrayDeque<Point>> streams = new LinkedHashMap<>();

		private long events;

		StoredBucket(String name) {
			this.name = name;
		}

	}

}
