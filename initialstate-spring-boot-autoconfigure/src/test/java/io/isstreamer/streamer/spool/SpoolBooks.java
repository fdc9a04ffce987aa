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

package io.isstreamer.streamer.spool;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

import io.isstreamer.streamer.DropReason;
import org.jspecify.annotations.Nullable;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The books of a spool, kept from outside: a listener that counts what the spool reports
 * and a caller that counts what it put in and took out, checking after every operation
 * that they balance with what the spool says it holds:
 * {@code recovered + appended - dropped - acknowledged - returned == backlog + claimed}
 * for the current run, where "returned" are the events of claims that could not be
 * released because their file was removed meanwhile (the caller holds the only copy).
 */
final class SpoolBooks implements SpoolListener {

	private final List<Drop> drops = new ArrayList<>();

	private final List<Drop> allDrops = new ArrayList<>();

	private final Set<SpooledBatch> settled = Collections.newSetFromMap(new IdentityHashMap<>());

	private @Nullable Spool spool;

	private boolean opening;

	private int recoveredCalls;

	private long recovered;

	private long dropped;

	private long appended;

	private long acknowledged;

	private long returned;

	/**
	 * Open a spool and start the books of a new run.
	 * @param directory the spool directory
	 * @param maxBytes the size bound
	 * @param segmentBytes the segment size
	 * @param files the file operations
	 * @return the spool
	 * @throws IOException if it cannot be opened
	 */
	Spool open(Path directory, long maxBytes, long segmentBytes, SpoolFileOperations files) throws IOException {
		if (this.spool != null) {
			this.spool.close();
		}
		this.recoveredCalls = 0;
		this.recovered = 0;
		this.dropped = 0;
		this.appended = 0;
		this.acknowledged = 0;
		this.returned = 0;
		this.drops.clear();
		this.opening = true;
		try {
			this.spool = Spool.open(directory, maxBytes, this, segmentBytes, files);
		}
		finally {
			this.opening = false;
		}
		assertThat(this.recoveredCalls).as("recovered() calls at open").isOne();
		assertThat(this.spool.recoveredEvents()).as("readable events recovered").isLessThanOrEqualTo(this.recovered);
		assertBalanced("open");
		return this.spool;
	}

	@Override
	public void recovered(long events) {
		assertThat(this.opening).as("recovered() outside open").isTrue();
		assertThat(this.drops).as("drops reported before recovered()").isEmpty();
		assertThat(events).isNotNegative();
		this.recoveredCalls++;
		this.recovered += events;
	}

	@Override
	public void dropped(String bucketKey, long events, DropReason reason) {
		assertThat(events).as("dropped events").isPositive();
		assertThat(reason).isIn(DropReason.SPOOL_FULL, DropReason.SPOOL_CORRUPT);
		if (this.opening) {
			assertThat(this.recoveredCalls).as("recovered() before drops at open").isOne();
		}
		this.drops.add(new Drop(bucketKey, events, reason));
		this.allDrops.add(new Drop(bucketKey, events, reason));
		this.dropped += events;
	}

	@Nullable SpoolPosition append(String bucketKey, byte[] body, int events) {
		SpoolPosition position = spool().append(bucketKey, "Bucket " + bucketKey, body, events);
		if (position != null) {
			this.appended += events;
		}
		assertBalanced("append");
		return position;
	}

	@Nullable SpooledBatch appendClaimed(String bucketKey, byte[] body, int events) {
		SpooledBatch claim = spool().appendClaimed(bucketKey, "Bucket " + bucketKey, body, events);
		if (claim != null) {
			this.appended += events;
		}
		assertBalanced("appendClaimed");
		return claim;
	}

	@Nullable SpooledBatch claim(Predicate<String> bucketKeyFilter, int maxBytes) {
		SpooledBatch claim = spool().claim(bucketKeyFilter, maxBytes);
		assertBalanced("claim");
		return claim;
	}

	void acknowledge(SpooledBatch claim) {
		spool().acknowledge(claim);
		if (this.settled.add(claim)) {
			this.acknowledged += claim.eventCount();
		}
		assertBalanced("acknowledge");
	}

	boolean release(SpooledBatch claim) {
		boolean released = spool().release(claim);
		if (this.settled.add(claim) && !released) {
			this.returned += claim.eventCount();
		}
		assertBalanced("release");
		return released;
	}

	/**
	 * Check the identity of the books.
	 * @param after the operation just done, for the failure message
	 */
	void assertBalanced(String after) {
		Spool spool = spool();
		long backlog = spool.backlogEvents();
		long claimed = spool.claimedEvents();
		assertThat(backlog).as("backlog after %s", after).isNotNegative();
		assertThat(claimed).as("claimed events after %s", after).isNotNegative();
		assertThat(this.recovered + this.appended - this.dropped - this.acknowledged - this.returned)
			.as("after %s: recovered %d + appended %d - dropped %d - acknowledged %d - returned %d "
					+ "must be backlog %d + claimed %d", after, this.recovered, this.appended, this.dropped,
					this.acknowledged, this.returned, backlog, claimed)
			.isEqualTo(backlog + claimed);
	}

	Spool spool() {
		assertThat(this.spool).as("open spool").isNotNull();
		return this.spool;
	}

	/**
	 * Return the drops reported in this run.
	 * @return the drops
	 */
	List<Drop> drops() {
		return this.drops;
	}

	/**
	 * Return the drops reported in every run.
	 * @return the drops
	 */
	List<Drop> allDrops() {
		return this.allDrops;
	}

	long recovered() {
		return this.recovered;
	}

	long dropped() {
		return this.dropped;
	}

	void close() {
		if (this.spool != null) {
			this.spool.close();
		}
	}

	record Drop(String bucketKey, long events, DropReason reason) {

	}

}
