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
import java.util.concurrent.ThreadLocalRandom;

import io.isstreamer.streamer.RetryPolicy;
import io.isstreamer.streamer.ServiceStatus;
import io.isstreamer.streamer.Streamer;
import io.isstreamer.streamer.StreamerBuilder;
import io.isstreamer.streamer.support.Durations;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the sender knows of the service, as a {@link ServiceStatus}, and how long to hold
 * requests after each kind of trouble. Every change of status goes through here and is
 * said once in the log. Written by the sender thread; the status is read by any thread.
 */
final class ServiceState {

	private static final Logger logger = LoggerFactory.getLogger(Streamer.class);

	private final RetryPolicy retryPolicy;

	private final Duration probeInterval;

	private final Duration flushInterval;

	private volatile ServiceStatus status;

	private int consecutiveFailures;

	private long successes;

	private String where = "memory (no spool)";

	private int maxBatchBytes;

	ServiceState(StreamerConfig config) {
		this.retryPolicy = config.retryPolicy();
		this.probeInterval = config.probeInterval();
		this.flushInterval = config.flushInterval();
		this.status = config.offline() ? ServiceStatus.OFFLINE : ServiceStatus.OK;
		this.maxBatchBytes = config.maxBatchBytes();
	}

	/**
	 * Return the largest request body, lowered when the service answered 413.
	 * @return the bound in bytes
	 */
	int maxBatchBytes() {
		return this.maxBatchBytes;
	}

	/**
	 * The service refused a body as too large (413): send at most half of it from now on.
	 * @param refusedBytes the size of the refused body
	 * @return the new bound
	 */
	int tooLarge(int refusedBytes) {
		this.maxBatchBytes = Math.max(StreamerBuilder.MIN_BATCH_BYTES, Math.min(this.maxBatchBytes, refusedBytes / 2));
		return this.maxBatchBytes;
	}

	ServiceStatus status() {
		return this.status;
	}

	boolean isBlocked() {
		return this.status.isBlocked();
	}

	/**
	 * Return how many requests have succeeded so far.
	 * @return the count
	 */
	long successes() {
		return this.successes;
	}

	/**
	 * Say where events wait while the service takes none, for the messages.
	 * @param where the spool directory, in words
	 */
	void eventsWaitIn(String where) {
		this.where = where;
	}

	/**
	 * The service accepted a request.
	 * @param spoolBacklog events waiting in the spool
	 */
	void succeeded(long spoolBacklog) {
		ServiceStatus previous = this.status;
		this.successes++;
		this.consecutiveFailures = 0;
		if (previous == ServiceStatus.FAILED) {
			return;
		}
		this.status = ServiceStatus.OK;
		if (previous != ServiceStatus.OK && previous != ServiceStatus.RETRYING) {
			logger.info("Initial State accepts events again{}",
					(spoolBacklog > 0) ? "; replaying " + spoolBacklog + " spooled events" : "");
		}
	}

	/**
	 * A request got no answer, or a 5xx.
	 * @param reason what went wrong, in words
	 * @return how long to hold requests
	 */
	Duration failed(String reason) {
		if (this.status == ServiceStatus.FAILED) {
			return this.retryPolicy.maxBackoff();
		}
		this.consecutiveFailures++;
		if (isBlocked()) {
			// a probe failed: wait for the next one
			return (this.status == ServiceStatus.UNREACHABLE) ? this.retryPolicy.maxBackoff() : this.probeInterval;
		}
		if (this.consecutiveFailures < this.retryPolicy.maxAttempts()) {
			this.status = ServiceStatus.RETRYING;
			return this.retryPolicy.backoff(this.consecutiveFailures, ThreadLocalRandom.current().nextDouble());
		}
		this.status = ServiceStatus.UNREACHABLE;
		Duration probe = this.retryPolicy.maxBackoff();
		logger.warn(
				"Initial State is unreachable ({}) after {} attempts; events go to {} until it answers, "
						+ "trying again every {}",
				reason, this.consecutiveFailures, this.where, Durations.approximate(probe));
		return probe;
	}

	/**
	 * The service asked to slow down (429).
	 * @param retryAfter the wait it asked for, if any
	 * @return how long to hold requests
	 */
	Duration throttled(Duration retryAfter) {
		this.consecutiveFailures++;
		Duration wait = (retryAfter != null) ? spread(retryAfter)
				: this.retryPolicy.backoff(this.consecutiveFailures, ThreadLocalRandom.current().nextDouble());
		if (wait.compareTo(this.flushInterval) > 0 && this.status != ServiceStatus.FAILED && !this.status.isBlocked()) {
			this.status = ServiceStatus.RATE_LIMITED;
			logger.warn("Initial State asked to wait {} (HTTP 429); events go to {} meanwhile",
					Durations.approximate(wait), this.where);
		}
		return wait;
	}

	/**
	 * The service refuses everything for now (key rejected, quota used up, requests
	 * refused as such).
	 * @param status the new status
	 * @param message why, in words
	 * @return how long to hold requests
	 */
	Duration blocked(ServiceStatus status, String message) {
		ServiceStatus previous = this.status;
		if (previous != ServiceStatus.FAILED) {
			this.status = status;
		}
		if (previous != status) {
			logger.error("{}. Events are kept in {} and sent once the service accepts them; trying again every {}.",
					message, this.where, Durations.format(this.probeInterval));
		}
		return this.probeInterval;
	}

	/**
	 * The sender stopped on an error it cannot go on after.
	 */
	void failed() {
		this.status = ServiceStatus.FAILED;
	}

	/**
	 * A little more than asked, so that many clients told the same time do not come back
	 * at once.
	 */
	private static Duration spread(Duration wait) {
		return wait.plusMillis((long) (wait.toMillis() * 0.1 * ThreadLocalRandom.current().nextDouble()));
	}

}
