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

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.StampedLock;

import io.isstreamer.streamer.DropReason;
import io.isstreamer.streamer.RejectReason;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The books of a streamer: the one owner of where every accepted event is and of every
 * counter. An event is accepted into the queue, drained into the sender's memory (where
 * it waits, is in a batch, or is in flight), and leaves memory exactly once: delivered,
 * spooled, coalesced or dropped for a named reason; a spooled event comes back into
 * memory when it is claimed for replay, and leaves again the same way.
 * <p>
 * Producers touch only striped adders. Every other change is a transition method here,
 * made under a write lock that no reader ever waits on for long, so a {@link #snapshot()}
 * sees the books between two transitions, never in the middle of one: the identity
 * {@code logged + recovered = rejected + dropped + coalesced + pending + delivered +
 * spoolBacklog} holds in every snapshot. Batches are registered while they are in memory,
 * so a batch completes exactly once, and one that an unexpected exception left in no
 * container can be found and handed back ({@link #strays}).
 * <p>
 * In audit mode (for tests) every transition also checks the books against what the
 * engine really holds, and records any difference.
 */
final class Ledger {

	private static final Logger logger = LoggerFactory.getLogger(Ledger.class);

	/**
	 * Keys counted one by one among the coalesced; later ones are counted together.
	 */
	private static final int MAX_COALESCED_KEYS = 1000;

	/**
	 * Where coalesced events of keys past the first thousand are counted.
	 */
	static final String OTHER_KEYS = "(other keys)";

	// ---- the producers' side: log() threads

	private final LongAdder accepted = new LongAdder();

	private final LongAdder queueFull = new LongAdder();

	private final LongAdder[] rejected = newAdders(RejectReason.values().length);

	// ---- the engine's side: written under the lock

	private final StampedLock lock = new StampedLock();

	private long drained;

	private long recovered;

	private long inMemory;

	private long delivered;

	private long replayed;

	private long spooled;

	private long spoolBacklog;

	private long coalesced;

	private final Map<String, Long> coalescedByKey = new HashMap<>();

	private boolean spoolOpened;

	private final long[] dropped = new long[DropReason.values().length];

	private long requests;

	private long requestFailures;

	private final long[] requestsByStatus = new long[600];

	private final Set<Batch> live = Collections.newSetFromMap(new IdentityHashMap<>());

	private volatile @Nullable Instant lastSuccess;

	private volatile @Nullable String lastError;

	private volatile @Nullable Instant lastErrorTime;

	private volatile @Nullable Instant failingSince;

	// ---- audit mode

	private final boolean audit;

	private volatile @Nullable Holdings holdings;

	private final List<String> violations = Collections.synchronizedList(new ArrayList<>());

	Ledger(boolean audit) {
		this.audit = audit;
	}

	/**
	 * Tell the ledger how to see what the engine really holds, for audit mode.
	 * @param holdings what the engine holds, or {@code null} when no engine runs
	 */
	void audit(@Nullable Holdings holdings) {
		this.holdings = holdings;
	}

	// ---- producers

	/**
	 * An event passed the rules and is about to be offered to the queue: from now on it
	 * is in the books, as queued until it is drained.
	 */
	void accepted() {
		this.accepted.increment();
	}

	/**
	 * The queue refused an accepted event.
	 */
	void queueFull() {
		this.queueFull.increment();
	}

	void rejected(RejectReason reason) {
		this.rejected[reason.ordinal()].increment();
	}

	// ---- transitions of events

	/**
	 * Events were taken from the queue into memory.
	 * @param events how many
	 */
	void drained(int events) {
		transition("drained", () -> {
			this.drained += events;
			this.inMemory += events;
		});
	}

	/**
	 * The spool was opened and found events in it. The first time, they are events left
	 * by earlier runs; when the streamer starts again, the spool holds what the books say
	 * it holds already, and only a difference (acknowledgements that could not be
	 * recorded, so lines come back) is counted as found.
	 * @param events how many events the spool holds
	 */
	void recovered(long events) {
		transition("recovered", () -> {
			long found = this.spoolOpened ? events - this.spoolBacklog : events;
			this.spoolOpened = true;
			if (found >= 0) {
				this.recovered += found;
				this.spoolBacklog += found;
			}
			else {
				// fewer than the books say: gone from disk while the streamer was stopped
				this.spoolBacklog += found;
				this.dropped[DropReason.SPOOL_CORRUPT.ordinal()] -= found;
			}
		});
	}

	/**
	 * A batch was made from events in memory; it holds them until it completes.
	 * @param batch the batch
	 */
	void opened(Batch batch) {
		transition("opened", () -> {
			register(batch);
		});
	}

	/**
	 * A batch was claimed from the spool for replay: its events are in memory again.
	 * @param batch the batch
	 */
	void claimed(Batch batch) {
		transition("claimed", () -> {
			register(batch);
			this.spoolBacklog -= batch.count;
			this.inMemory += batch.count;
		});
	}

	/**
	 * A batch was split into pieces that hold its events from now on.
	 * @param batch the batch
	 * @param pieces its pieces
	 */
	void split(Batch batch, Batch... pieces) {
		transition("split", () -> {
			complete(batch);
			for (Batch piece : pieces) {
				register(piece);
			}
		});
	}

	/**
	 * The service accepted a batch.
	 * @param batch the batch
	 */
	void delivered(Batch batch) {
		transition("delivered", () -> {
			complete(batch);
			this.inMemory -= batch.count;
			this.delivered += batch.count;
			if (batch.replayed) {
				this.replayed += batch.count;
			}
		});
	}

	/**
	 * Events in memory were delivered without a batch (written to the offline file).
	 * @param events how many
	 */
	void delivered(int events) {
		transition("written", () -> {
			this.inMemory -= events;
			this.delivered += events;
		});
	}

	/**
	 * A batch was written to the spool.
	 * @param batch the batch
	 */
	void spooled(Batch batch) {
		transition("spooled", () -> {
			complete(batch);
			moveToSpool(batch.count);
		});
	}

	/**
	 * Events in memory were written to the spool without a batch.
	 * @param events how many
	 */
	void spooled(int events) {
		transition("spooled", () -> {
			moveToSpool(events);
		});
	}

	/**
	 * A claimed batch went back to wait in the spool.
	 * @param batch the batch
	 */
	void returned(Batch batch) {
		transition("returned", () -> {
			complete(batch);
			this.inMemory -= batch.count;
			this.spoolBacklog += batch.count;
		});
	}

	/**
	 * A batch was given up.
	 * @param batch the batch
	 * @param reason why
	 */
	void dropped(Batch batch, DropReason reason) {
		transition("dropped", () -> {
			complete(batch);
			this.inMemory -= batch.count;
			this.dropped[reason.ordinal()] += batch.count;
		});
	}

	/**
	 * Events in memory were given up without a batch.
	 * @param events how many
	 * @param reason why
	 */
	void dropped(long events, DropReason reason) {
		transition("dropped", () -> {
			this.inMemory -= events;
			this.dropped[reason.ordinal()] += events;
		});
	}

	/**
	 * Events were taken from the queue by someone other than a running sender and given
	 * up at once (the streamer closed or failed as they were offered).
	 * @param events how many
	 * @param reason why
	 */
	void strandedInQueue(int events, DropReason reason) {
		transition("stranded", () -> {
			this.drained += events;
			this.dropped[reason.ordinal()] += events;
		});
	}

	/**
	 * Events waiting in the spool were given up by it.
	 * @param events how many
	 * @param reason why
	 */
	void spoolDropped(long events, DropReason reason) {
		transition("spool dropped", () -> {
			this.spoolBacklog -= events;
			this.dropped[reason.ordinal()] += events;
		});
	}

	/**
	 * Events in memory were replaced by a later value of their key.
	 * @param key the key
	 * @param events how many
	 */
	void coalesced(String key, long events) {
		transition("coalesced", () -> {
			this.inMemory -= events;
			this.coalesced += events;
			String counted = (this.coalescedByKey.size() < MAX_COALESCED_KEYS || this.coalescedByKey.containsKey(key))
					? key : OTHER_KEYS;
			this.coalescedByKey.merge(counted, events, Long::sum);
		});
	}

	/**
	 * Make one change to the books under the lock, then audit them.
	 */
	private void transition(String name, Runnable change) {
		long stamp = this.lock.writeLock();
		try {
			change.run();
		}
		finally {
			this.lock.unlockWrite(stamp);
		}
		check(name);
	}

	private void moveToSpool(long events) {
		this.inMemory -= events;
		this.spoolBacklog += events;
		this.spooled += events;
	}

	private void register(Batch batch) {
		if (!this.live.add(batch)) {
			violation("batch registered twice: " + batch);
		}
	}

	private void complete(Batch batch) {
		if (!this.live.remove(batch)) {
			// a batch completes once; a second fate would count its events twice
			throw new IllegalStateException("Batch completed twice or never registered: " + batch);
		}
	}

	/**
	 * Return the batches registered but held by none of the given containers: what an
	 * unexpected exception left in nobody's hands.
	 * @param held whether a container holds a batch
	 * @return the strays
	 */
	List<Batch> strays(java.util.function.Predicate<Batch> held) {
		long stamp = this.lock.readLock();
		try {
			return this.live.stream().filter((batch) -> !held.test(batch)).toList();
		}
		finally {
			this.lock.unlockRead(stamp);
		}
	}

	/**
	 * Return the sequence number of the first event of a bucket held by a batch made from
	 * memory.
	 * @param bucketKey the bucket key
	 * @return the lowest sequence number, or {@link Long#MAX_VALUE} if none
	 */
	long lowestSequence(String bucketKey) {
		long stamp = this.lock.readLock();
		try {
			long lowest = Long.MAX_VALUE;
			for (Batch batch : this.live) {
				if (batch.firstSequence >= 0 && batch.firstSequence < lowest && batch.bucket.key().equals(bucketKey)) {
					lowest = batch.firstSequence;
				}
			}
			return lowest;
		}
		finally {
			this.lock.unlockRead(stamp);
		}
	}

	long liveEvents() {
		long stamp = this.lock.readLock();
		try {
			long events = 0;
			for (Batch batch : this.live) {
				events += batch.count;
			}
			return events;
		}
		finally {
			this.lock.unlockRead(stamp);
		}
	}

	/**
	 * Return the events delivered so far.
	 * @return the count
	 */
	long deliveredTotal() {
		long stamp = this.lock.readLock();
		try {
			return this.delivered;
		}
		finally {
			this.lock.unlockRead(stamp);
		}
	}

	/**
	 * Return the events given up so far, for the flushes.
	 * @return the count
	 */
	long droppedTotal() {
		long stamp = this.lock.readLock();
		try {
			long total = 0;
			for (long count : this.dropped) {
				total += count;
			}
			return total + this.queueFull.sum();
		}
		finally {
			this.lock.unlockRead(stamp);
		}
	}

	// ---- requests and errors

	void requestStarted() {
		long stamp = this.lock.writeLock();
		this.requests++;
		this.lock.unlockWrite(stamp);
	}

	void answered(int status) {
		long stamp = this.lock.writeLock();
		this.requestsByStatus[Math.max(0, Math.min(status, this.requestsByStatus.length - 1))]++;
		this.lock.unlockWrite(stamp);
	}

	void requestFailed() {
		long stamp = this.lock.writeLock();
		this.requestFailures++;
		this.lock.unlockWrite(stamp);
	}

	void success() {
		this.lastSuccess = Instant.now();
		this.failingSince = null;
	}

	void error(String message) {
		Instant now = Instant.now();
		this.lastError = message;
		this.lastErrorTime = now;
		if (this.failingSince == null) {
			this.failingSince = now;
		}
	}

	// ---- reading

	/**
	 * Read the books between two transitions.
	 * @return the snapshot
	 */
	Books snapshot() {
		long stamp = this.lock.tryOptimisticRead();
		RawBooks books = read(false);
		// coalesced values by key are a map, copied under the lock only
		if (!this.lock.validate(stamp) || books.coalesced > 0) {
			stamp = this.lock.readLock();
			try {
				books = read(true);
			}
			finally {
				this.lock.unlockRead(stamp);
			}
		}
		// Read after the engine's side, and refusals by the queue before acceptances:
		// each
		// event counted in one was accepted before, so the events still queued are never
		// fewer than none
		long queueFull = this.queueFull.sum();
		long accepted = this.accepted.sum();
		Map<RejectReason, Long> rejectedByReason = new EnumMap<>(RejectReason.class);
		long rejectedTotal = 0;
		for (RejectReason reason : RejectReason.values()) {
			long count = this.rejected[reason.ordinal()].sum();
			rejectedTotal += count;
			if (count > 0) {
				rejectedByReason.put(reason, count);
			}
		}
		Map<DropReason, Long> droppedByReason = new EnumMap<>(DropReason.class);
		long droppedTotal = queueFull;
		if (queueFull > 0) {
			droppedByReason.put(DropReason.QUEUE_FULL, queueFull);
		}
		for (DropReason reason : DropReason.values()) {
			long count = books.dropped[reason.ordinal()];
			if (count > 0) {
				droppedTotal += count;
				droppedByReason.merge(reason, count, Long::sum);
			}
		}
		Map<Integer, Long> byStatus = new TreeMap<>();
		for (int status = 0; status < books.requestsByStatus.length; status++) {
			if (books.requestsByStatus[status] > 0) {
				byStatus.put(status, books.requestsByStatus[status]);
			}
		}
		long queued = accepted - queueFull - books.drained;
		return new Books(rejectedTotal + accepted, rejectedTotal, rejectedByReason, queued, books.inMemory,
				books.delivered, books.replayed, books.spooled, books.recovered, books.spoolBacklog, books.coalesced,
				books.coalescedByKey, droppedTotal, droppedByReason, books.requests, byStatus, books.requestFailures,
				this.lastSuccess, this.lastError, this.lastErrorTime, this.failingSince);
	}

	private RawBooks read(boolean withKeys) {
		return new RawBooks(this.drained, this.recovered, this.inMemory, this.delivered, this.replayed, this.spooled,
				this.spoolBacklog, this.coalesced, withKeys ? Map.copyOf(this.coalescedByKey) : Map.of(),
				this.dropped.clone(), this.requests, this.requestFailures, this.requestsByStatus.clone());
	}

	// ---- audit

	private void check(String transition) {
		if (!this.audit) {
			return;
		}
		Holdings holdings = this.holdings;
		long stamp = this.lock.readLock();
		try {
			if (this.inMemory < 0 || this.spoolBacklog < 0) {
				violation(transition + ": negative books, in memory " + this.inMemory + ", spool " + this.spoolBacklog);
			}
			if (holdings == null) {
				return;
			}
			long batches = 0;
			for (Batch batch : this.live) {
				batches += batch.count;
			}
			long held = holdings.waitingEvents() + batches;
			if (held != this.inMemory) {
				violation(transition + ": the books say " + this.inMemory + " events in memory, the engine holds "
						+ held + " (" + holdings.waitingEvents() + " waiting, " + batches + " in batches)");
			}
			Long spool = holdings.spoolBacklog();
			if (spool != null && spool != this.spoolBacklog) {
				violation(transition + ": the books say " + this.spoolBacklog + " events wait in the spool, it holds "
						+ spool);
			}
		}
		finally {
			this.lock.unlockRead(stamp);
		}
	}

	private void violation(String message) {
		if (this.violations.size() < 100) {
			this.violations.add(message);
		}
		logger.error("Initial State ledger out of balance: {}", message);
	}

	/**
	 * Return what audit mode found wrong, in words.
	 * @return the violations, empty if none
	 */
	List<String> violations() {
		synchronized (this.violations) {
			return List.copyOf(this.violations);
		}
	}

	private static LongAdder[] newAdders(int size) {
		LongAdder[] adders = new LongAdder[size];
		for (int i = 0; i < size; i++) {
			adders[i] = new LongAdder();
		}
		return adders;
	}

	/**
	 * What the engine really holds, for audit mode; read on the engine's thread.
	 */
	interface Holdings {

		/**
		 * Return the events in memory that are in no batch (waiting to be batched).
		 * @return the events
		 */
		long waitingEvents();

		/**
		 * Return the events the spool holds that are not out for replay.
		 * @return the events, or {@code null} without a spool
		 */
		@Nullable Long spoolBacklog();

	}

	private record RawBooks(long drained, long recovered, long inMemory, long delivered, long replayed, long spooled,
			long spoolBacklog, long coalesced, Map<String, Long> coalescedByKey, long[] dropped, long requests,
			long requestFailures, long[] requestsByStatus) {

	}

	/**
	 * The books at one moment.
	 *
	 * @param logged events given to {@code log}, accepted or not
	 * @param rejected events refused by the rules
	 * @param rejectedByReason the same by reason
	 * @param queued accepted events not drained yet
	 * @param inMemory drained events not resolved yet, and replayed ones out of the spool
	 * @param delivered events the service accepted
	 * @param replayed the part of {@code delivered} that came from the spool
	 * @param spooled events written to the spool
	 * @param recovered events found in the spool at start
	 * @param spoolBacklog events waiting in the spool
	 * @param coalesced events replaced by a later value of their key
	 * @param coalescedByKey the same by key
	 * @param dropped events given up
	 * @param droppedByReason the same by reason
	 * @param requests requests started
	 * @param requestsByStatus requests by HTTP status
	 * @param requestFailures requests with no answer
	 * @param lastSuccess when a request last succeeded
	 * @param lastError the latest error, in words
	 * @param lastErrorTime when it happened
	 * @param failingSince since when requests fail
	 */
	record Books(long logged, long rejected, Map<RejectReason, Long> rejectedByReason, long queued, long inMemory,
			long delivered, long replayed, long spooled, long recovered, long spoolBacklog, long coalesced,
			Map<String, Long> coalescedByKey, long dropped, Map<DropReason, Long> droppedByReason, long requests,
			Map<Integer, Long> requestsByStatus, long requestFailures, @Nullable Instant lastSuccess,
			@Nullable String lastError, @Nullable Instant lastErrorTime, @Nullable Instant failingSince) {

		long pending() {
			return this.queued + this.inMemory;
		}

	}

}
