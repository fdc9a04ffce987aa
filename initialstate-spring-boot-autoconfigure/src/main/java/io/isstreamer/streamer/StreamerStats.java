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

import java.time.Instant;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * A snapshot of a {@link Streamer}'s counters, taken between two changes of its books: in
 * every snapshot the accounting identity holds,
 * {@code logged + recovered = rejected + dropped + coalesced + pending + delivered + spoolBacklog}
 * (with {@code delivered} including the replayed events).
 *
 * @param state the lifecycle state
 * @param serviceStatus what the sender knows about the service
 * @param bucketKey the key of the bucket events are logged into now
 * @param bucketName the name of that bucket
 * @param logged events given to {@code log} and {@code logObject}, accepted or not
 * @param rejected events refused when they were logged (never sent)
 * @param rejectedByReason {@code rejected} by reason
 * @param delivered events the service accepted, including replayed ones
 * @param pending accepted events in memory: queued, batched or in flight
 * @param queued the part of {@code pending} still in the queue, not yet taken by the
 * sender
 * @param spooled events written to the spool
 * @param replayed spooled events delivered later
 * @param recovered events found in the spool at start, left by an earlier run
 * @param spoolBacklog events in the spool now, waiting for replay
 * @param spoolBytes size of the spool files now
 * @param dropped accepted events given up
 * @param droppedByReason {@code dropped} by reason
 * @param coalesced accepted events not sent because a later value of their key was, in
 * the same time slot, to stay inside the monthly budget
 * @param coalescedByKey {@code coalesced} by key, for the first thousand keys coalesced;
 * later ones are counted together under {@code "(other keys)"}
 * @param requests requests sent (bucket creation, events, replay)
 * @param requestsByStatus requests by HTTP status of the answer
 * @param requestFailures requests that got no HTTP answer (timeouts, connection errors)
 * @param lastSuccess when the service last accepted a request
 * @param lastError the latest error, in words, never with the access key
 * @param lastErrorTime when the latest error happened
 * @param failingSince when requests started failing, with no success since; {@code null}
 * while the latest request succeeded
 * @param monthlyEventBudget the events this streamer may send in a month, 0 for no budget
 * @param projectedMonthlyEvents the events of a month at the pace this streamer sent in
 * the last hour (or since it started, before an hour has passed)
 */
public record StreamerStats(State state, ServiceStatus serviceStatus, String bucketKey, String bucketName, long logged,
		long rejected, Map<RejectReason, Long> rejectedByReason, long delivered, long pending, long queued,
		long spooled, long replayed, long recovered, long spoolBacklog, long spoolBytes, long dropped,
		Map<DropReason, Long> droppedByReason, long coalesced, Map<String, Long> coalescedByKey, long requests,
		Map<Integer, Long> requestsByStatus, long requestFailures, @Nullable Instant lastSuccess,
		@Nullable String lastError, @Nullable Instant lastErrorTime, @Nullable Instant failingSince,
		long monthlyEventBudget, long projectedMonthlyEvents) {

	/**
	 * Return the events accepted when logged.
	 * @return {@code logged - rejected}
	 */
	public long accepted() {
		return this.logged - this.rejected;
	}

	/**
	 * Lifecycle of a {@link Streamer}.
	 */
	public enum State {

		/**
		 * Accepting and sending events.
		 */
		RUNNING,

		/**
		 * Not started yet, or stopped: accepting events into memory and sending none
		 * until it starts.
		 */
		STOPPED,

		/**
		 * No longer accepting events; delivering or spooling what is left.
		 */
		CLOSING,

		/**
		 * Stopped; no thread is left.
		 */
		CLOSED

	}

}
