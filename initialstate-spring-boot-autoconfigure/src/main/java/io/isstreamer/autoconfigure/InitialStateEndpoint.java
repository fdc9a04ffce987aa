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

package io.isstreamer.autoconfigure;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import io.isstreamer.micrometer.QuotaProjection;
import io.isstreamer.streamer.Streamer;
import io.isstreamer.streamer.StreamerStats;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.Access;
import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;

/**
 * {@link Endpoint @Endpoint} {@code initialstate}: reading it gives the
 * {@link Streamer}'s statistics and the metrics export's monthly projection; writing to
 * {@code initialstate/flush} sends everything pending now, and to
 * {@code initialstate/replay} replays the spool now.
 * <p>
 * Its access is read-only by default, as for Spring Boot's own endpoints with side
 * effects: the write operations need
 * {@code management.endpoint.initialstate.access=unrestricted}.
 */
@Endpoint(id = "initialstate", defaultAccess = Access.READ_ONLY)
public class InitialStateEndpoint {

	/**
	 * The name of the flush operation.
	 */
	public static final String FLUSH = "flush";

	/**
	 * The name of the replay operation.
	 */
	public static final String REPLAY = "replay";

	private final Duration replayTimeout;

	private final Streamer streamer;

	private final Supplier<@Nullable QuotaProjection> projection;

	/**
	 * Create the endpoint.
	 * @param streamer the streamer
	 * @param projection the metrics export's monthly projection, or {@code null} when
	 * there is no export
	 * @param replayTimeout how long the replay operation waits for delivery
	 */
	public InitialStateEndpoint(Streamer streamer, Supplier<@Nullable QuotaProjection> projection,
			Duration replayTimeout) {
		this.streamer = streamer;
		this.projection = projection;
		this.replayTimeout = replayTimeout;
	}

	/**
	 * Return the statistics and the projection.
	 * @return the descriptor
	 */
	@ReadOperation
	public InitialStateDescriptor read() {
		return new InitialStateDescriptor(this.streamer.stats(), this.projection.get());
	}

	/**
	 * Run an operation: {@value #FLUSH} or {@value #REPLAY}.
	 * @param operation the operation
	 * @return what it achieved
	 */
	@WriteOperation
	public OperationResult run(@Selector String operation) {
		return switch (operation) {
			case FLUSH -> flush();
			case REPLAY -> replay();
			default -> throw new InvalidEndpointRequestException(
					"Unknown operation '" + operation + "': use " + FLUSH + " or " + REPLAY, "Unknown operation");
		};
	}

	/**
	 * Send everything logged so far and wait, up to the streamer's flush timeout, for it
	 * to be delivered.
	 * @return whether everything was delivered, and what is left
	 */
	public OperationResult flush() {
		boolean delivered = this.streamer.flush();
		return OperationResult.of(FLUSH, delivered, this.streamer.stats());
	}

	/**
	 * Replay the spool now, without waiting for the next automatic attempt, and wait up
	 * to the replay timeout (the streamer's flush timeout) for it to be delivered.
	 * @return whether everything was delivered, and what is left
	 */
	public OperationResult replay() {
		boolean delivered;
		try {
			delivered = this.streamer.replaySpool().get(this.replayTimeout.toNanos(), TimeUnit.NANOSECONDS);
		}
		catch (TimeoutException | ExecutionException ex) {
			delivered = false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			delivered = false;
		}
		return OperationResult.of(REPLAY, delivered, this.streamer.stats());
	}

	/**
	 * What the endpoint reads.
	 *
	 * @param streamer the streamer's statistics
	 * @param metrics the metrics export's monthly projection, or {@code null} without
	 * export
	 */
	public record InitialStateDescriptor(StreamerStats streamer,
			@Nullable QuotaProjection metrics) implements OperationResponseBody {

	}

	/**
	 * What a write operation achieved.
	 *
	 * @param operation the operation
	 * @param delivered whether everything concerned was delivered
	 * @param pending events still in memory
	 * @param spooledEvents events still in the spool
	 * @param serviceStatus what the streamer knows about the service
	 */
	public record OperationResult(String operation, boolean delivered, long pending, long spooledEvents,
			String serviceStatus) implements OperationResponseBody {

		static OperationResult of(String operation, boolean delivered, StreamerStats stats) {
			return new OperationResult(operation, delivered, stats.pending(), stats.spoolBacklog(),
					stats.serviceStatus().name());
		}

	}

}
