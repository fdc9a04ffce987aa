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

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

import io.isstreamer.streamer.DropReason;
import io.isstreamer.streamer.ServiceStatus;
import io.isstreamer.streamer.Streamer;
import io.isstreamer.streamer.spool.SpoolPosition;
import io.isstreamer.streamer.support.RateLimitedLog;
import io.isstreamer.streamer.transport.Transport;
import io.isstreamer.streamer.transport.TransportRequest;
import org.jctools.queues.varhandle.MpscVarHandleArrayQueue;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sender thread's loop, and nothing else: each turn drains the queue, takes the
 * answers in, starts what may start, routes to the spool what must not wait in memory,
 * and completes flushes; then it sleeps until there is something to do. The work is done
 * by its parts, each with one job: {@link Scheduler} (what goes next), {@link Dispatcher}
 * (the requests in flight), {@link Answers} (what each answer means), {@link Fates}
 * (where each batch ends up), {@link SpoolRouter} (what goes to the spool),
 * {@link ServiceState} and {@link PacingGate}.
 * <p>
 * An unexpected exception in a turn loses nothing: batches it left in nobody's hands are
 * found through the ledger and sent again. An {@link Error} ends the loop: the streamer
 * becomes {@link ServiceStatus#FAILED}, what it holds goes to the spool (or is counted as
 * dropped), and pending flushes complete with {@code false}.
 */
final class SenderLoop implements Runnable {

	private static final Logger logger = LoggerFactory.getLogger(Streamer.class);

	private static final long MAX_PARK_NANOS = TimeUnit.SECONDS.toNanos(1);

	private static final long UNEXPECTED_ERROR_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

	private static final VarHandle SLEEPING;

	static {
		try {
			SLEEPING = MethodHandles.lookup().findVarHandle(SenderLoop.class, "sleeping", boolean.class);
		}
		catch (ReflectiveOperationException ex) {
			throw new ExceptionInInitializerError(ex);
		}
	}

	private final StreamerConfig config;

	private final MpscVarHandleArrayQueue<Event> queue;

	private final Ledger ledger;

	private final Diagnostics.FaultInjector faults;

	/**
	 * Told at once when the loop stops on an error, before it spools what it holds.
	 */
	private final Runnable failed;

	private final RateLimitedLog warnings = new RateLimitedLog(logger, Duration.ofSeconds(30));

	private final RateLimitedLog failures = new RateLimitedLog(logger, Duration.ofMinutes(1));

	private final PendingEvents pending = new PendingEvents();

	private final Lanes lanes = new Lanes();

	private final Flushes flushes = new Flushes();

	private final ServiceState service;

	private final PacingGate gate;

	private final Spooler spooler;

	private final @Nullable Dispatcher dispatcher;

	private final @Nullable OfflineSink offline;

	private final Fates fates;

	private final Batcher batcher;

	private final Scheduler scheduler;

	private final SpoolRouter router;

	private final @Nullable Answers answers;

	private final @Nullable BudgetGuard budget;

	private final MonthlyProjection projection;

	/**
	 * Events delivered when the projection was last told.
	 */
	private long lastDelivered;

	private final Flushes.Progress progress;

	private final long flushIntervalNanos;

	/**
	 * Buckets with nothing to do for this long are forgotten.
	 */
	private final long idleBucketNanos;

	// Written by this thread, read by others
	private volatile @Nullable Thread thread;

	private volatile boolean sleeping;

	private volatile int wakeThreshold = 1;

	private volatile boolean closeRequested;

	private volatile long closeDeadline;

	private volatile boolean retryNowRequested;

	private volatile boolean finished;

	/**
	 * Since when the events the next turn drains may have waited in the queue: the time
	 * the loop last went to sleep with a wake threshold above one, when the first of them
	 * did not wake it.
	 */
	private long queuedSinceNanos;

	private boolean queueUnwatched;

	private volatile int buckets;

	private boolean memoryFull;

	SenderLoop(StreamerConfig config, MpscVarHandleArrayQueue<Event> queue, Ledger ledger, MonthlyProjection projection,
			@Nullable Transport transport, Spooler spooler, String threadName, long memoryBudget, Runnable failed) {
		this.config = config;
		this.projection = projection;
		this.lastDelivered = ledger.deliveredTotal();
		this.failed = failed;
		this.queue = queue;
		this.ledger = ledger;
		this.faults = config.diagnostics().faults();
		this.flushIntervalNanos = config.flushInterval().toNanos();
		this.idleBucketNanos = config.diagnostics().idleBucket().toNanos();
		this.budget = (config.monthlyEventBudget() > 0)
				? new BudgetGuard(config.monthlyEventBudget(), config.budgetPolicy(), ledger, System.nanoTime()) : null;
		this.service = new ServiceState(config);
		this.gate = new PacingGate(config.requestsPerSecond(), System.nanoTime());
		this.spooler = spooler;
		this.service.eventsWaitIn(spooler.describe());
		this.fates = new Fates(ledger, spooler, this.pending, this.flushes, this.lanes, this.warnings);
		this.batcher = new Batcher(this.pending, ledger, this.fates, spooler, this.warnings);
		this.scheduler = new Scheduler(config, this.pending, this.lanes, this.batcher, this.fates, spooler,
				this.service);
		this.router = new SpoolRouter(config, this.pending, this.lanes, this.batcher, this.fates, spooler, this.service,
				this.flushes, ledger, memoryBudget);
		if (config.offline() || transport == null) {
			this.dispatcher = null;
			this.answers = null;
			this.offline = config.offline() ? OfflineSink.open(config, ledger) : null;
		}
		else {
			this.dispatcher = new Dispatcher(transport, config, threadName + "-request", this::wake);
			this.answers = new Answers(config, ledger, this.fates, this.lanes, this.service, this.gate, this.dispatcher,
					spooler, this.warnings);
			this.offline = null;
		}
		this.progress = new Flushes.Progress() {

			@Override
			public long lowestInMemory(String bucketKey) {
				PendingEvents.BucketState state = SenderLoop.this.pending.find(bucketKey);
				long lowest = (state != null && !state.events.isEmpty()) ? state.headSequence() : Long.MAX_VALUE;
				return Math.min(lowest, SenderLoop.this.ledger.lowestSequence(bucketKey));
			}

			@Override
			public boolean isDeliveredThrough(String bucketKey, SpoolPosition position) {
				return SenderLoop.this.spooler.isDeliveredThrough(bucketKey, position);
			}

			@Override
			public long dropped() {
				return SenderLoop.this.ledger.droppedTotal();
			}

			@Override
			public boolean blocked() {
				// a wait the service asked for ends at a known time: flushes wait it out
				ServiceStatus status = SenderLoop.this.service.status();
				return status.isBlocked() && status != ServiceStatus.RATE_LIMITED;
			}

		};
		ledger.audit(config.diagnostics().audit() ? new Ledger.Holdings() {

			@Override
			public long waitingEvents() {
				BudgetGuard budget = SenderLoop.this.budget;
				return SenderLoop.this.pending.size() + ((budget != null) ? budget.held() : 0);
			}

			@Override
			public @Nullable Long spoolBacklog() {
				return spooler.isAvailable() ? spooler.backlogEvents() : null;
			}

		} : null);
	}

	// ---- called from other threads

	void started(Thread thread) {
		this.thread = thread;
	}

	/**
	 * Wake the sender if it sleeps and enough events wait; called after every offer. Only
	 * the producer that turns {@code sleeping} off unparks: a parked thread takes tens of
	 * microseconds to run again, and every {@code log()} in between would unpark it too.
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
		if (this.finished) {
			return CompletableFuture.completedFuture(false);
		}
		CompletableFuture<Boolean> future = this.flushes.request(this.queue.currentProducerIndex());
		wake();
		if (this.finished) {
			// the loop may have completed its flushes already
			this.flushes.completeAll(false);
		}
		return future;
	}

	void retryNow() {
		this.retryNowRequested = true;
		wake();
	}

	/**
	 * Ask the loop to deliver what it can before a deadline, spool the rest, and end.
	 * @param deadlineNanos the deadline
	 */
	void requestStop(long deadlineNanos) {
		this.closeDeadline = deadlineNanos;
		this.closeRequested = true;
		wake();
	}

	ServiceStatus status() {
		return this.service.status();
	}

	Spooler spooler() {
		return this.spooler;
	}

	// ---- the sender thread

	@Override
	public void run() {
		try {
			loop();
		}
		catch (Throwable ex) {
			this.service.failed();
			this.failed.run();
			logger.error("The Initial State sender stopped on an error it cannot go on after; keeping what it holds in "
					+ "the spool, and refusing new events", ex);
		}
		finally {
			shutDown();
		}
	}

	private void loop() {
		while (true) {
			try {
				if (step(System.nanoTime())) {
					return;
				}
			}
			catch (RuntimeException ex) {
				// a bug must not stop delivery for good, nor lose what was in hand
				this.failures.warn("The Initial State sender hit an unexpected error; carrying on", ex);
				recover();
				LockSupport.parkNanos(this, UNEXPECTED_ERROR_PAUSE_NANOS);
				continue;
			}
			sleep(System.nanoTime());
		}
	}

	/**
	 * One turn of the loop.
	 * @return whether the loop is done (stopping, and idle or out of time)
	 */
	private boolean step(long now) {
		boolean closing = this.closeRequested;
		if (this.retryNowRequested) {
			this.retryNowRequested = false;
			this.gate.openAt(now);
		}
		this.faults.at("drain");
		int waiting = this.queue.size();
		int room = this.router.makeRoom(waiting);
		// memory full of what is in flight: the queue waits, and is no reason to wake
		this.memoryFull = room < waiting;
		drain(now, room);
		if (this.budget != null) {
			this.budget.tick(now, hurry(closing), (event) -> this.pending.add(event, now));
		}
		this.flushes.activate(this.queue.currentConsumerIndex(), this.pending, this.spooler,
				this.ledger.droppedTotal());
		this.faults.at("answers");
		takeAnswers(now);
		long delivered = this.ledger.deliveredTotal();
		this.projection.sent(delivered - this.lastDelivered, now);
		this.lastDelivered = delivered;
		this.faults.at("dispatch");
		if (this.offline != null) {
			this.offline.write(this.pending, (state) -> this.scheduler.isReady(state, now, hurry(closing)),
					this.flushes.inProgress() || closing || this.queue.isEmpty());
		}
		else if (this.dispatcher != null) {
			dispatch(now, closing);
		}
		this.faults.at("route");
		this.router.route(now);
		if (!this.flushes.inProgress()) {
			this.pending.releaseIdle(now, this.idleBucketNanos);
		}
		this.buckets = this.pending.buckets().size();
		this.faults.at("flushes");
		this.flushes.completeResolved(this.progress);
		return closing && (isIdle() || now - this.closeDeadline >= 0 || nothingCanGoBefore(this.closeDeadline));
	}

	private void drain(long now, int limit) {
		if (limit <= 0) {
			return;
		}
		int debugLevel = this.config.debugLevel();
		int[] drained = new int[1];
		// an event's time in memory counts from when it may have been queued, not from
		// when the loop got to it
		long queued = this.queueUnwatched ? this.queuedSinceNanos : now;
		BudgetGuard budget = this.budget;
		Consumer<Event> toPending = (event) -> this.pending.add(event, queued);
		this.queue.drain((event) -> {
			if (budget != null) {
				budget.admit(event, now, toPending);
			}
			else {
				this.pending.add(event, queued);
			}
			drained[0]++;
			if (debugLevel >= 1) {
				logger.info("log {} = {} at {} into bucket {}", event.key, event.value,
						BatchEncoder.epochText(event.epochMicros), event.bucket.key());
			}
		}, limit);
		if (drained[0] > 0) {
			this.ledger.drained(drained[0]);
		}
	}

	private void takeAnswers(long now) {
		Dispatcher dispatcher = this.dispatcher;
		Answers answers = this.answers;
		if (dispatcher == null || answers == null) {
			return;
		}
		Exchange exchange;
		while ((exchange = dispatcher.poll()) != null) {
			this.faults.at("answer");
			answers.completed(exchange, now);
		}
		for (Exchange expired : dispatcher.expire(now)) {
			this.faults.at("expired");
			answers.expired(expired, now);
		}
		if (dispatcher.isStuck()) {
			this.warnings.warn("The Initial State transport does not return from requests it was asked to give up "
					+ "({} threads held); sending waits for them", Dispatcher.SPARE_THREADS);
		}
	}

	private void dispatch(long now, boolean closing) {
		Dispatcher dispatcher = this.dispatcher;
		boolean blocked = this.service.isBlocked();
		while (dispatcher.hasRoom() && this.gate.isOpen(now) && !(closing && now - this.closeDeadline >= 0)) {
			if (blocked && dispatcher.inFlightCount() > 0) {
				return; // one probe at a time
			}
			Scheduler.Work work = this.scheduler.next(now, hurry(closing), true);
			if (work == null) {
				return;
			}
			this.faults.at("send");
			send(work, blocked);
			blocked = this.service.isBlocked();
		}
	}

	private void send(Scheduler.Work work, boolean probe) {
		Dispatcher dispatcher = this.dispatcher;
		// The time the request really leaves, not the loop's: encoding a body can take
		// milliseconds, which would bring this request and the next closer than allowed
		long now = System.nanoTime();
		this.gate.started(now);
		this.ledger.requestStarted();
		Duration readTimeout = dispatcher.readTimeout();
		TransportRequest request = new TransportRequest(work.request().kind(), work.request().bucketKey(),
				work.request().body(), readTimeout);
		if (this.config.debugLevel() >= 2) {
			logger.info("Sending {}{}", request,
					(work.batch() != null) ? " with " + work.batch().count + " events" : "");
		}
		dispatcher.send(
				new Exchange(work.bucket(), work.batch(), request, now, dispatcher.deadline(now), readTimeout, probe));
	}

	private boolean hurry(boolean closing) {
		return closing || this.flushes.inProgress();
	}

	/**
	 * Whether nothing is left to send: closing ends here, so the spool's lines (the ones
	 * put there a flush interval after they were logged, too) go in the time left.
	 */
	private boolean isIdle() {
		Dispatcher dispatcher = this.dispatcher;
		return this.queue.isEmpty() && this.pending.size() == 0 && this.lanes.isEmpty()
				&& (dispatcher == null || (dispatcher.inFlightCount() == 0 && !this.scheduler.replayWaits()));
	}

	/**
	 * Whether nothing can be sent before a time: the service takes no events and the next
	 * probe comes later.
	 */
	private boolean nothingCanGoBefore(long deadline) {
		Dispatcher dispatcher = this.dispatcher;
		return dispatcher != null && dispatcher.inFlightCount() == 0 && this.service.isBlocked()
				&& this.gate.opensAt() - deadline >= 0;
	}

	/**
	 * After an unexpected exception: batches no container holds go back to be sent, and
	 * bucket creations that never left are made again.
	 */
	private void recover() {
		Dispatcher dispatcher = this.dispatcher;
		List<Batch> strays = this.ledger.strays((batch) -> this.lanes.contains(batch) || (dispatcher != null
				&& dispatcher.inFlight().stream().anyMatch((exchange) -> exchange.batch == batch)));
		for (Batch batch : strays) {
			this.lanes.resend(batch);
		}
		for (PendingEvents.BucketState state : this.pending.buckets()) {
			if (state.creating && (dispatcher == null || dispatcher.inFlight()
				.stream()
				.noneMatch((exchange) -> exchange.isBucketCreation() && exchange.bucket == state))) {
				state.creating = false;
			}
		}
		if (!strays.isEmpty()) {
			this.warnings.warn("Recovered {} batches the unexpected error left in hand; they are sent again",
					strays.size());
		}
	}

	// ---- sleeping

	private void sleep(long now) {
		long deadline = now + MAX_PARK_NANOS;
		boolean workWaits = !this.lanes.isEmpty();
		for (PendingEvents.BucketState state : this.pending.buckets()) {
			if (!state.events.isEmpty()) {
				if (this.scheduler.isReady(state, now, hurry(this.closeRequested))) {
					workWaits = true;
				}
				deadline = NanoTimes.earlier(deadline, state.firstPendingNanos + this.flushIntervalNanos);
			}
		}
		Dispatcher dispatcher = this.dispatcher;
		if (dispatcher != null) {
			workWaits |= this.spooler.backlogEvents() > 0 && !this.service.isBlocked();
			if (workWaits && dispatcher.hasRoom() && !this.gate.isOpen(now)) {
				// (with the gate open, the scheduler just found nothing it may send: no
				// reason to spin)
				deadline = NanoTimes.earlier(deadline, this.gate.opensAt());
			}
			deadline = dispatcher.earliestDeadline(deadline);
		}
		if (this.closeRequested) {
			deadline = NanoTimes.earlier(deadline, this.closeDeadline);
		}
		if (this.budget != null) {
			deadline = this.budget.nextRelease(deadline);
		}
		int capacityShare = Math.max(1, this.queue.capacity() / 4);
		int threshold = (this.pending.size() == 0 && !workWaits) ? 1
				: Math.max(1, this.config.bufferSize() - this.pending.largestBucket());
		this.wakeThreshold = workWaits ? capacityShare : Math.min(threshold, capacityShare);
		this.queueUnwatched = this.wakeThreshold > 1;
		if (this.queueUnwatched) {
			// events arriving now do not wake the loop: see them within a flush interval
			this.queuedSinceNanos = now;
			deadline = NanoTimes.earlier(deadline, now + this.flushIntervalNanos);
		}
		this.sleeping = true;
		try {
			if ((this.memoryFull || this.queue.size() < this.wakeThreshold) && !this.flushes.hasRequests()
					&& !this.retryNowRequested && (dispatcher == null || !dispatcher.hasAnswers())
					&& !stopJustRequested() && deadline - now > 0) {
				LockSupport.parkNanos(this, deadline - now);
			}
		}
		finally {
			this.sleeping = false;
		}
	}

	private boolean lastSeenStop;

	private boolean stopJustRequested() {
		boolean requested = this.closeRequested;
		boolean changed = requested && !this.lastSeenStop;
		this.lastSeenStop = requested;
		return changed;
	}

	// ---- stopping

	private void shutDown() {
		try {
			Dispatcher dispatcher = this.dispatcher;
			Answers answers = this.answers;
			long now = System.nanoTime();
			if (dispatcher != null && answers != null) {
				Exchange exchange;
				while ((exchange = dispatcher.poll()) != null) {
					answers.completed(exchange, now);
				}
				this.faults.at("stopping");
				for (Exchange inFlight : List.copyOf(dispatcher.inFlight())) {
					dispatcher.inFlight().remove(inFlight);
					if (inFlight.expire()) {
						answers.expired(inFlight, now);
					}
					else {
						// answered since the answers were taken: its answer counts, or
						// its batch would be held by nothing
						answers.completed(inFlight, now);
					}
				}
			}
			drain(now, Integer.MAX_VALUE);
			if (this.budget != null) {
				long at = now;
				this.budget.tick(now, true, (event) -> this.pending.add(event, at));
			}
			this.flushes.completeResolved(this.progress);
			this.router.spoolEverything();
			this.flushes.completeAll(false);
		}
		catch (Throwable ex) {
			this.service.failed();
			logger.error("The Initial State sender could not keep everything it held while stopping", ex);
			giveUpTheRest();
		}
		finally {
			this.finished = true;
			this.flushes.completeAll(false);
			this.spooler.close();
			if (this.offline != null) {
				this.offline.close();
			}
			if (this.dispatcher != null) {
				this.dispatcher.shutdown(1000);
			}
			this.ledger.audit(null);
		}
	}

	/**
	 * The last resort after an error while stopping: count what is still held as dropped.
	 */
	private void giveUpTheRest() {
		try {
			if (this.budget != null) {
				long now = System.nanoTime();
				this.budget.tick(now, true, (event) -> this.pending.add(event, now));
			}
			for (Batch batch : this.ledger.strays((batch) -> false)) {
				this.ledger.dropped(batch, DropReason.SENDER_FAILED);
			}
			for (PendingEvents.BucketState state : this.pending.buckets()) {
				int waiting = state.events.size();
				if (waiting > 0) {
					state.events.clear();
					this.pending.taken(waiting);
					this.ledger.dropped(waiting, DropReason.SENDER_FAILED);
				}
			}
		}
		catch (Throwable ex) {
			logger.error("The Initial State sender could not count what it held", ex);
		}
	}

	boolean isFinished() {
		return this.finished;
	}

	/**
	 * Return how many buckets the sender keeps track of (for tests).
	 * @return the count
	 */
	int buckets() {
		return this.buckets;
	}

}
