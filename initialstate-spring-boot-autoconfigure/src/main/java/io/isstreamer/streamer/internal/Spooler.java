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

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Predicate;

import io.isstreamer.streamer.DropReason;
import io.isstreamer.streamer.Streamer;
import io.isstreamer.streamer.spool.DeadLetters;
import io.isstreamer.streamer.spool.Spool;
import io.isstreamer.streamer.spool.SpoolListener;
import io.isstreamer.streamer.spool.SpoolPosition;
import io.isstreamer.streamer.spool.SpooledBatch;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sender's access to the spool and the dead-letter file beside it, with the books:
 * what the spool finds at open or gives up is counted here, through its listener. Without
 * a spool (disabled, or it could not be opened) every method says so and nothing is
 * written. Used by the sender thread only.
 */
final class Spooler {

	private static final Logger logger = LoggerFactory.getLogger(Streamer.class);

	private final @Nullable Spool spool;

	private final @Nullable DeadLetters deadLetters;

	private final int maxLineBytes;

	private Spooler(@Nullable Spool spool, int maxLineBytes) {
		this.spool = spool;
		this.deadLetters = (spool != null) ? new DeadLetters(spool.directory()) : null;
		this.maxLineBytes = maxLineBytes;
	}

	/**
	 * Open the spool of a configuration, if it has one; a spool that cannot be opened is
	 * reported and left out.
	 * @param config the configuration
	 * @param ledger the books
	 * @return the spooler
	 */
	static Spooler open(StreamerConfig config, Ledger ledger) {
		Path directory = config.spoolDirectory();
		// A line is a request body, but no more than an eighth of the spool, so a small
		// spool can still take lines and gives up only a part of itself when full
		int lineBytes = (int) Math.min(config.maxBatchBytes(), Math.max(1024, config.maxSpoolBytes() / 8));
		if (directory == null || config.offline()) {
			return new Spooler(null, lineBytes);
		}
		try {
			Spool spool = Spool.open(directory, config.maxSpoolBytes(), new SpoolListener() {

				@Override
				public void recovered(long events) {
					ledger.recovered(events);
				}

				@Override
				public void dropped(String bucketKey, long events, DropReason reason) {
					ledger.spoolDropped(events, reason);
				}

			});
			return new Spooler(spool, lineBytes);
		}
		catch (IOException | RuntimeException ex) {
			logger.warn("The Initial State spool is disabled ({}); undeliverable events are held in memory, up to {} "
					+ "events", ex.getMessage(), config.maxBufferedEvents());
			return new Spooler(null, lineBytes);
		}
	}

	static Spooler none(int maxLineBytes) {
		return new Spooler(null, maxLineBytes);
	}

	boolean isAvailable() {
		return this.spool != null;
	}

	@Nullable Spool spool() {
		return this.spool;
	}

	/**
	 * Return the largest line worth writing.
	 * @param maxBatchBytes the current bound on request bodies
	 * @return the bound on a line
	 */
	int maxLineBytes(int maxBatchBytes) {
		return Math.min(this.maxLineBytes, maxBatchBytes);
	}

	/**
	 * Append a body to the spool.
	 * @param bucket its bucket
	 * @param buffer the body, from index 0
	 * @param length its length
	 * @param events the events in it
	 * @return where the line starts, or {@code null} if it was not written
	 */
	@Nullable SpoolPosition append(Bucket bucket, byte[] buffer, int length, int events) {
		Spool spool = this.spool;
		return (spool != null) ? spool.append(bucket.key(), bucket.name(), buffer, length, events) : null;
	}

	@Nullable SpooledBatch appendClaimed(Bucket bucket, byte[] body, int events) {
		Spool spool = this.spool;
		return (spool != null) ? spool.appendClaimed(bucket.key(), bucket.name(), body, events) : null;
	}

	Map<String, SpoolPosition> lastLines() {
		Spool spool = this.spool;
		return (spool != null) ? spool.lastLines() : Map.of();
	}

	@Nullable SpooledBatch claim(Predicate<String> bucketKeyFilter, int maxBytes) {
		Spool spool = this.spool;
		return (spool != null) ? spool.claim(bucketKeyFilter, maxBytes) : null;
	}

	boolean hasClaimable(Predicate<String> bucketKeyFilter) {
		Spool spool = this.spool;
		return spool != null && spool.hasClaimable(bucketKeyFilter);
	}

	void acknowledge(SpooledBatch claim) {
		Spool spool = this.spool;
		if (spool != null) {
			spool.acknowledge(claim);
		}
	}

	boolean release(SpooledBatch claim) {
		Spool spool = this.spool;
		return spool != null && spool.release(claim);
	}

	boolean isDeliveredThrough(String bucketKey, SpoolPosition position) {
		Spool spool = this.spool;
		return spool == null || spool.isDeliveredThrough(bucketKey, position);
	}

	@Nullable SpoolPosition lastLine(String bucketKey) {
		Spool spool = this.spool;
		return (spool != null) ? spool.lastLine(bucketKey) : null;
	}

	long backlogEvents() {
		Spool spool = this.spool;
		return (spool != null) ? spool.backlogEvents() : 0;
	}

	long sizeBytes() {
		Spool spool = this.spool;
		return (spool != null) ? spool.sizeBytes() : 0;
	}

	/**
	 * Keep an event the service refused, if there is a spool directory.
	 * @param bucketKey its bucket
	 * @param status the HTTP status
	 * @param message the service's answer
	 * @param body the event, in a JSON array
	 * @return the file it went to, or {@code null}
	 */
	@Nullable Path deadLetter(String bucketKey, int status, String message, byte[] body) {
		DeadLetters deadLetters = this.deadLetters;
		return (deadLetters != null && deadLetters.write(bucketKey, status, message, body)) ? deadLetters.file() : null;
	}

	/**
	 * Say where events wait while they cannot be sent.
	 * @return the spool directory, or memory, in words
	 */
	String describe() {
		Spool spool = this.spool;
		return (spool != null) ? "the spool " + spool.directory() : "memory (no spool)";
	}

	void close() {
		Spool spool = this.spool;
		if (spool != null) {
			spool.close();
		}
	}

}
