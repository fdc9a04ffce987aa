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

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import io.isstreamer.streamer.DropReason;
import io.isstreamer.streamer.ServiceStatus;
import io.isstreamer.streamer.Streamer;
import io.isstreamer.streamer.support.Durations;
import io.isstreamer.streamer.support.RateLimitedLog;
import io.isstreamer.streamer.transport.TransportResponse;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the sender does after each kind of answer, or after no answer: success, 429,
 * 401/403, 402, 400 (bucket removed, refused events, or refused requests), 413, and
 * failures worth another try. A batch whose attempt failed goes to the spool before it is
 * tried again (write-ahead), so a crash during an outage loses nothing it held. Used by
 * the sender thread only.
 */
final class Answers {

	private static final Logger logger = LoggerFactory.getLogger(Streamer.class);

	/**
	 * Single events refused the same way, with no request accepted since, that show the
	 * service refuses the requests themselves rather than the events.
	 */
	static final int REFUSED_REQUESTS_EVIDENCE = 3;

	private final StreamerConfig config;

	private final Ledger ledger;

	private final Fates fates;

	private final Lanes lanes;

	private final ServiceState service;

	private final PacingGate gate;

	private final Dispatcher dispatcher;

	private final Spooler spooler;

	private final RateLimitedLog warnings;

	private final RateLimitedLog refusals = new RateLimitedLog(logger, Duration.ofSeconds(30));

	Answers(StreamerConfig config, Ledger ledger, Fates fates, Lanes lanes, ServiceState service, PacingGate gate,
			Dispatcher dispatcher, Spooler spooler, RateLimitedLog warnings) {
		this.config = config;
		this.ledger = ledger;
		this.fates = fates;
		this.lanes = lanes;
		this.service = service;
		this.gate = gate;
		this.dispatcher = dispatcher;
		this.spooler = spooler;
		this.warnings = warnings;
	}

	/**
	 * An exchange ended with an answer or a failure.
	 * @param exchange the exchange
	 * @param nowNanos the time
	 */
	void completed(Exchange exchange, long nowNanos) {
		TransportResponse response = exchange.response();
		if (response == null) {
			Throwable failure = exchange.failure();
			failed(exchange, describe(failure), Dispatcher.isReadTimeout(failure), nowNanos);
			return;
		}
		int status = response.status();
		this.ledger.answered(status);
		this.gate.learn(response, exchange.startedNanos, nowNanos, System.currentTimeMillis());
		this.dispatcher.learn(exchange, false, nowNanos);
		if (this.config.debugLevel() >= 2) {
			logger.info("Initial State answered {} to {} ({})", status,
					exchange.isBucketCreation() ? "bucket creation" : exchange.batch.count + " events",
					exchange.bucket.bucket.key());
		}
		if (response.isSuccessful()) {
			succeeded(exchange);
		}
		else if (status == 429) {
			throttled(exchange, response, nowNanos);
		}
		else if (status == 401 || status == 403) {
			blocked(exchange, ServiceStatus.KEY_REJECTED, nowNanos,
					"Initial State rejected the access key (HTTP " + status
							+ "). Check initialstate.access-key (or the accessKey given to the builder): it must be "
							+ "an access key of your Initial State account");
		}
		else if (status == 402) {
			blocked(exchange, ServiceStatus.QUOTA_EXCEEDED, nowNanos,
					"The Initial State account's monthly event quota is used up (HTTP 402): events are refused "
							+ "until the next billing month or a larger plan. A monthly budget "
							+ "(initialstate.budget.monthly-events) keeps the application inside its plan");
		}
		else if (status == 400 && response.body().contains("BUCKET_REMOVED")) {
			bucketRemoved(exchange);
		}
		else if ((status == 400 || status == 413) && exchange.isBucketCreation()) {
			exchange.bucket.creating = false;
			exchange.bucket.removed = true;
			error("Initial State refused to create bucket '" + exchange.bucket.bucket.key() + "' (HTTP " + status + ": "
					+ Fates.abbreviate(response.body()) + "); its events are kept in the spool");
		}
		else if (status == 413) {
			tooLarge(exchange.batch, response);
		}
		else if (status == 400) {
			refused(exchange.batch, status, response.body(), nowNanos);
		}
		else {
			failed(exchange, "HTTP " + status, false, nowNanos);
		}
	}

	/**
	 * An exchange got no answer before its deadline.
	 * @param exchange the exchange
	 * @param nowNanos the time
	 */
	void expired(Exchange exchange, long nowNanos) {
		failed(exchange,
				"no answer within "
						+ Durations.approximate(Duration.ofNanos(exchange.deadlineNanos - exchange.startedNanos)) + " ("
						+ exchange.request.kind().path() + ")",
				true, nowNanos);
	}

	private void succeeded(Exchange exchange) {
		this.service.succeeded(this.spooler.backlogEvents());
		this.ledger.success();
		if (exchange.isBucketCreation()) {
			exchange.bucket.created = true;
			exchange.bucket.creating = false;
		}
		else {
			this.fates.delivered(exchange.batch);
		}
		// the service takes events: single events refused before are bad
		for (Batch single : this.lanes.takeJudged(this.service.successes())) {
			deadLetter(single, single.refusal);
		}
	}

	private void throttled(Exchange exchange, TransportResponse response, long nowNanos) {
		Duration retryAfter = PacingGate.retryAfter(response, System.currentTimeMillis());
		Duration wait = this.service.throttled(retryAfter);
		this.gate.holdUntil(nowNanos + wait.toNanos());
		this.ledger.error("Initial State asked to slow down (HTTP 429)");
		this.warnings.warn("Initial State asked to slow down (HTTP 429); waiting {}", Durations.approximate(wait));
		keepForLater(exchange);
	}

	private void blocked(Exchange exchange, ServiceStatus status, long nowNanos, String message) {
		this.ledger.error(message);
		this.gate.holdUntil(nowNanos + this.service.blocked(status, message).toNanos());
		keepForLater(exchange);
	}

	private void bucketRemoved(Exchange exchange) {
		PendingEvents.BucketState state = exchange.bucket;
		state.removed = true;
		error("Initial State says bucket key '" + state.bucket.key() + "' belongs to a deleted bucket, and a deleted "
				+ "bucket key cannot be reused. Log into a new bucket key (initialstate.bucket-key, or "
				+ "setBucket(name, key)); this bucket's events are kept in the spool and can be posted by hand to "
				+ "another bucket");
		keepForLater(exchange);
	}

	private void tooLarge(Batch batch, TransportResponse response) {
		int bound = this.service.tooLarge(batch.body.length);
		this.warnings.warn("Initial State refused a request of {} bytes as too large (HTTP 413); sending at most {} "
				+ "bytes per request from now on", batch.body.length, bound);
		if (batch.count == 1) {
			deadLetter(batch, new Batch.Refusal(413, response.body(), this.service.successes()));
			return;
		}
		Batch[] halves = this.fates.split(batch, null, true);
		this.lanes.resendFirst(halves[1]);
		this.lanes.resendFirst(halves[0]);
	}

	/**
	 * The service refused a batch as invalid. Its halves are searched, depth first and
	 * with at most a third of the requests while others wait, for the events it refuses;
	 * a single event it refuses while it accepts other requests is bad and goes to the
	 * dead-letter file. Single events refused the same way while nothing is accepted at
	 * all show that the requests are refused, not the events.
	 */
	private void refused(Batch batch, int status, String answer, long nowNanos) {
		Batch.Refusal refusal = batch.refusal;
		Batch.Refusal chain = (refusal != null && refusal.sameAs(status, answer)) ? refusal
				: new Batch.Refusal(status, answer, this.service.successes());
		if (batch.count > 1) {
			this.lanes.bisect(this.fates.split(batch, chain, true));
			return;
		}
		if (this.service.successes() > chain.successesBefore()) {
			deadLetter(batch, chain);
			return;
		}
		// carry the chain, so the verdict knows when the refusal began
		batch.refusal = chain;
		this.lanes.awaitVerdict(batch);
		if (this.lanes.awaitingVerdict() >= REFUSED_REQUESTS_EVIDENCE) {
			requestsRefused(status, answer, nowNanos);
		}
	}

	private void requestsRefused(int status, String answer, long nowNanos) {
		String message = "Initial State refuses every request as invalid (HTTP " + status + ": "
				+ Fates.abbreviate(answer) + "), whatever events it carries: check initialstate.api-base and "
				+ "initialstate.api-version";
		this.ledger.error(message);
		this.gate.holdUntil(nowNanos + this.service.blocked(ServiceStatus.REQUESTS_REFUSED, message).toNanos());
		List<Batch> held = this.lanes.takeAll((batch) -> batch.refusal != null);
		for (Batch batch : held) {
			this.fates.toSpool(batch, this.spooler.maxLineBytes(this.service.maxBatchBytes()));
		}
	}

	private void deadLetter(Batch single, Batch.@Nullable Refusal refusal) {
		int status = (refusal != null) ? refusal.status() : 400;
		String answer = (refusal != null) ? refusal.message() : "";
		Path file = this.fates.deadLetter(single, status, answer,
				(status == 413) ? DropReason.TOO_LARGE : DropReason.REFUSED_BY_SERVICE);
		String message = "Initial State refused an event of bucket " + single.bucket.key() + " (HTTP " + status + ": "
				+ Fates.abbreviate(answer) + "): " + Fates.abbreviate(single.body);
		this.ledger.error(message);
		this.refusals.warn("{}; {}", message, (file != null) ? "kept in " + file : "given up (no spool)");
	}

	private void failed(Exchange exchange, String reason, boolean timedOut, long nowNanos) {
		this.ledger.requestFailed();
		this.dispatcher.learn(exchange, timedOut, nowNanos);
		String message = "Request to Initial State failed: " + reason;
		this.ledger.error(message);
		if (this.config.debugLevel() >= 2) {
			logger.info("No answer from Initial State: {}", reason);
		}
		Duration hold = this.service.failed(reason);
		this.gate.holdUntil(nowNanos + hold.toNanos());
		if (this.service.status() == ServiceStatus.RETRYING) {
			this.warnings.warn("{}; trying again in {}", message, Durations.approximate(hold));
		}
		keepForLater(exchange);
	}

	/**
	 * A request that may succeed later: its batch goes to the spool (or, without one,
	 * waits in memory); a bucket creation is made again when needed.
	 */
	private void keepForLater(Exchange exchange) {
		if (exchange.isBucketCreation()) {
			exchange.bucket.creating = false;
			return;
		}
		this.fates.toSpool(exchange.batch, this.spooler.maxLineBytes(this.service.maxBatchBytes()));
	}

	private void error(String message) {
		this.ledger.error(message);
		logger.error(message);
	}

	static String describe(@Nullable Throwable failure) {
		if (failure == null) {
			return "no answer";
		}
		String message = failure.getMessage();
		return failure.getClass().getSimpleName() + ((message != null) ? ": " + message : "");
	}

}
