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

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

import io.isstreamer.streamer.DropReason;
import io.isstreamer.streamer.ServiceStatus;
import io.isstreamer.streamer.Streamer;
import io.isstreamer.streamer.StreamerBuilder;
import io.isstreamer.streamer.spool.Spool;
import io.isstreamer.streamer.transport.TransportResponse;
import io.isstreamer.streamer.support.RateLimitedLog;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the sender does after each kind of answer: success, 429, 401/403, 402, 400 (bucket
 * removed, or events refused), 413, and failures worth retrying. Used by the sender
 * thread only (the status is read by others).
 */
final class Outcomes {

	private static final Logger logger = LoggerFactory.getLogger(Streamer.class);

	private final StreamerConfig config;

	private final Counters counters;

	private final PacingGate gate;

	private final ArrayDeque<Batch> redo;

	private final RateLimitedLog warnings;

	private final Supplier<@Nullable Spool> spool;

	private final Accounting accounting;

	private volatile ServiceStatus status;

	private int maxBatchBytes;

	Outcomes(StreamerConfig config, Counters counters, PacingGate gate, ArrayDeque<Batch> redo, RateLimitedLog warnings,
			Supplier<@Nullable Spool> spool, Accounting accounting) {
		this.config = config;
		this.counters = counters;
		this.gate = gate;
		this.redo = redo;
		this.warnings = warnings;
		this.spool = spool;
		this.accounting = accounting;
		this.status = config.offline() ? ServiceStatus.OFFLINE : ServiceStatus.OK;
		this.maxBatchBytes = config.maxBatchBytes();
	}

	ServiceStatus status() {
		return this.status;
	}

	/**
	 * Whether the service refuses events for now, so ready batches go to the spool and
	 * only a probe is sent when the gate opens.
	 * @return whether sending is blocked
	 */
	boolean isBlocked() {
		ServiceStatus status = this.status;
		return status == ServiceStatus.UNREACHABLE || status == ServiceStatus.KEY_REJECTED
				|| status == ServiceStatus.QUOTA_EXCEEDED;
	}

	/**
	 * Return the largest request body, lowered when the service answered 413.
	 * @return the cap in bytes
	 */
	int maxBatchBytes() {
		return this.maxBatchBytes;
	}

	void answered(InFlight inFlight, TransportResponse response, long now) {
		int status = response.status();
		if (response.isSuccessful()) {
			succeeded(inFlight);
		}
		else if (status == 429) {
			throttled(inFlight, response, now);
		}
		else if (status == 401 || status == 403) {
			blocked(inFlight, ServiceStatus.KEY_REJECTED, now,
					"Initial State rejected the access key (HTTP " + status
							+ "). Check initialstate.access-key (or the accessKey given to the builder): it must be "
							+ "an access key of your Initial State account");
		}
		else if (status == 402) {
			blocked(inFlight, ServiceStatus.QUOTA_EXCEEDED, now,
					"The Initial State account's monthly event quota is used up (HTTP 402): events are refused "
							+ "until the next billing month, or until the plan is raised");
		}
		else if (status == 400 && response.body().contains("BUCKET_REMOVED")) {
			bucketRemoved(inFlight);
		}
		else if (status == 400 || status == 413) {
			refused(inFlight, status, response.body());
		}
		else {
			failed(inFlight, "HTTP " + status, now);
		}
	}

	private void succeeded(InFlight inFlight) {
		ServiceStatus previous = this.status;
		this.status = ServiceStatus.OK;
		this.counters.success();
		if (previous != ServiceStatus.OK && previous != ServiceStatus.RETRYING) {
			Spool spool = this.spool.get();
			logger.info("Initial State accepts events again{}", (spool != null && spool.backlogEvents() > 0)
					? "; replaying " + spool.backlogEvents() + " spooled events" : "");
		}
		if (inFlight.batch == null) {
			inFlight.bucket.created = true;
			inFlight.bucket.createFailures = 0;
			return;
		}
		this.accounting.delivered(inFlight.batch);
	}

	private void throttled(InFlight inFlight, TransportResponse response, long now) {
		Duration wait = PacingGate.retryAfter(response, System.currentTimeMillis());
		Batch batch = inFlight.batch;
		int attempts = (batch != null) ? ++batch.throttledAttempts : ++inFlight.bucket.createFailures;
		if (wait == null) {
			wait = this.config.retryPolicy().backoff(attempts, ThreadLocalRandom.current().nextDouble());
		}
		else {
			// a little more than asked, so many clients told the same time do not
			// come back at once
			wait = wait.plusMillis((long) (wait.toMillis() * 0.1 * ThreadLocalRandom.current().nextDouble()));
		}
		this.gate.holdUntil(now + wait.toNanos());
		retryFirst(batch);
		this.warnings.warn("Initial State asked to slow down (HTTP 429); waiting {} ms", wait.toMillis());
	}

	private void blocked(InFlight inFlight, ServiceStatus status, long now, String message) {
		ServiceStatus previous = this.status;
		this.status = status;
		this.counters.error(message);
		Duration probe = this.config.probeInterval();
		this.gate.holdUntil(now + probe.toNanos());
		if (previous != status) {
			Spool spool = this.spool.get();
			logger.error("{}. Events are kept {} and sent once the service accepts them; trying again every {}.",
					message, (spool != null) ? "in the spool " + spool.directory() : "in memory (no spool)", probe);
		}
		keepForLater(inFlight.batch);
	}

	private void bucketRemoved(InFlight inFlight) {
		PendingEvents.BucketState state = inFlight.bucket;
		state.removed = true;
		String message = "Initial State says bucket key '" + state.bucket.key()
				+ "' belongs to a deleted bucket, and a deleted bucket key cannot be reused. "
				+ "Log into a new bucket key (initialstate.bucket-key, or setBucket(name, key)); "
				+ "this bucket's events are kept in the spool and can be posted by hand to another bucket";
		this.counters.error(message);
		logger.error(message);
		keepForLater(inFlight.batch);
	}

	private void refused(InFlight inFlight, int status, String body) {
		Batch batch = inFlight.batch;
		if (batch == null) {
			PendingEvents.BucketState state = inFlight.bucket;
			state.removed = true;
			String message = "Initial State refused to create bucket '" + state.bucket.key() + "' (HTTP " + status
					+ ": " + abbreviate(body) + "); its events are kept in the spool";
			this.counters.error(message);
			logger.error(message);
			return;
		}
		if (status == 413) {
			this.maxBatchBytes = Math.max(StreamerBuilder.MIN_BATCH_BYTES,
					Math.min(this.maxBatchBytes, batch.body.length / 2));
			this.warnings.warn(
					"Initial State refused a request of {} bytes as too large (HTTP 413); "
							+ "sending at most {} bytes per request from now on",
					batch.body.length, this.maxBatchBytes);
		}
		if (batch.count == 1) {
			String message = "Initial State refused an event of bucket " + batch.bucket.key() + " (HTTP " + status
					+ ": " + abbreviate(body) + "): " + abbreviate(new String(batch.body, StandardCharsets.UTF_8));
			this.counters.error(message);
			this.accounting.drop(batch, (status == 413) ? DropReason.TOO_LARGE : DropReason.REFUSED_BY_SERVICE);
			return;
		}
		Batch[] halves;
		try {
			halves = batch.split();
		}
		catch (RuntimeException ex) {
			this.accounting.drop(batch, DropReason.REFUSED_BY_SERVICE);
			return;
		}
		this.redo.addFirst(halves[1]);
		this.redo.addFirst(halves[0]);
	}

	void failed(InFlight inFlight, String reason, long now) {
		Attempts state = new Attempts(inFlight);
		int attempts = state.failed();
		this.counters.error("Request to Initial State failed: " + reason);
		if (isBlocked()) {
			// a probe failed: wait for the next one
			state.reset();
			Duration wait = (this.status == ServiceStatus.UNREACHABLE) ? this.config.retryPolicy().maxBackoff()
					: this.config.probeInterval();
			this.gate.holdUntil(now + wait.toNanos());
			keepForLater(inFlight.batch);
			return;
		}
		if (attempts < this.config.retryPolicy().maxAttempts()) {
			if (this.status == ServiceStatus.OK) {
				this.status = ServiceStatus.RETRYING;
			}
			Duration backoff = this.config.retryPolicy().backoff(attempts, ThreadLocalRandom.current().nextDouble());
			this.gate.holdUntil(now + backoff.toNanos());
			retryFirst(inFlight.batch);
			this.warnings.warn("Request to Initial State failed ({}); retrying in {} ms", reason, backoff.toMillis());
			return;
		}
		state.reset();
		ServiceStatus previous = this.status;
		this.status = ServiceStatus.UNREACHABLE;
		Duration probe = this.config.retryPolicy().maxBackoff();
		this.gate.holdUntil(now + probe.toNanos());
		if (previous != ServiceStatus.UNREACHABLE) {
			Spool spool = this.spool.get();
			logger.warn(
					"Initial State is unreachable ({}) after {} attempts; events go {} until it answers, "
							+ "trying again every {}",
					reason, attempts, (spool != null) ? "to the spool " + spool.directory() : "nowhere but memory",
					probe);
		}
		keepForLater(inFlight.batch);
	}

	private void retryFirst(@Nullable Batch batch) {
		if (batch != null) {
			this.redo.addFirst(batch);
		}
	}

	/**
	 * A batch the service cannot take now: into the spool, or back in memory when the
	 * spool cannot take it.
	 */
	private void keepForLater(@Nullable Batch batch) {
		if (batch != null && !this.accounting.spool(batch)) {
			this.redo.addFirst(batch);
		}
	}

	private static String abbreviate(String text) {
		return (text.length() <= 300) ? text : text.substring(0, 300) + "...";
	}

	/**
	 * Attempts of the request that failed: a batch counts its own, a bucket creation its
	 * bucket's.
	 */
	private static final class Attempts {

		private final InFlight inFlight;

		Attempts(InFlight inFlight) {
			this.inFlight = inFlight;
		}

		int failed() {
			return (this.inFlight.batch != null) ? ++this.inFlight.batch.failedAttempts
					: ++this.inFlight.bucket.createFailures;
		}

		void reset() {
			if (this.inFlight.batch != null) {
				this.inFlight.batch.failedAttempts = 0;
			}
			else {
				this.inFlight.bucket.createFailures = 0;
			}
		}

	}

	/**
	 * How the sender accounts for a batch that leaves memory.
	 */
	interface Accounting {

		/**
		 * The service accepted the batch.
		 * @param batch the batch
		 */
		void delivered(Batch batch);

		/**
		 * The batch is given up, and counted.
		 * @param batch the batch
		 * @param reason why
		 */
		void drop(Batch batch, DropReason reason);

		/**
		 * Keep the batch in the spool.
		 * @param batch the batch
		 * @return whether it is in the spool now
		 */
		boolean spool(Batch batch);

	}

}
