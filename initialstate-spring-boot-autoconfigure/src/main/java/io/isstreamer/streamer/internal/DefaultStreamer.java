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
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import io.isstreamer.streamer.DropReason;
import io.isstreamer.streamer.EventRules;
import io.isstreamer.streamer.RejectReason;
import io.isstreamer.streamer.Streamer;
import io.isstreamer.streamer.StreamerStats;
import io.isstreamer.streamer.StreamerStats.State;
import io.isstreamer.streamer.spool.Spool;
import io.isstreamer.streamer.transport.HttpTransport;
import io.isstreamer.streamer.transport.Transport;
import io.isstreamer.streamer.support.RateLimitedLog;
import org.jctools.queues.MpscArrayQueue;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link Streamer} made by the builder. {@code log} validates on the caller's thread,
 * stamps the time and the current bucket, and offers the event to a bounded lock-free
 * queue: no lock, no wait, no I/O. One {@link Sender} thread does the rest.
 */
public final class DefaultStreamer implements Streamer {

	private static final Logger logger = LoggerFactory.getLogger(Streamer.class);

	private static final AtomicInteger INSTANCES = new AtomicInteger();

	/**
	 * Time allowed, past the close timeout, to write what is left to the spool.
	 */
	private static final long SPOOL_GRACE_MILLIS = 5_000;

	private final StreamerConfig config;

	private final MpscArrayQueue<Event> queue;

	private final Counters counters = new Counters();

	private final RateLimitedLog rejections = new RateLimitedLog(logger, Duration.ofSeconds(10));

	private final @Nullable Transport ownTransport;

	private final Sender sender;

	private final Thread senderThread;

	private final ExecutorService io;

	private final Object lifecycle = new Object();

	private volatile Bucket bucket;

	private volatile State state = State.RUNNING;

	/**
	 * Create and start a streamer.
	 * @param config the validated options
	 */
	public DefaultStreamer(StreamerConfig config) {
		this.config = config;
		this.bucket = new Bucket(config.bucketKey(), config.bucketName());
		this.queue = new MpscArrayQueue<>(config.maxBufferedEvents());
		Transport transport = config.transport();
		if (transport == null && !config.offline()) {
			transport = new HttpTransport(
					new HttpTransport.Settings(config.apiBase(), config.accessKey(), config.apiVersion(),
							config.connectTimeout(), config.readTimeout(), config.proxy(), config.sslContext()));
			this.ownTransport = transport;
		}
		else {
			this.ownTransport = null;
		}
		int instance = INSTANCES.incrementAndGet();
		this.sender = new Sender(config, this.queue, this.counters, transport);
		this.senderThread = new Thread(this.sender, "initialstate-sender-" + instance);
		this.senderThread.setDaemon(true);
		this.io = Executors.newSingleThreadExecutor((runnable) -> {
			Thread thread = new Thread(runnable, "initialstate-io-" + instance);
			thread.setDaemon(true);
			return thread;
		});
		this.sender.start(this.senderThread, this.io);
	}

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
		if (timestamp == null) {
			return reject(key, RejectReason.EPOCH_INVALID);
		}
		RejectReason problem = EventRules.checkEpoch(timestamp.getEpochSecond() + timestamp.getNano() / 1e9);
		return (problem != null) ? reject(key, problem) : accept(key, value, Values.toMicros(timestamp));
	}

	private boolean accept(String key, @Nullable Object value, long epochMicros) {
		if (this.state != State.RUNNING) {
			return reject(key, RejectReason.STREAMER_CLOSED);
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

	private boolean enqueue(Event event) {
		this.counters.logged.increment();
		if (!this.queue.offer(event)) {
			this.counters.dropped(DropReason.QUEUE_FULL, 1);
			this.rejections.warn(
					"Dropped an event for key '{}': the queue of {} events is full, the sender cannot keep up",
					abbreviate(event.key), this.queue.capacity());
			return false;
		}
		this.sender.eventAdded();
		if (this.state == State.CLOSED) {
			strandedAfterClose();
		}
		return true;
	}

	private boolean reject(@Nullable String key, RejectReason reason) {
		this.counters.logged.increment();
		this.counters.rejected(reason);
		String message = "Initial State event rejected for key '" + abbreviate(key) + "': " + reason.description();
		if (this.config.strict()) {
			if (reason == RejectReason.STREAMER_CLOSED) {
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
		if (this.state != State.RUNNING) {
			reject(keyPrefix, RejectReason.STREAMER_CLOSED);
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

	@Override
	public boolean flush() {
		return flush(this.config.flushTimeout());
	}

	@Override
	public boolean flush(Duration timeout) {
		try {
			return flushAsync().get(timeout.toNanos(), TimeUnit.NANOSECONDS);
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
		if (this.state == State.CLOSED) {
			return CompletableFuture.completedFuture(this.queue.isEmpty() && this.sender.held() == 0);
		}
		return this.sender.flush();
	}

	@Override
	public CompletableFuture<Boolean> replaySpool() {
		this.sender.retryNow();
		return flushAsync();
	}

	@Override
	public void close() {
		synchronized (this.lifecycle) {
			if (this.state == State.RUNNING) {
				this.state = State.CLOSING;
				this.sender.requestClose(System.nanoTime() + this.config.closeTimeout().toNanos());
			}
		}
		try {
			this.senderThread.join(this.config.closeTimeout().toMillis() + SPOOL_GRACE_MILLIS);
			this.io.shutdownNow();
			this.io.awaitTermination(1, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		synchronized (this.lifecycle) {
			if (this.state != State.CLOSED && !this.senderThread.isAlive()) {
				if (this.ownTransport != null) {
					this.ownTransport.close();
				}
				this.state = State.CLOSED;
			}
		}
		strandedAfterClose();
	}

	/**
	 * An event offered while the streamer closed may have reached the queue after the
	 * sender's last look: count it as refused, as it would have been a moment later.
	 */
	private void strandedAfterClose() {
		synchronized (this.lifecycle) {
			if (this.state == State.CLOSED) {
				this.queue.drain((event) -> this.counters.rejected(RejectReason.STREAMER_CLOSED));
			}
		}
	}

	@Override
	public StreamerStats stats() {
		Bucket bucket = this.bucket;
		Spool spool = this.sender.spool();
		long queued = this.queue.size();
		return new StreamerStats(this.state, this.sender.status(), bucket.key(), bucket.name(),
				this.counters.logged.sum(), this.counters.rejectedTotal(), this.counters.rejectedByReason(),
				this.counters.delivered.get(), queued + this.sender.held(), queued, this.counters.spooled.get(),
				this.counters.replayed.get(), this.sender.recovered(), (spool != null) ? spool.backlogEvents() : 0,
				(spool != null) ? spool.sizeBytes() : 0, this.counters.droppedTotal(), this.counters.droppedByReason(),
				this.counters.requests.get(), this.counters.requestsByStatus(), this.counters.requestFailures.get(),
				this.counters.lastSuccess(), this.counters.lastError(), this.counters.lastErrorTime(),
				this.counters.failingSince());
	}

	@Override
	public String toString() {
		return "DefaultStreamer[bucketKey=" + this.bucket.key() + ", state=" + this.state + ", "
				+ (this.config.offline() ? "offline" : this.config.apiBase()) + "]";
	}

	private static String abbreviate(@Nullable String text) {
		if (text == null) {
			return "null";
		}
		return (text.length() <= 64) ? text : text.substring(0, 64) + "...";
	}

}
