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

package io.isstreamer.streamer.memory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

import io.isstreamer.streamer.EventRules;
import io.isstreamer.streamer.RejectReason;
import io.isstreamer.streamer.ServiceStatus;
import io.isstreamer.streamer.Streamer;
import io.isstreamer.streamer.StreamerStats;
import io.isstreamer.streamer.StreamerStats.State;
import io.isstreamer.streamer.internal.LoggedValues;
import io.isstreamer.streamer.support.RateLimitedLog;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link Streamer} that keeps the events it accepts in memory instead of sending them:
 * no access key, no network, no spool, no thread. Tests inject it to assert what their
 * code logged with {@link #events()}, and forget it with {@link #clear()}.
 * <p>
 * It accepts and refuses events by the same rules as the streamer the builder makes:
 * keys, values and timestamps are checked and values read at the call; refused events are
 * counted and warned about, or thrown at debug level 2 or more (strict mode); events
 * logged once closed are refused. An accepted event counts as delivered at once, so
 * {@link #flush()} always succeeds and {@link #stats()} shows nothing pending or spooled.
 * <p>
 * It keeps the latest {@value #MAX_RECORDED_EVENTS} events; older ones are forgotten,
 * though still counted, so a long test run cannot fill the heap.
 */
public final class InMemoryStreamer implements Streamer {

	/**
	 * Most events kept at once.
	 */
	public static final int MAX_RECORDED_EVENTS = 100_000;

	/**
	 * The real streamer's logger, so refused events are warned about in the same place.
	 */
	private static final Logger logger = LoggerFactory.getLogger(Streamer.class);

	private static final long MICROS_PER_SECOND = 1_000_000L;

	private final boolean strict;

	private final Clock clock;

	private final ConcurrentLinkedDeque<RecordedEvent> events = new ConcurrentLinkedDeque<>();

	private final AtomicInteger size = new AtomicInteger();

	private final LongAdder logged = new LongAdder();

	private final LongAdder delivered = new LongAdder();

	private final LongAdder[] rejected = new LongAdder[RejectReason.values().length];

	private final RateLimitedLog rejections = new RateLimitedLog(logger, Duration.ofSeconds(10));

	private volatile Bucket bucket;

	private volatile State state = State.RUNNING;

	/**
	 * Create a streamer that records into a bucket with a random key, in lenient mode.
	 */
	public InMemoryStreamer() {
		this(null, null, 0, Clock.systemUTC());
	}

	/**
	 * Create a streamer that records into the given bucket, in lenient mode.
	 * @param bucketName the bucket name, or {@code null} for the key
	 * @param bucketKey the bucket key, or {@code null} for a random one
	 * @throws IllegalArgumentException if the bucket key or name breaks the service's
	 * rules
	 */
	public InMemoryStreamer(@Nullable String bucketName, @Nullable String bucketKey) {
		this(bucketName, bucketKey, 0, Clock.systemUTC());
	}

	/**
	 * Create a streamer.
	 * @param bucketName the bucket name, or {@code null} for the key
	 * @param bucketKey the bucket key, or {@code null} for a random one
	 * @param debugLevel the debug level: at 2 or more, a refused event throws
	 * @param clock the clock that stamps events logged without a timestamp
	 * @throws IllegalArgumentException if the bucket key or name breaks the service's
	 * rules
	 */
	public InMemoryStreamer(@Nullable String bucketName, @Nullable String bucketKey, int debugLevel, Clock clock) {
		String key = (bucketKey != null) ? bucketKey : UUID.randomUUID().toString();
		String name = (bucketName != null) ? bucketName : key;
		this.bucket = bucket(name, key);
		this.strict = debugLevel >= 2;
		this.clock = clock;
		for (int i = 0; i < this.rejected.length; i++) {
			this.rejected[i] = new LongAdder();
		}
	}

	@Override
	public boolean log(String key, @Nullable Object value) {
		return accept(key, value, LoggedValues.toMicros(this.clock.instant()));
	}

	@Override
	public boolean log(String key, @Nullable Object value, double epochSeconds) {
		RejectReason problem = EventRules.checkEpoch(epochSeconds);
		return (problem != null) ? reject(key, problem) : accept(key, value, LoggedValues.toMicros(epochSeconds));
	}

	@Override
	public boolean log(String key, @Nullable Object value, Instant timestamp) {
		RejectReason problem = EventRules.checkEpoch(timestamp);
		return (problem != null) ? reject(key, problem) : accept(key, value, LoggedValues.toMicros(timestamp));
	}

	@Override
	public int logObject(@Nullable Object object) {
		return logObject(object, null, LoggedValues.toMicros(this.clock.instant()));
	}

	@Override
	public int logObject(@Nullable Object object, @Nullable String keyPrefix) {
		return logObject(object, keyPrefix, LoggedValues.toMicros(this.clock.instant()));
	}

	@Override
	public int logObject(@Nullable Object object, @Nullable String keyPrefix, double epochSeconds) {
		RejectReason problem = EventRules.checkEpoch(epochSeconds);
		if (problem != null) {
			reject(keyPrefix, problem);
			return 0;
		}
		return logObject(object, keyPrefix, LoggedValues.toMicros(epochSeconds));
	}

	/**
	 * Log the values of an object, all with one timestamp and into one bucket; in strict
	 * mode all or nothing, as the real streamer does.
	 */
	private int logObject(@Nullable Object object, @Nullable String keyPrefix, long epochMicros) {
		if (this.state != State.RUNNING) {
			reject(keyPrefix, RejectReason.STREAMER_CLOSED);
			return 0;
		}
		Bucket bucket = this.bucket;
		List<RecordedEvent> accepted = new ArrayList<>();
		for (Map.Entry<String, Object> entry : LoggedValues.flatten(object, keyPrefix)) {
			RejectReason problem = EventRules.checkKey(entry.getKey());
			if (problem == null && entry.getValue() instanceof RejectReason reason) {
				problem = reason;
			}
			if (problem != null) {
				// in strict mode this throws, and nothing of the object is recorded
				reject(entry.getKey(), problem);
				continue;
			}
			accepted.add(event(bucket, entry.getKey(), entry.getValue(), epochMicros));
		}
		accepted.forEach(this::record);
		return accepted.size();
	}

	private boolean accept(String key, @Nullable Object value, long epochMicros) {
		if (this.state != State.RUNNING) {
			return reject(key, RejectReason.STREAMER_CLOSED);
		}
		RejectReason problem = EventRules.checkKey(key);
		if (problem != null) {
			return reject(key, problem);
		}
		Object normalized = LoggedValues.normalize(value);
		if (normalized instanceof RejectReason reason) {
			return reject(key, reason);
		}
		record(event(this.bucket, key, normalized, epochMicros));
		return true;
	}

	private void record(RecordedEvent event) {
		this.logged.increment();
		this.delivered.increment();
		this.events.addLast(event);
		if (this.size.incrementAndGet() > MAX_RECORDED_EVENTS && this.events.pollFirst() != null) {
			this.size.decrementAndGet();
		}
	}

	private boolean reject(@Nullable String key, RejectReason reason) {
		this.logged.increment();
		this.rejected[reason.ordinal()].increment();
		String message = "Initial State event rejected for key '" + abbreviate(key) + "': " + reason.description();
		if (this.strict) {
			if (reason == RejectReason.STREAMER_CLOSED) {
				throw new IllegalStateException(message);
			}
			throw new IllegalArgumentException(message);
		}
		this.rejections.warn("{} (set the debug level to 2 to throw instead)", message);
		return false;
	}

	@Override
	public void setBucket(String bucketName) {
		setBucket(bucketName, null);
	}

	@Override
	public void setBucket(String bucketName, @Nullable String bucketKey) {
		this.bucket = bucket(bucketName, (bucketKey != null) ? bucketKey : UUID.randomUUID().toString());
	}

	/**
	 * Everything accepted counts as delivered at once.
	 * @return {@code true}
	 */
	@Override
	public boolean flush() {
		return true;
	}

	/**
	 * Everything accepted counts as delivered at once.
	 * @param timeout ignored
	 * @return {@code true}
	 */
	@Override
	public boolean flush(Duration timeout) {
		return true;
	}

	@Override
	public CompletableFuture<Boolean> flushAsync() {
		return CompletableFuture.completedFuture(true);
	}

	@Override
	public CompletableFuture<Boolean> replaySpool() {
		return CompletableFuture.completedFuture(true);
	}

	/**
	 * Refuse events from now on. The recorded events stay readable.
	 */
	@Override
	public void close() {
		this.state = State.CLOSED;
	}

	@Override
	public StreamerStats stats() {
		Bucket bucket = this.bucket;
		Map<RejectReason, Long> rejectedByReason = new EnumMap<>(RejectReason.class);
		long rejectedTotal = 0;
		for (RejectReason reason : RejectReason.values()) {
			long count = this.rejected[reason.ordinal()].sum();
			if (count > 0) {
				rejectedByReason.put(reason, count);
				rejectedTotal += count;
			}
		}
		return new StreamerStats(this.state, ServiceStatus.OK, bucket.key(), bucket.name(), this.logged.sum(),
				rejectedTotal, rejectedByReason, this.delivered.sum(), 0, 0, 0, 0, 0, 0, 0, 0, Map.of(), 0, Map.of(), 0,
				Map.of(), 0, null, null, null, null, 0, 0);
	}

	/**
	 * Return the events recorded so far, oldest first.
	 * @return a copy of the events
	 */
	public List<RecordedEvent> events() {
		return List.copyOf(this.events);
	}

	/**
	 * Return the events recorded so far for one key, oldest first.
	 * @param key the event key
	 * @return a copy of those events
	 */
	public List<RecordedEvent> events(String key) {
		return this.events.stream().filter((event) -> event.key().equals(key)).toList();
	}

	/**
	 * Return the values recorded so far for one key, oldest first, as they would be sent.
	 * @param key the event key
	 * @return the values
	 */
	public List<Object> values(String key) {
		return this.events.stream().filter((event) -> event.key().equals(key)).map(RecordedEvent::value).toList();
	}

	/**
	 * Forget the events recorded so far, for example between two tests that share an
	 * application context. The counters of {@link #stats()} keep counting.
	 */
	public void clear() {
		while (this.events.pollFirst() != null) {
			this.size.decrementAndGet();
		}
	}

	@Override
	public String toString() {
		return "InMemoryStreamer[bucketKey=" + this.bucket.key() + ", state=" + this.state + ", recorded="
				+ this.size.get() + "]";
	}

	private static RecordedEvent event(Bucket bucket, String key, Object value, long epochMicros) {
		Instant timestamp = Instant.ofEpochSecond(Math.floorDiv(epochMicros, MICROS_PER_SECOND),
				Math.floorMod(epochMicros, MICROS_PER_SECOND) * 1_000);
		return new RecordedEvent(key, value, timestamp, bucket.key(), bucket.name());
	}

	private static Bucket bucket(String name, String key) {
		String problem = EventRules.bucketKeyProblem(key);
		if (problem == null) {
			problem = EventRules.bucketNameProblem(name);
		}
		if (problem != null) {
			throw new IllegalArgumentException("Cannot switch to bucket '" + abbreviate(name) + "': " + problem);
		}
		return new Bucket(key, name);
	}

	private static String abbreviate(@Nullable String text) {
		if (text == null) {
			return "null";
		}
		return (text.length() <= 64) ? text : text.substring(0, 64) + "...";
	}

	private record Bucket(String key, String name) {

	}

}
