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

import java.time.Duration;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Iterator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import io.isstreamer.streamer.DropReason;
import io.isstreamer.streamer.ServiceStatus;
import io.isstreamer.streamer.Streamer;
import io.isstreamer.streamer.spool.Spool;
import io.isstreamer.streamer.spool.SpooledBatch;
import io.isstreamer.streamer.transport.OfflineCsvWriter;
import io.isstreamer.streamer.transport.Transport;
import io.isstreamer.streamer.transport.TransportRequest;
import io.isstreamer.streamer.transport.TransportResponse;
import io.isstreamer.streamer.support.RateLimitedLog;
import org.jctools.queues.MpscArrayQueue;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one sender thread: drains the queue into per-bucket batches, paces requests, reads
 * every answer, retries, splits, spools and replays. Everything here but the wake-up
 * fields is touched by this thread only, so it needs no locks. Requests run on a second
 * thread, one at a time, so a hanging service never stops the draining: while a request
 * is out, events keep moving from the queue into the next batch, or to the spool.
 */
final class Sender implements Runnable {

	private static final Logger logger = LoggerFactory.getLogger(Streamer.class);

	private static final long MAX_PARK_NANOS = TimeUnit.SECONDS.toNanos(1);

	private static final long UNEXPECTED_ERROR_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

	private static final VarHandle SLEEPING;

	static {
		try {
			SLEEPING = MethodHandles.lookup().findVarHandle(Sender.class, "sleeping", boolean.class);
		}
		catch (ReflectiveOperationException ex) {
			throw new ExceptionInInitializerError(ex);
		}
	}

	private final StreamerConfig config;

	private final MpscArrayQueue<Event> queue;

	private final Counters counters;

	private final @Nullable Transport transport;

	private final Flushes flushes = new Flushes();

	private final PendingEvents pending = new PendingEvents();

	private final BatchEncoder encoder = new BatchEncoder();

	private final PacingGate gate;

	private final Outcomes outcomes;

	private final Flushes.Progress progress = new Flushes.Progress() {

		@Override
		public long replayed() {
			return Sender.this.counters.replayed.get();
		}

		@Override
		public long spoolBacklog() {
			Spool spool = Sender.this.spool;
			return (spool != null) ? spool.backlogEvents() : 0;
		}

		@Override
		public long dropped() {
			return Sender.this.counters.droppedTotal();
		}

		@Override
		public boolean blocked() {
			return isBlocked();
		}

	};

	/**
	 * Batches that go before anything else: retries and the pieces of split batches, in
	 * order.
	 */
	private final ArrayDeque<Batch> redo = new ArrayDeque<>();

	private final RateLimitedLog warnings = new RateLimitedLog(logger, Duration.ofSeconds(30));

	private final RateLimitedLog failures = new RateLimitedLog(logger, Duration.ofMinutes(1));

	private final long flushIntervalNanos;

	private @Nullable ExecutorService io;

	private @Nullable Spool spool;

	private @Nullable OfflineCsvWriter offlineWriter;

	private @Nullable InFlight inFlight;

	private boolean replayTurn;

	/**
	 * The spool line being replayed, until it is acknowledged or left for later: one at a
	 * time, so a line is never sent twice at once.
	 */
	private Batch.@Nullable Replay activeReplay;

	private boolean closing;

	private long closeDeadline;

	// Written by this thread, read by others

	private volatile @Nullable Thread thread;

	private volatile boolean sleeping;

	private volatile int wakeThreshold = 1;

	private volatile boolean closeRequested;

	private volatile boolean retryNowRequested;

	/**
	 * Events of earlier runs found unreadable when the spool was opened: recovered, then
	 * dropped.
	 */
	private volatile long recoveredCorrupt;

	private volatile long held;

	Sender(StreamerConfig config, MpscArrayQueue<Event> queue, Counters counters, @Nullable Transport transport) {
		this.config = config;
		this.queue = queue;
		this.counters = counters;
		this.transport = transport;
		this.gate = new PacingGate(config.requestsPerSecond(), System.nanoTime());
		this.flushIntervalNanos = config.flushInterval().toNanos();
		this.outcomes = new Outcomes(config, counters, this.gate, this.redo, this.warnings, () -> this.spool,
				new Outcomes.Accounting() {

					@Override
					public void delivered(Batch batch) {
						Sender.this.delivered(batch);
					}

					@Override
					public void drop(Batch batch, DropReason reason) {
						Sender.this.drop(batch, reason);
					}

					@Override
					public boolean spool(Batch batch) {
						return Sender.this.spool(batch);
					}

				});
	}

	// ---- called from other threads

	void start(Thread thread, ExecutorService io) {
		this.thread = thread;
		this.io = io;
		thread.start();
	}

	/**
	 * Wake the sender if it sleeps and enough events wait; called after every offer. Only
	 * the producer that turns {@code sleeping} off unparks: a parked thread takes tens of
	 * microseconds to run again, and every {@code log()} in between used to unpark it
	 * too.
	 */
	void eventAdded() {
		if (this.sleeping && this.queue.size() >= this.wakeThreshold && SLEEPING.compareAndSet(this, true, false)) {
			wake();
		}
	}

	void wake() {
		Thread thread = this.thread;
		if (thread != null) {
			LockSupport.unpark(thread);
		}
	}

	CompletableFuture<Boolean> flush() {
		CompletableFuture<Boolean> future = this.flushes.request(this.queue.currentProducerIndex());
		wake();
		return future;
	}

	void retryNow() {
		this.retryNowRequested = true;
		wake();
	}

	long recovered() {
		Spool spool = this.spool;
		return this.recoveredCorrupt + ((spool != null) ? spool.recoveredEvents() : 0);
	}

	void requestClose(long deadlineNanos) {
		this.closeDeadline = deadlineNanos;
		this.closeRequested = true;
		wake();
	}

	long held() {
		return this.held;
	}

	ServiceStatus status() {
		return this.outcomes.status();
	}

	@Nullable Spool spool() {
		return this.spool;
	}

	// ---- the sender thread

	@Override
	public void run() {
		try {
			open();
			loop();
		}
		catch (Throwable ex) {
			logger.error("The Initial State sender stopped unexpectedly; keeping what it holds in the spool", ex);
		}
		finally {
			shutDown();
		}
	}

	private void open() {
		if (this.config.offline()) {
			try {
				this.offlineWriter = new OfflineCsvWriter(this.config.offlineFile());
				logger.info("Initial State streamer is offline: writing events to {}",
						this.config.offlineFile().toAbsolutePath());
			}
			catch (IOException ex) {
				logger.error("Cannot open the offline file {} ({}); events will be counted as dropped",
						this.config.offlineFile().toAbsolutePath(), ex.toString());
			}
			return;
		}
		if (this.config.spoolDirectory() != null) {
			try {
				this.spool = Spool.open(this.config.spoolDirectory(), this.config.maxSpoolBytes(),
						(bucketKey, events, reason) -> {
							this.counters.dropped(reason, events);
							if (this.spool == null) {
								this.recoveredCorrupt += events;
							}
						});
				if (this.spool.recoveredEvents() > 0) {
					logger.info("Found {} unsent events in the spool {}; replaying them", this.spool.recoveredEvents(),
							this.spool.directory());
				}
			}
			catch (IOException | RuntimeException ex) {
				logger.warn("The Initial State spool is disabled ({}); undeliverable events are held in memory, "
						+ "up to {} events", ex.getMessage(), this.config.maxBufferedEvents());
			}
		}
	}

	private void loop() {
		while (true) {
			long now = System.nanoTime();
			try {
				if (step(now)) {
					return;
				}
			}
			catch (RuntimeException ex) {
				// a bug must not stop delivery for good: report it, pause, go on
				this.failures.warn("The Initial State sender hit an unexpected error; carrying on", ex);
				LockSupport.parkNanos(this, UNEXPECTED_ERROR_PAUSE_NANOS);
				continue;
			}
			sleep(System.nanoTime());
		}
	}

	/**
	 * One turn of the loop.
	 * @return whether the sender is done (closing, and idle or out of time)
	 */
	private boolean step(long now) {
		if (this.closeRequested && !this.closing) {
			this.closing = true;
		}
		if (this.retryNowRequested) {
			this.retryNowRequested = false;
			this.gate.openAt(now);
		}
		drain(now);
		this.flushes.activate(this.queue.currentConsumerIndex(), this.pending, this.progress);
		if (this.inFlight != null && this.inFlight.future.isDone()) {
			complete(this.inFlight, now);
		}
		boundMemory();
		if (this.inFlight == null) {
			dispatch(now);
		}
		publishHeld();
		this.flushes.completeResolved(this::lowestUnresolved, this.progress);
		// done, out of time, or nothing can be sent before the deadline anyway
		return this.closing && (isIdle() || now - this.closeDeadline >= 0
				|| (isBlocked() && this.gate.opensAt() - this.closeDeadline >= 0));
	}

	private void drain(long now) {
		int debugLevel = this.config.debugLevel();
		this.queue.drain((event) -> {
			this.pending.add(event, now);
			if (debugLevel >= 1) {
				logger.info("log {} = {} at {} into bucket {}", event.key, event.value,
						BatchEncoder.epochText(event.epochMicros), event.bucket.key());
			}
		});
	}

	private boolean isIdle() {
		return this.queue.isEmpty() && this.pending.size() == 0 && this.redo.isEmpty() && this.inFlight == null;
	}

	/**
	 * Keep memory bounded: past the limit, the oldest events go to the spool, or are
	 * dropped (counted) when there is no spool to take them.
	 */
	private void boundMemory() {
		while (heldNow() > this.config.maxBufferedEvents()) {
			Batch oldest = this.redo.pollFirst();
			if (oldest == null) {
				PendingEvents.BucketState state = this.pending.oldest((candidate) -> true);
				if (state == null) {
					return;
				}
				if (this.spool == null) {
					dropHead(state, heldNow() - this.config.maxBufferedEvents());
					continue;
				}
				oldest = spoolHead(state);
			}
			if (oldest != null && !spool(oldest)) {
				drop(oldest, DropReason.SPOOL_UNAVAILABLE);
			}
		}
	}

	private long heldNow() {
		long held = this.pending.size();
		for (Batch batch : this.redo) {
			held += batch.isReplay() ? 0 : batch.count;
		}
		InFlight inFlight = this.inFlight;
		if (inFlight != null && inFlight.batch != null && !inFlight.batch.isReplay()) {
			held += inFlight.batch.count;
		}
		return held;
	}

	private void publishHeld() {
		this.held = heldNow();
	}

	// ---- choosing what to send

	private void dispatch(long now) {
		if (this.offlineWriter != null || this.config.offline()) {
			writeOffline(now);
			return;
		}
		boolean blocked = isBlocked();
		spoolUnsendable(now, blocked);
		if (!this.gate.isOpen(now)) {
			return;
		}
		Batch batch = nextBatch(now);
		if (batch == null) {
			return;
		}
		PendingEvents.BucketState state = this.pending.bucket(batch.bucket);
		if (!state.created) {
			if (!this.redo.contains(batch)) {
				this.redo.addFirst(batch);
			}
			send(new InFlight(state, null));
			return;
		}
		this.redo.remove(batch);
		send(new InFlight(state, batch));
	}

	private boolean isBlocked() {
		return this.outcomes.isBlocked();
	}

	/**
	 * Choose the next batch: retries and split pieces first; then, taking turns, the
	 * oldest spooled batch and the oldest ready live batch. The service orders points by
	 * their timestamps, so the interleaving does not change what dashboards show.
	 */
	private @Nullable Batch nextBatch(long now) {
		for (Batch batch : this.redo) {
			if (!isRemoved(batch.bucket.key())) {
				return batch;
			}
		}
		PendingEvents.BucketState live = this.pending.oldest((state) -> isReady(state, now) && !state.removed);
		SpooledBatch spooled = (this.spool != null && this.activeReplay == null && this.spool.backlogEvents() > 0
				&& !this.closing) ? this.spool.peek((key) -> !isRemoved(key)) : null;
		if (spooled != null && (live == null || this.replayTurn)) {
			this.replayTurn = false;
			Batch batch = Batch.replay(spooled);
			this.activeReplay = batch.replay;
			return batch;
		}
		this.replayTurn = true;
		if (live == null) {
			return null;
		}
		Batch batch = take(live, this.config.maxBatchEvents());
		if (batch != null) {
			this.redo.addFirst(batch);
		}
		return batch;
	}

	private boolean isRemoved(String bucketKey) {
		PendingEvents.BucketState state = this.pending.find(bucketKey);
		return state != null && state.removed;
	}

	private boolean isReady(PendingEvents.BucketState state, long now) {
		return state.events.size() >= this.config.bufferSize()
				|| now - state.firstPendingNanos >= this.flushIntervalNanos || this.closing
				|| this.flushes.inProgress();
	}

	private @Nullable Batch take(PendingEvents.BucketState state, int maxEvents) {
		int count = encodeHead(state, maxEvents, this.outcomes.maxBatchBytes());
		return (count > 0) ? new Batch(state.bucket, Arrays.copyOf(this.encoder.body(), this.encoder.size()), count,
				state.headSequence() - count, null) : null;
	}

	/**
	 * Encode events from the head of a bucket into the encoder's buffer, taking them out
	 * of memory, and count any the encoder could not write.
	 * @return the number of events in the buffer
	 */
	private int encodeHead(PendingEvents.BucketState state, int maxEvents, int maxBytes) {
		long head = state.headSequence();
		int count = this.encoder.encode(state.events, maxEvents, maxBytes);
		int lost = this.encoder.unencodable();
		this.pending.taken(count + lost);
		if (lost > 0) {
			this.counters.dropped(DropReason.UNENCODABLE, lost);
			this.flushes.notDelivered(state.bucket.key(), head);
			logger.error("Gave up {} events of bucket {}: {}; please report this as a bug", lost, state.bucket.key(),
					DropReason.UNENCODABLE.description());
		}
		return count;
	}

	private void dropHead(PendingEvents.BucketState state, long excess) {
		long first = state.headSequence();
		int count = (int) Math.min(excess, state.events.size());
		for (int i = 0; i < count; i++) {
			state.events.pollFirst();
		}
		this.pending.taken(count);
		this.counters.dropped(DropReason.SPOOL_UNAVAILABLE, count);
		this.flushes.notDelivered(state.bucket.key(), first);
		this.warnings.warn("Gave up {} events of bucket {}: {}", count, state.bucket.key(),
				DropReason.SPOOL_UNAVAILABLE.description());
	}

	/**
	 * Write the oldest events of a bucket straight from the encoder's buffer to the
	 * spool, with no copy: the way out of memory when the service cannot keep up.
	 * @return {@code null} if spooled, else the batch, still to be kept or dropped
	 */
	private @Nullable Batch spoolHead(PendingEvents.BucketState state) {
		int count = encodeHead(state, this.config.maxBatchEvents(), spoolLineBytes());
		if (count == 0) {
			return null;
		}
		long first = state.headSequence() - count;
		Spool spool = this.spool;
		if (spool != null && spool.append(state.bucket.key(), state.bucket.name(), this.encoder.body(),
				this.encoder.size(), count)) {
			this.counters.spooled.addAndGet(count);
			this.flushes.notDelivered(state.bucket.key(), first);
			return null;
		}
		return new Batch(state.bucket, Arrays.copyOf(this.encoder.body(), this.encoder.size()), count, first, null);
	}

	/**
	 * Events of deleted buckets, and events while the service cannot take any, go to the
	 * spool rather than wait in memory: a body's worth at a time, or what waited a flush
	 * interval. Each spool line is replayed as one request, so lines of a few events each
	 * would replay a few events per request.
	 */
	private void spoolUnsendable(long now, boolean blocked) {
		if (this.spool == null) {
			return;
		}
		for (Iterator<Batch> iterator = this.redo.iterator(); iterator.hasNext();) {
			Batch batch = iterator.next();
			// a replayed line goes back to wait in the spool, so other lines can go on
			if ((blocked || isRemoved(batch.bucket.key())) && spool(batch)) {
				iterator.remove();
			}
		}
		PendingEvents.BucketState state;
		while ((state = this.pending
			.oldest((candidate) -> (blocked && isSpoolable(candidate, now)) || candidate.removed)) != null) {
			Batch kept = spoolHead(state);
			if (kept != null) {
				this.redo.addLast(kept);
				return;
			}
		}
	}

	/**
	 * A spool line is a request body, but no more than an eighth of the spool, so a small
	 * spool can still take lines and gives up only a part of itself when full.
	 */
	private int spoolLineBytes() {
		return (int) Math.min(this.outcomes.maxBatchBytes(), Math.max(1024, this.config.maxSpoolBytes() / 8));
	}

	private boolean isSpoolable(PendingEvents.BucketState state, long now) {
		return this.closing || this.flushes.inProgress() || now - state.firstPendingNanos >= this.flushIntervalNanos
				|| state.events.size() >= this.encoder.eventsPerBody(this.config.maxBatchEvents(), spoolLineBytes());
	}

	private void send(InFlight inFlight) {
		// The time the request really leaves, not the loop's: draining, spooling and
		// encoding a body since then can take tens of milliseconds, which would bring
		// this request and the next closer than the pacing allows
		long now = System.nanoTime();
		this.gate.started(now);
		inFlight.startedNanos = now;
		this.counters.requests.incrementAndGet();
		this.inFlight = inFlight;
		TransportRequest request = (inFlight.batch != null)
				? new TransportRequest(TransportRequest.Kind.SEND_EVENTS, inFlight.bucket.bucket.key(),
						inFlight.batch.body)
				: new TransportRequest(TransportRequest.Kind.CREATE_BUCKET, inFlight.bucket.bucket.key(),
						this.encoder.bucketBody(inFlight.bucket.bucket));
		if (this.config.debugLevel() >= 2) {
			logger.info("Sending {}{}", request,
					(inFlight.batch != null) ? " with " + inFlight.batch.count + " events" : "");
		}
		Transport transport = this.transport;
		ExecutorService io = this.io;
		if (transport == null || io == null) {
			inFlight.future.completeExceptionally(new IOException("no transport"));
			return;
		}
		try {
			CompletableFuture.supplyAsync(() -> {
				try {
					return transport.send(request);
				}
				catch (IOException ex) {
					throw new TransportFailure(ex);
				}
			}, io).whenComplete((response, failure) -> {
				if (failure != null) {
					inFlight.future.completeExceptionally(failure);
				}
				else {
					inFlight.future.complete(response);
				}
				wake();
			});
		}
		catch (RuntimeException ex) {
			inFlight.future.completeExceptionally(ex);
		}
	}

	// ---- answers

	private void complete(InFlight inFlight, long now) {
		this.inFlight = null;
		TransportResponse response;
		try {
			response = inFlight.future.getNow(null);
		}
		catch (RuntimeException ex) {
			Throwable cause = unwrap(ex);
			this.counters.requestFailures.incrementAndGet();
			if (this.config.debugLevel() >= 2) {
				logger.info("No answer from Initial State: {}", cause.toString());
			}
			this.outcomes.failed(inFlight, describe(cause), now);
			return;
		}
		this.counters.answered(response.status());
		this.gate.learn(response, inFlight.startedNanos, now, System.currentTimeMillis());
		if (this.config.debugLevel() >= 2) {
			logger.info("Initial State answered {} to {} ({})", response.status(),
					(inFlight.batch != null) ? "events" : "bucket creation", inFlight.bucket.bucket.key());
		}
		this.outcomes.answered(inFlight, response, now);
	}

	private static Throwable unwrap(Throwable ex) {
		Throwable cause = ex;
		while ((cause instanceof CompletionException || cause instanceof TransportFailure)
				&& cause.getCause() != null) {
			cause = cause.getCause();
		}
		return cause;
	}

	private static String describe(Throwable cause) {
		String message = cause.getMessage();
		return cause.getClass().getSimpleName() + ((message != null) ? ": " + message : "");
	}

	// ---- spooling and accounting

	/**
	 * Write a live batch to the spool.
	 * @return whether it was written
	 */
	private boolean spool(Batch batch) {
		Spool spool = this.spool;
		Batch.Replay replay = batch.replay;
		if (replay != null && batch.body == replay.origin.body()) {
			// the whole line is still in the spool: leave it there for a later replay
			this.activeReplay = null;
			return true;
		}
		if (spool == null || !spool.append(batch.bucket.key(), batch.bucket.name(), batch.body, batch.count)) {
			return false;
		}
		this.counters.spooled.addAndGet(batch.count);
		resolved(batch, false);
		return true;
	}

	private void drop(Batch batch, DropReason reason) {
		this.counters.dropped(reason, batch.count);
		this.warnings.warn("Gave up {} events of bucket {}: {}", batch.count, batch.bucket.key(), reason.description());
		resolved(batch, false);
	}

	private void delivered(Batch batch) {
		if (batch.isReplay()) {
			this.counters.replayed.addAndGet(batch.count);
		}
		resolved(batch, true);
		this.counters.delivered.addAndGet(batch.count);
	}

	private void resolved(Batch batch, boolean delivered) {
		if (batch.replay != null) {
			Batch.Replay replay = batch.replay;
			replay.pieces--;
			if (replay.pieces == 0) {
				this.activeReplay = null;
				if (this.spool != null) {
					this.spool.acknowledge(replay.origin);
				}
			}
		}
		else if (!delivered) {
			this.flushes.notDelivered(batch.bucket.key(), batch.firstSequence);
		}
	}

	private long lowestUnresolved(String bucketKey) {
		PendingEvents.BucketState state = this.pending.find(bucketKey);
		long lowest = (state != null) ? state.headSequence() : Long.MAX_VALUE;
		for (Batch batch : this.redo) {
			if (!batch.isReplay() && batch.bucket.key().equals(bucketKey)) {
				lowest = Math.min(lowest, batch.firstSequence);
			}
		}
		InFlight inFlight = this.inFlight;
		if (inFlight != null && inFlight.batch != null && !inFlight.batch.isReplay()
				&& inFlight.batch.bucket.key().equals(bucketKey)) {
			lowest = Math.min(lowest, inFlight.batch.firstSequence);
		}
		return lowest;
	}

	// ---- offline

	private void writeOffline(long now) {
		OfflineCsvWriter writer = this.offlineWriter;
		PendingEvents.BucketState state;
		boolean wrote = false;
		while ((state = this.pending.oldest((candidate) -> isReady(candidate, now))) != null) {
			int count = state.events.size();
			long first = state.headSequence();
			boolean written = writer != null;
			try {
				for (Event event : state.events) {
					if (written) {
						writer.write(BatchEncoder.epochText(event.epochMicros), event.key, event.value.toString());
					}
				}
			}
			catch (IOException ex) {
				written = false;
				this.warnings.warn("Cannot write the offline file {}: {}", this.config.offlineFile(), ex.toString());
			}
			state.events.clear();
			this.pending.taken(count);
			if (written) {
				this.counters.delivered.addAndGet(count);
				wrote = true;
			}
			else {
				this.counters.dropped(DropReason.SPOOL_UNAVAILABLE, count);
				this.flushes.notDelivered(state.bucket.key(), first);
			}
		}
		if (wrote && writer != null && (this.flushes.inProgress() || this.closing || this.queue.isEmpty())) {
			try {
				writer.flush();
			}
			catch (IOException ex) {
				this.warnings.warn("Cannot write the offline file {}: {}", this.config.offlineFile(), ex.toString());
			}
		}
	}

	// ---- sleeping

	private void sleep(long now) {
		long deadline = now + MAX_PARK_NANOS;
		boolean readyWaiting = false;
		if (this.inFlight == null && !this.redo.isEmpty()) {
			readyWaiting = true;
		}
		for (PendingEvents.BucketState state : this.pending.buckets()) {
			if (!state.events.isEmpty()) {
				if (isReady(state, now)) {
					readyWaiting = true;
				}
				else {
					deadline = earlier(deadline, state.firstPendingNanos + this.flushIntervalNanos);
				}
			}
		}
		if (this.spool != null && this.spool.backlogEvents() > 0 && !isBlocked()) {
			readyWaiting = true;
		}
		if (readyWaiting && this.inFlight == null && !this.gate.isOpen(now)) {
			// (with the gate open, dispatch just found nothing it may send: no reason to
			// spin)
			deadline = earlier(deadline, this.gate.opensAt());
		}
		if (this.closing) {
			deadline = earlier(deadline, this.closeDeadline);
		}
		int capacityShare = Math.max(1, this.queue.capacity() / 4);
		int threshold = (this.pending.size() == 0 && !readyWaiting) ? 1
				: Math.max(1, this.config.bufferSize() - this.pending.largestBucket());
		this.wakeThreshold = readyWaiting ? capacityShare : Math.min(threshold, capacityShare);
		this.sleeping = true;
		try {
			if (this.queue.size() < this.wakeThreshold && !this.flushes.hasRequests()
					&& (this.closeRequested == this.closing) && !this.retryNowRequested
					&& (this.inFlight == null || !this.inFlight.future.isDone()) && deadline - now > 0) {
				LockSupport.parkNanos(this, deadline - now);
			}
		}
		finally {
			this.sleeping = false;
		}
	}

	private static long earlier(long a, long b) {
		return (b - a < 0) ? b : a;
	}

	// ---- stopping

	private void shutDown() {
		InFlight inFlight = this.inFlight;
		this.inFlight = null;
		if (inFlight != null && inFlight.batch != null) {
			this.redo.addFirst(inFlight.batch);
		}
		drain(System.nanoTime());
		boolean delivered = this.pending.size() == 0 && this.redo.isEmpty();
		for (Batch batch : this.redo) {
			if (!spool(batch)) {
				drop(batch, DropReason.SPOOL_UNAVAILABLE);
			}
		}
		this.redo.clear();
		PendingEvents.BucketState state;
		while ((state = this.pending.oldest((candidate) -> true)) != null) {
			Batch kept = spoolHead(state);
			if (kept != null) {
				drop(kept, DropReason.SPOOL_UNAVAILABLE);
			}
		}
		publishHeld();
		this.flushes.completeAll(delivered);
		if (this.spool != null) {
			this.spool.close();
		}
		if (this.offlineWriter != null) {
			try {
				this.offlineWriter.close();
			}
			catch (IOException ex) {
				logger.warn("Cannot close the offline file {}: {}", this.config.offlineFile(), ex.toString());
			}
		}
	}

	/**
	 * Carries an {@link IOException} out of the request thread.
	 */
	private static final class TransportFailure extends RuntimeException {

		TransportFailure(IOException cause) {
			super(cause);
		}

	}

}
