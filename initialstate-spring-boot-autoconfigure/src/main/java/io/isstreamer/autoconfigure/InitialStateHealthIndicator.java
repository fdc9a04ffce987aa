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
import org.jspecify.annotations.Nullable;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * {@link HealthIndicator} for the Initial State {@link Streamer}.
 * <ul>
 * <li>UP while events flow, nothing is pending, or the service has failed for less than
 * the unreachable threshold;
 * <li>DOWN when the access key is rejected (HTTP 401 or 403), or when the service has
 * been unreachable, retries used up, for longer than the threshold;
 * <li>OUT_OF_SERVICE when the monthly quota is used up (HTTP 402), or the streamer is
 * closed.
 * </ul>
 * Details: mode (online or offline), service status, bucket key, queue depth, spooled
 * events and bytes, last success, last error and, with the metrics export, its monthly
 * projection. Never the access key.
 */
public class InitialStateHealthIndicator extends AbstractHealthIndicator {

	/**
	 * Default time the service may stay unreachable before the indicator reports DOWN.
	 */
	public static final Duration DEFAULT_UNREACHABLE_THRESHOLD = Duration.ofMinutes(5);

	private final Streamer streamer;

	private final Duration unreachableThreshold;

	private final Supplier<@Nullable QuotaProjection> projection;

	private final Clock clock;

	/**
	 * Create an indicator.
	 * @param streamer the streamer
	 * @param unreachableThreshold how long the service may be unreachable before DOWN
	 * @param projection the metrics export's monthly projection, or {@code null} when
	 * there is no export
	 */
	public InitialStateHealthIndicator(Streamer streamer, Duration unreachableThreshold,
			Supplier<@Nullable QuotaProjection> projection) {
		this(streamer, unreachableThreshold, projection, Clock.systemUTC());
	}

	InitialStateHealthIndicator(Streamer streamer, Duration unreachableThreshold,
			Supplier<@Nullable QuotaProjection> projection, Clock clock) {
		super("Initial State health check failed");
		this.streamer = streamer;
		this.unreachableThreshold = unreachableThreshold;
		this.projection = projection;
		this.clock = clock;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		StreamerStats stats = this.streamer.stats();
		ServiceStatus status = stats.serviceStatus();
		builder.withDetail("mode", (status == ServiceStatus.OFFLINE) ? "offline" : "online")
			.withDetail("state", stats.state())
			.withDetail("serviceStatus", status)
			.withDetail("bucketKey", stats.bucketKey())
			.withDetail("queueDepth", stats.pending())
			.withDetail("spooledEvents", stats.spoolBacklog())
			.withDetail("spoolBytes", stats.spoolBytes());
		detail(builder, "lastSuccess", stats.lastSuccess());
		detail(builder, "lastError", stats.lastError());
		detail(builder, "lastErrorTime", stats.lastErrorTime());
		QuotaProjection projection = this.projection.get();
		if (projection != null) {
			builder.withDetail("metrics", projection);
		}
		Instant failingSince = stats.failingSince();
		if (stats.state() == StreamerStats.State.CLOSED) {
			builder.outOfService();
		}
		else if (status == ServiceStatus.KEY_REJECTED) {
			builder.down();
		}
		else if (status == ServiceStatus.QUOTA_EXCEEDED) {
			builder.outOfService();
		}
		else if (status == ServiceStatus.UNREACHABLE && failingSince != null
				&& !failingSince.plus(this.unreachableThreshold).isAfter(this.clock.instant())) {
			builder.withDetail("unreachableSince", failingSince.toString()).down();
		}
		else {
			builder.up();
		}
	}

	private static void detail(Health.Builder builder, String name, @Nullable Object value) {
		if (value != null) {
			builder.withDetail(name, value.toString());
		}
	}

}
