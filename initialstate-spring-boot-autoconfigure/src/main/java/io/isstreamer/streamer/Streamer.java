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

package io.isstreamer.streamer;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;

import org.jspecify.annotations.Nullable;

/**
 * Streams timestamped key/value events to an Initial State bucket: the Java counterpart
 * of ISStreamer's {@code Streamer}.
 * <p>
 * {@code log} calls never block and, unless strict mode is on (debug level 2 or more),
 * never throw: an event is validated, stamped with the time and the current bucket and
 * handed to a bounded queue. One background sender batches, paces and delivers the
 * events. Every accepted event is delivered, kept in the spool on disk, or counted in
 * {@link #stats()} under a named reason.
 * <p>
 * Values may be a {@link CharSequence}, {@link Character}, {@link Boolean}, any
 * {@link Number} or an {@link Enum} (sent as its name); anything else is sent as its
 * {@code toString()}, taken when it is logged. {@code null}, NaN and infinite values are
 * rejected, as are values longer than {@value EventRules#MAX_VALUE_LENGTH} characters and
 * keys that are blank or longer than {@value EventRules#MAX_KEY_LENGTH} characters.
 *
 * @see StreamerBuilder
 */
public interface Streamer extends AutoCloseable {

	/**
	 * Start building a {@link Streamer}.
	 * @return a new builder with every option at its default
	 */
	static StreamerBuilder builder() {
		return new StreamerBuilder();
	}

	/**
	 * Log a value for a key, timestamped now, into the current bucket.
	 * @param key the event key (the name of the stream)
	 * @param value the value
	 * @return whether the event was accepted
	 * @throws IllegalArgumentException in strict mode, when the event breaks a rule
	 * @throws IllegalStateException in strict mode, when the streamer is closed
	 */
	boolean log(String key, @Nullable Object value);

	/**
	 * Log a value for a key with an explicit timestamp, into the current bucket.
	 * @param key the event key
	 * @param value the value
	 * @param epochSeconds seconds since 1970-01-01T00:00:00Z, with a fraction
	 * @return whether the event was accepted
	 * @throws IllegalArgumentException in strict mode, when the event breaks a rule
	 * @throws IllegalStateException in strict mode, when the streamer is closed
	 */
	boolean log(String key, @Nullable Object value, double epochSeconds);

	/**
	 * Log a value for a key with an explicit timestamp, into the current bucket.
	 * @param key the event key
	 * @param value the value
	 * @param timestamp when the value was observed
	 * @return whether the event was accepted
	 * @throws IllegalArgumentException in strict mode, when the event breaks a rule
	 * @throws IllegalStateException in strict mode, when the streamer is closed
	 */
	boolean log(String key, @Nullable Object value, Instant timestamp);

	/**
	 * Log every value of a map, list, array, record or JavaBean, all with one timestamp,
	 * under keys prefixed with {@code dict_}, {@code list_} or the simple class name.
	 * @param object the object to flatten
	 * @return the number of events accepted
	 * @see #logObject(Object, String, double)
	 */
	int logObject(@Nullable Object object);

	/**
	 * Log every value of a map, list, array, record or JavaBean, all with one timestamp.
	 * @param object the object to flatten
	 * @param keyPrefix the key prefix ({@code ""} for none, {@code null} for the default)
	 * @return the number of events accepted
	 * @see #logObject(Object, String, double)
	 */
	int logObject(@Nullable Object object, @Nullable String keyPrefix);

	/**
	 * Log every value of a map, list, array, record or JavaBean, all with the given
	 * timestamp. Keys are {@code <prefix>_<name>}: map keys, list indexes, record
	 * components or bean properties. Nested maps and objects are flattened as
	 * {@code outer_inner} down to three levels; cycles are not followed, and at most
	 * 10,000 values are read.
	 * @param object the object to flatten
	 * @param keyPrefix the key prefix ({@code ""} for none, {@code null} for the default:
	 * {@code dict} for maps, {@code list} for lists and arrays, the simple class name
	 * otherwise)
	 * @param epochSeconds seconds since 1970-01-01T00:00:00Z, with a fraction
	 * @return the number of events accepted
	 */
	int logObject(@Nullable Object object, @Nullable String keyPrefix, double epochSeconds);

	/**
	 * Send events logged from now on to a bucket with the given name and a new random
	 * key, as ISStreamer does. Events logged before still go to their own bucket.
	 * @param bucketName the bucket name shown on Initial State
	 */
	void setBucket(String bucketName);

	/**
	 * Send events logged from now on to the given bucket, creating it first if needed.
	 * Events logged before still go to their own bucket.
	 * @param bucketName the bucket name shown on Initial State
	 * @param bucketKey the bucket key, or {@code null} for a new random key
	 * @throws IllegalArgumentException if the bucket key breaks the service's rules
	 */
	void setBucket(String bucketName, @Nullable String bucketKey);

	/**
	 * Send everything logged so far and wait, at most the flush timeout, until it was
	 * delivered.
	 * @return {@code true} if every event waiting at the call (in memory or in the spool)
	 * was delivered; {@code false} if the timeout passed first, some went to the spool
	 * instead, or the service refuses events for now (nothing is lost either way; events
	 * rejected or dropped before the call do not count)
	 */
	boolean flush();

	/**
	 * Send everything logged so far and wait, at most the given time, until it was
	 * delivered.
	 * @param timeout how long to wait
	 * @return {@code true} if every event logged before the call was delivered
	 * @see #flush()
	 */
	boolean flush(Duration timeout);

	/**
	 * Send everything logged so far without waiting.
	 * @return a future that completes with {@code true} once every event logged before
	 * the call was delivered, or with {@code false} as soon as one of them went to the
	 * spool or was dropped instead; it never completes exceptionally
	 */
	CompletableFuture<Boolean> flushAsync();

	/**
	 * Try the service again now rather than at the next probe, when it was refusing
	 * events (unreachable, access key rejected, quota used up), and replay the spool,
	 * oldest first, as the pacing allows. The spool is also replayed on its own, at start
	 * and whenever the service answers again.
	 * @return a future that completes with {@code true} once everything in the spool and
	 * in memory at the call was delivered, or with {@code false} as soon as the service
	 * refuses events again or some went back to the spool; it never completes
	 * exceptionally
	 */
	CompletableFuture<Boolean> replaySpool();

	/**
	 * Stop accepting events, deliver what is queued and what waits in the spool within
	 * the close timeout, keep the rest in the spool, and stop the background threads.
	 * Calling it again does nothing.
	 */
	@Override
	void close();

	/**
	 * Return a snapshot of the counters.
	 * @return the current statistics
	 */
	StreamerStats stats();

}
