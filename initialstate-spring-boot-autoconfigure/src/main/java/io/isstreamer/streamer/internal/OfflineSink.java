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
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

import io.isstreamer.streamer.DropReason;
import io.isstreamer.streamer.Streamer;
import io.isstreamer.streamer.support.RateLimitedLog;
import io.isstreamer.streamer.transport.OfflineCsvWriter;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The offline mode's sink: ready events are written to the CSV file instead of being
 * sent, and count as delivered; events the file cannot take are given up and counted.
 * Used by the sender thread only.
 */
final class OfflineSink {

	private static final Logger logger = LoggerFactory.getLogger(Streamer.class);

	private final StreamerConfig config;

	private final Ledger ledger;

	private final @Nullable OfflineCsvWriter writer;

	private final RateLimitedLog warnings = new RateLimitedLog(logger, Duration.ofSeconds(30));

	private OfflineSink(StreamerConfig config, Ledger ledger, @Nullable OfflineCsvWriter writer) {
		this.config = config;
		this.ledger = ledger;
		this.writer = writer;
	}

	static OfflineSink open(StreamerConfig config, Ledger ledger) {
		try {
			OfflineCsvWriter writer = new OfflineCsvWriter(config.offlineFile());
			logger.info("Initial State streamer is offline: writing events to {}",
					config.offlineFile().toAbsolutePath());
			return new OfflineSink(config, ledger, writer);
		}
		catch (IOException ex) {
			logger.error("Cannot open the offline file {} ({}); events will be counted as dropped",
					config.offlineFile().toAbsolutePath(), ex.toString());
			return new OfflineSink(config, ledger, null);
		}
	}

	/**
	 * Write the events of the buckets that are ready.
	 * @param pending the events in memory
	 * @param ready which buckets are ready
	 * @param flushNow whether to flush the file to disk after writing
	 */
	void write(PendingEvents pending, Predicate<PendingEvents.BucketState> ready, boolean flushNow) {
		boolean wrote = false;
		for (PendingEvents.BucketState state : List.copyOf(pending.buckets())) {
			if (state.events.isEmpty() || !ready.test(state)) {
				continue;
			}
			int count = state.events.size();
			boolean written = writeAll(state);
			state.events.clear();
			pending.taken(count);
			state.headTaken();
			if (written) {
				this.ledger.delivered(count);
				wrote = true;
			}
			else {
				this.ledger.dropped(count, DropReason.SPOOL_UNAVAILABLE);
			}
		}
		if (wrote && flushNow) {
			flush();
		}
	}

	private boolean writeAll(PendingEvents.BucketState state) {
		OfflineCsvWriter writer = this.writer;
		if (writer == null) {
			return false;
		}
		try {
			for (Event event : state.events) {
				writer.write(BatchEncoder.epochText(event.epochMicros), event.key, event.value.toString());
			}
			return true;
		}
		catch (IOException ex) {
			this.warnings.warn("Cannot write the offline file {}: {}", this.config.offlineFile(), ex.toString());
			return false;
		}
	}

	void flush() {
		OfflineCsvWriter writer = this.writer;
		if (writer != null) {
			try {
				writer.flush();
			}
			catch (IOException ex) {
				this.warnings.warn("Cannot write the offline file {}: {}", this.config.offlineFile(), ex.toString());
			}
		}
	}

	void close() {
		OfflineCsvWriter writer = this.writer;
		if (writer != null) {
			try {
				writer.close();
			}
			catch (IOException ex) {
				logger.warn("Cannot close the offline file {}: {}", this.config.offlineFile(), ex.toString());
			}
		}
	}

}
