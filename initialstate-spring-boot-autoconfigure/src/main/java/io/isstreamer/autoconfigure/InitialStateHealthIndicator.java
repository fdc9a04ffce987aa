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

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

import io.isstreamer.micrometer.QuotaProjection;
import io.isstreamer.streamer.ServiceStatus;
import io.isstreamer.streamer.Streamer;
import io.isstreamer.streamer.StreamerStats;
import io.isstreamer.streamer.memory.InMemoryStreamer;
import io.isstreamer.streamer.support.Durations;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;

/**
 * {@link HealthIndicator} for the Initial State {@link Streamer}.
 * <ul>
 * <li>UP while events flow, nothing is pending, the service is being retried, or it has
 * been unreachable or rate limited for less than the unreachable threshold;
 * <li>the problem status, {@link #DEGRADED} by default, while the dashboard service
 * refuses events (access key rejected, monthly quota used up, every request refused as
 * invalid), the sender failed, the service has been unreachable or rate limited for
 * longer than the threshold, or the streamer is closed.
 * </ul>
 * Spring Boot leaves a status it does not know, such as {@code DEGRADED}, out of the
 * application's overall status and answers it with HTTP 200, so a problem of the
 * dashboard never takes the application out of its load balancer; a problem status of
 * {@code DOWN} does.
 * <p>
 * Details: mode (online, offline or in-memory), service status, why the status is not UP,
 * bucket key, queue depth, spooled events and bytes, the events of a month at the pace
 * delivered, the monthly event budget and the events coalesced to keep inside it (when a
 * budget is set), last success, last error and, with the metrics export, its monthly
 * projection. Never the access key.
 */
public class InitialStateHealthIndicator extends AbstractHealthIndicator {

	/**
	 * Default time the service may stay unreachable before it counts as a problem.
	 */
	public static final Duration DEFAULT_UNREACHABLE_THRESHOLD = Duration.ofMinutes(5);

	/**
	 * Status of a problem of the dashboard service, by default: events wait in memory or
	 * in the spool, and the application itself is fine.
	 */
	public static final Status DEGRADED = new Status("DEGRADED",
			"Initial State does not take events now; they wait in memory or in the spool");

	private final Streamer streamer;

	private final Duration unreachableThreshold;

	private final Status problemStatus;

	private final Supplier<@Nullable QuotaProjection> projection;

	private final Clock clock;

	/**
	 * Create an indicator that reports problems as {@link #DEGRADED}.
	 * @param streamer the streamer
	 * @param unreachableThreshold how long the service may be unreachable before it is a
	 * problem
	 * @param projection the metrics export's monthly projection, or {@code null} when
	 * there is no export
	 */
	public InitialStateHealthIndicator(Streamer streamer, Duration unreachableThreshold,
			Supplier<@Nullable QuotaProjection> projection) {
		this(streamer, unreachableThreshold, DEGRADED, projection, Clock.systemUTC());
	}

	/**
	 * Create an indicator.
	 * @param streamer the streamer
	 * @param unreachableThreshold how long the service may be unreachable before it is a
	 * problem
	 * @param problemStatus the status of a problem of the dashboard service
	 * @param projection the metrics export's monthly projection, or {@code null} when
	 * there is no export
	 */
	public InitialStateHealthIndicator(Streamer streamer, Duration unreachableThreshold, Status problemStatus,
			Supplier<@Nullable QuotaProjection> projection) {
		this(streamer, unreachableThreshold, problemStatus, projection, Clock.systemUTC());
	}

	InitialStateHealthIndicator(Streamer streamer, Duration unreachableThreshold, Status problemStatus,
			Supplier<@Nullable QuotaProjection> projection, Clock clock) {
		super("Initial State health check failed");
		this.streamer = streamer;
		this.unreachableThreshold = unreachableThreshold;
		this.problemStatus = problemStatus;
		this.projection = projection;
		this.clock = clock;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		StreamerStats stats = this.streamer.stats();
		ServiceStatus status = stats.serviceStatus();
		builder.withDetail("mode", mode(status))
			.withDetail("state", stats.state())
			.withDetail("serviceStatus", status)
			.withDetail("bucketKey", stats.bucketKey())
			.withDetail("queueDepth", stats.pending())
			.withDetail("spooledEvents", stats.spoolBacklog())
			.withDetail("spoolBytes", stats.spoolBytes())
			.withDetail("projectedMonthlyEvents", stats.projectedMonthlyEvents());
		if (stats.monthlyEventBudget() > 0) {
			builder.withDetail("monthlyEventBudget", stats.monthlyEventBudget())
				.withDetail("coalescedEvents", stats.coalesced());
		}
		detail(builder, "lastSuccess", stats.lastSuccess());
		detail(builder, "lastError", stats.lastError());
		detail(builder, "lastErrorTime", stats.lastErrorTime());
		QuotaProjection projection = this.projection.get();
		if (projection != null) {
			builder.withDetail("metrics", projection);
		}
		String problem = problem(stats);
		if (problem != null) {
			builder.withDetail("problem", problem).status(this.problemStatus);
		}
		else {
			builder.up();
		}
	}

	/**
	 * Say what is wrong, if anything. Every kind of service status has its place here:
	 * one added later counts as a problem until it is given its own case.
	 */
	private @Nullable String problem(StreamerStats stats) {
		if (stats.state() == StreamerStats.State.CLOSED) {
			return "The streamer is closed: it takes no more events.";
		}
		ServiceStatus status = stats.serviceStatus();
		return switch (status) {
			case OK, OFFLINE, RETRYING -> null;
			case UNREACHABLE -> longerThanThreshold(stats.failingSince(), "has been unreachable");
			case RATE_LIMITED -> longerThanThreshold(stats.failingSince(), "has been asking to slow down (HTTP 429)");
			case KEY_REJECTED -> "Initial State rejected the access key (HTTP 401 or 403): events wait in the spool "
					+ "until the key in 'initialstate.access-key' is accepted.";
			case QUOTA_EXCEEDED -> "The monthly event quota of the Initial State account is used up (HTTP 402): "
					+ "events wait in the spool until the service takes them again.";
			case REQUESTS_REFUSED -> "Initial State refuses every request as invalid (HTTP 400), whatever events it "
					+ "carries: events wait in the spool; the log says what the service answered.";
			case FAILED -> "The streamer's sender stopped on an error (see the log): new events are refused.";
			default -> "Initial State does not take events now (" + status + "): they wait in memory or in the spool.";
		};
	}

	private @Nullable String longerThanThreshold(@Nullable Instant failingSince, String what) {
		if (failingSince == null || failingSince.plus(this.unreachableThreshold).isAfter(this.clock.instant())) {
			return null;
		}
		return "Initial State " + what + " since " + failingSince + ", longer than "
				+ Durations.format(this.unreachableThreshold) + ": events wait in the spool.";
	}

	private String mode(ServiceStatus status) {
		if (this.streamer instanceof InMemoryStreamer) {
			return "in-memory";
		}
		return (status == ServiceStatus.OFFLINE) ? "offline" : "online";
	}

	private static void detail(Health.Builder builder, String name, @Nullable Object value) {
		if (value != null) {
			builder.withDetail(name, value.toString());
		}
	}

}
