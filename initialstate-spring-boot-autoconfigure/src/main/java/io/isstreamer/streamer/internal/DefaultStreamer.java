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
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import io.isstreamer.streamer.DropReason;
import io.isstreamer.streamer.EventRules;
import io.isstreamer.streamer.ManagedStreamer;
import io.isstreamer.streamer.RejectReason;
import io.isstreamer.streamer.ServiceStatus;
import io.isstreamer.streamer.Streamer;
import io.isstreamer.streamer.StreamerStats;
import io.isstreamer.streamer.StreamerStats.State;
import io.isstreamer.streamer.support.RateLimitedLog;
import org.jctools.queues.varhandle.MpscVarHandleArrayQueue;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link Streamer} made by the builder. {@code log} validates on the caller's thread,
 * stamps the time and the current bucket, and offers the event to a bounded lock-free
 * queue: no lock, no wait, no I/O. The {@link Engine} (the sender thread, its request
 * threads, the HTTP client and the spool) runs between {@link #start()} and
 * {@link #stop()}; the queue and the {@link Ledger} outlive it, so events logged while it
 * is stopped wait for the next start, and the books stay whole.
 */
public final class DefaultStreamer implements ManagedStreamer {

	private static final Logger logger = LoggerFactory.getLogger(Streamer.class);

	private static final AtomicInteger INSTANCES = new AtomicInteger();

	private final StreamerConfig config;

	private final int instance = INSTANCES.incrementAndGet();

	private final MpscVarHandleArrayQueue<Event> queue;

	private final long memoryBudget;

	private final Ledger ledger;

	/**
	 * The month's events at the pace delivered, kept over restarts of the engine.
	 */
	private final MonthlyProjection projection = new MonthlyProjection(System.nanoTime());

	private final RateLimitedLog rejections = new RateLimitedLog(logger, Duration.ofSeconds(10));

	private final Object lifecycle = new Object();

	private volatile Bucket bucket;

	private volatile State state = State.STOPPED;

	private volatile boolean failed;

	private volatile @Nullable Engine engine;

	private volatile long lastSpoolBytes;

	/**
	 * The budget guard of the latest engine, for its figures while stopped.
	 */

	private volatile @Nullable Thread shutdownHook;

	/**
	 * Create a streamer, stopped.
	 * @param config the validated options
	 */
	public DefaultStreamer(StreamerConfig config) {
		this.config = config;
		this.bucket = new Bucket(config.bucketKey(), config.bucketName());
		// The queue takes half of the events allowed in memory, the sender's batches the
		// rest
		this.queue = new MpscVarHandleArrayQueue<>(Math.max(2, config.maxBufferedEvents() / 2));
		this.memoryBudget = Math.max(1, config.maxBufferedEvents() - this.queue.capacity());
		this.ledger = new Ledger(config.diagnostics().audit());
	}

	// ---- lifecycle

	@Override
	public void start() {
		synchronized (this.lifecycle) {
			if (this.state == State.CLOSING || this.state == State.CLOSED) {
				throw new IllegalStateException("The Initial State streamer is closed");
			}
			if (this.failed) {
				throw new IllegalStateException("The Initial State streamer's sender failed; see the log");
			}
			if (this.engine == null) {
				this.engine = startEngine();
				this.state = State.RUNNING;
			}
		}
	}

	private Engine startEngine() {
		return Engine.start(this.config, this.queue, this.ledger, this.projection, this.memoryBudget, this.instance,
				this::senderFailed, this::engineEnded);
	}

	/**
	 * Start and, if the options ask for it, register a JVM shutdown hook that closes the
	 * streamer: what the builder's {@code build()} does.
	 * @return this streamer
	 */
	public DefaultStreamer startWithShutdownHook() {
		start();
		if (this.config.shutdownHook()) {
			Thread hook = new Thread(this::closeOnShutdown, "initialstate-shutdown-" + this.instance);
			Runtime.getRuntime().addShutdownHook(hook);
			this.shutdownHook = hook;
		}
		return this;
	}

	private void closeOnShutdown() {
		this.shutdownHook = null;
		close();
	}

	@Override
	public void stop() {
		stopEngine(deadline(this.config.closeTimeout()));
		synchronized (this.lifecycle) {
			if (this.state == State.RUNNING) {
				this.state = State.STOPPED;
			}
		}
	}

	@Override
	public boolean isRunning() {
		return this.engine != null;
	}

	private void stopEngine(long deadlineNanos) {
		Engine engine;
		synchronized (this.lifecycle) {
			engine = this.engine;
		}
		if (engine != null) {
			this.lastSpoolBytes = engine.spoolBytes();
			engine.stop(deadlineNanos);
			synchronized (this.lifecycle) {
				// a sender stuck past its deadline still owns the queue: it lets go
				// when it ends (engineEnded)
				if (this.engine == engine && engine.isFinished()) {
					this.engine = null;
				}
			}
			reportStopped(engine);
		}
	}

	/**
	 * Called on the sender thread as soon as it stops on an error: events are refused
	 * from now on, while it spools what it holds.
	 */
	private void senderFailed() {
		this.failed = true;
	}

	/**
	 * Called on the sender thread when it ends, whatever the reason.
	 */
	private void engineEnded(Engine engine) {
		boolean failedNow = engine.status() == ServiceStatus.FAILED;
		synchronized (this.lifecycle) {
			if (failedNow) {
				this.failed = true;
			}
			if (this.engine == engine) {
				this.lastSpoolBytes = engine.spoolBytes();
				this.engine = null;
			}
		}
		strandedInQueue(failedNow ? DropReason.SENDER_FAILED : DropReason.STREAMER_CLOSED);
	}

	@Override
	public void close() {
		synchronized (this.lifecycle) {
			if (this.state == State.CLOSING || this.state == State.CLOSED) {
				return;
			}
			this.state = State.CLOSING;
		}
		long deadline = deadline(this.config.closeTimeout());
		try {
			stopEngine(deadline);
			boolean finalPass;
			synchronized (this.lifecycle) {
				// logged while it was stopped: deliver or spool them in the time
				// left, unless the sender that was stopped has not let go of the queue
				finalPass = this.engine == null && !this.queue.isEmpty() && !this.failed;
				if (finalPass) {
					this.engine = startEngine();
				}
			}
			if (finalPass) {
				stopEngine(deadline);
			}
		}
		finally {
			synchronized (this.lifecycle) {
				this.state = State.CLOSED;
			}
			strandedInQueue(DropReason.STREAMER_CLOSED);
			removeShutdownHook();
		}
	}

	private void removeShutdownHook() {
		Thread hook = this.shutdownHook;
		this.shutdownHook = null;
		if (hook != null) {
			try {
				Runtime.getRuntime().removeShutdownHook(hook);
			}
			catch (IllegalStateException ex) {
				// the JVM is shutting down already
			}
		}
	}

	/**
	 * Events offered in the instant the sender took its last look at the queue: nobody
	 * will send them, so they are counted, as they would have been refused a moment
	 * later.
	 */
	private void strandedInQueue(DropReason reason) {
		synchronized (this.lifecycle) {
			if (this.engine == null && (this.state == State.CLOSED || this.failed)) {
				int stranded = this.queue.drain((event) -> {
				});
				if (stranded > 0) {
					this.ledger.strandedInQueue(stranded, reason);
				}
			}
		}
	}

	private void reportStopped(Engine engine) {
		Ledger.Books books = this.ledger.snapshot();
		if (books.spoolBacklog() > 0) {
			logger.info(
					"Initial State streamer stopped: {} events delivered; {} events wait in the spool {} and are "
							+ "sent at the next start",
					books.delivered(), books.spoolBacklog(), engine.spoolDirectory());
		}
		else {
			logger.info("Initial State streamer stopped: {} events delivered, none left waiting", books.delivered());
		}
	}

	// ---- logging events

	@Override
	public boolean log(String key, @Nullable Object value) {
		return accept(key, value, Values.nowMicros());
	}

	@Override
	public boolean log(String key, @Nullable Object value, double epochSeconds) {
		RejectReason problem = EventRules.checkEpoch(epochSeconds);
		return (problem != null) ? reject(key, problem) : accept(key, value, Values.toMicros(epochSeconds));
	}

	@Override
	public boolean log(String key, @Nullable Object value, Instant timestamp) {
		RejectReason problem = EventRules.checkEpoch(timestamp);
		return (problem != null) ? reject(key, problem) : accept(key, value, Values.toMicros(timestamp));
	}

	private boolean accept(String key, @Nullable Object value, long epochMicros) {
		RejectReason closed = closedReason();
		if (closed != null) {
			return reject(key, closed);
		}
		RejectReason problem = EventRules.checkKey(key);
		if (problem != null) {
			return reject(key, problem);
		}
		Object normalized = Values.normalize(value);
		if (normalized instanceof RejectReason reason) {
			return reject(key, reason);
		}
		return enqueue(new Event(this.bucket, key, normalized, epochMicros));
	}

	private @Nullable RejectReason closedReason() {
		State state = this.state;
		if (state == State.CLOSING || state == State.CLOSED) {
			return RejectReason.STREAMER_CLOSED;
		}
		return this.failed ? RejectReason.STREAMER_FAILED : null;
	}

	private boolean enqueue(Event event) {
		this.ledger.accepted();
		if (!this.queue.offer(event)) {
			this.ledger.queueFull();
			this.rejections.warn(
					"Dropped an event for key '{}': the queue of {} events is full, the sender cannot keep up",
					abbreviate(event.key), this.queue.capacity());
			return false;
		}
		Engine engine = this.engine;
		if (engine != null) {
			engine.eventAdded();
		}
		else if (this.state == State.CLOSED || this.failed) {
			strandedInQueue(this.failed ? DropReason.SENDER_FAILED : DropReason.STREAMER_CLOSED);
		}
		return true;
	}

	private boolean reject(@Nullable String key, RejectReason reason) {
		this.ledger.rejected(reason);
		String message = "Initial State event rejected for key '" + abbreviate(key) + "': " + reason.description();
		if (this.config.strict()) {
			if (reason == RejectReason.STREAMER_CLOSED || reason == RejectReason.STREAMER_FAILED) {
				throw new IllegalStateException(message);
			}
			throw new IllegalArgumentException(message);
		}
		this.rejections.warn("{} (set the debug level to 2 to throw instead)", message);
		return false;
	}

	@Override
	public int logObject(@Nullable Object object) {
		return logObject(object, null, Values.nowMicros());
	}

	@Override
	public int logObject(@Nullable Object object, @Nullable String keyPrefix) {
		return logObject(object, keyPrefix, Values.nowMicros());
	}

	@Override
	public int logObject(@Nullable Object object, @Nullable String keyPrefix, double epochSeconds) {
		RejectReason problem = EventRules.checkEpoch(epochSeconds);
		if (problem != null) {
			return (reject(keyPrefix, problem)) ? 1 : 0;
		}
		return logObject(object, keyPrefix, Values.toMicros(epochSeconds));
	}

	/**
	 * Log the values of an object, all with one timestamp and into one bucket. In strict
	 * mode the call is all or nothing: a bad value throws before any event is queued.
	 */
	private int logObject(@Nullable Object object, @Nullable String keyPrefix, long epochMicros) {
		RejectReason closed = closedReason();
		if (closed != null) {
			reject(keyPrefix, closed);
			return 0;
		}
		List<ObjectFlattener.Pair> pairs = ObjectFlattener.flatten(object, keyPrefix);
		Bucket bucket = this.bucket;
		List<Event> events = new ArrayList<>(pairs.size());
		int rejected = 0;
		for (ObjectFlattener.Pair pair : pairs) {
			RejectReason problem = EventRules.checkKey(pair.key());
			Object value = (pair.value() instanceof ObjectFlattener.Unreadable) ? RejectReason.VALUE_UNREADABLE
					: Values.normalize(pair.value());
			if (problem == null && value instanceof RejectReason reason) {
				problem = reason;
			}
			if (problem != null) {
				rejected++;
				if (!this.config.strict()) {
					reject(pair.key(), problem);
					continue;
				}
				if (rejected == 1) {
					try {
						reject(pair.key(), problem);
					}
					finally {
						events.clear();
					}
				}
			}
			events.add(new Event(bucket, pair.key(), value, epochMicros));
		}
		int accepted = 0;
		for (Event event : events) {
			accepted += enqueue(event) ? 1 : 0;
		}
		return accepted;
	}

	@Override
	public void setBucket(String bucketName) {
		setBucket(bucketName, null);
	}

	@Override
	public void setBucket(String bucketName, @Nullable String bucketKey) {
		String key = (bucketKey != null) ? bucketKey : UUID.randomUUID().toString();
		String problem = EventRules.bucketKeyProblem(key);
		if (problem == null) {
			problem = EventRules.bucketNameProblem(bucketName);
		}
		if (problem != null) {
			throw new IllegalArgumentException("Cannot switch to bucket '" + abbreviate(bucketName) + "': " + problem);
		}
		this.bucket = new Bucket(key, bucketName);
	}

	// ---- flushing

	@Override
	public boolean flush() {
		return flush(this.config.flushTimeout());
	}

	@Override
	public boolean flush(Duration timeout) {
		Objects.requireNonNull(timeout, "timeout must not be null");
		CompletableFuture<Boolean> flushed = flushAsync();
		try {
			long nanos = saturatedNanos(timeout);
			return (nanos <= 0) ? flushed.getNow(false) : flushed.get(nanos, TimeUnit.NANOSECONDS);
		}
		catch (TimeoutException | ExecutionException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	@Override
	public CompletableFuture<Boolean> flushAsync() {
		Engine engine = this.engine;
		if (engine == null) {
			// nothing sends while stopped: only an empty streamer is flushed
			Ledger.Books books = this.ledger.snapshot();
			return CompletableFuture.completedFuture(books.pending() == 0 && books.spoolBacklog() == 0);
		}
		return engine.flush();
	}

	@Override
	public CompletableFuture<Boolean> replaySpool() {
		Engine engine = this.engine;
		if (engine != null) {
			engine.retryNow();
		}
		return flushAsync();
	}

	// ---- reading

	@Override
	public StreamerStats stats() {
		Ledger.Books books = this.ledger.snapshot();
		Bucket bucket = this.bucket;
		Engine engine = this.engine;
		ServiceStatus status = (engine != null) ? engine.status()
				: this.failed ? ServiceStatus.FAILED : this.config.offline() ? ServiceStatus.OFFLINE : ServiceStatus.OK;
		long spoolBytes = (engine != null) ? engine.spoolBytes() : this.lastSpoolBytes;
		return new StreamerStats(this.state, status, bucket.key(), bucket.name(), books.logged(), books.rejected(),
				books.rejectedByReason(), books.delivered(), books.pending(), books.queued(), books.spooled(),
				books.replayed(), books.recovered(), books.spoolBacklog(), spoolBytes, books.dropped(),
				books.droppedByReason(), books.coalesced(), books.coalescedByKey(), books.requests(),
				books.requestsByStatus(), books.requestFailures(), books.lastSuccess(), books.lastError(),
				books.lastErrorTime(), books.failingSince(), this.config.monthlyEventBudget(),
				this.projection.latest());
	}

	/**
	 * Return how many buckets the running sender keeps track of (for tests).
	 * @return the count, 0 when stopped
	 */
	public int bucketsInMemory() {
		Engine engine = this.engine;
		return (engine != null) ? engine.buckets() : 0;
	}

	/**
	 * Return what audit mode found out of balance (for tests).
	 * @return the violations, empty if none or not auditing
	 */
	public List<String> ledgerViolations() {
		return this.ledger.violations();
	}

	@Override
	public String toString() {
		return "DefaultStreamer[bucketKey=" + this.bucket.key() + ", state=" + this.state + ", "
				+ (this.config.offline() ? "offline" : this.config.apiBase()) + "]";
	}

	/**
	 * Return a duration in nanoseconds, saturated rather than overflowing.
	 * @param duration the duration
	 * @return the nanoseconds, at most {@link Long#MAX_VALUE}
	 */
	static long saturatedNanos(Duration duration) {
		try {
			return duration.toNanos();
		}
		catch (ArithmeticException ex) {
			return duration.isNegative() ? Long.MIN_VALUE : Long.MAX_VALUE;
		}
	}

	/**
	 * Return the time a duration from now, saturated: far enough for any wait.
	 */
	private static long deadline(Duration duration) {
		long now = System.nanoTime();
		long nanos = Math.min(saturatedNanos(duration), Long.MAX_VALUE / 4);
		return now + nanos;
	}

	private static String abbreviate(@Nullable String text) {
		if (text == null) {
			return "null";
		}
		return (text.length() <= 64) ? text : text.substring(0, 64) + "...";
	}

}
