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

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import io.isstreamer.micrometer.QuotaProjection;
import io.isstreamer.streamer.RetryPolicy;
import io.isstreamer.streamer.ServiceStatus;
import io.isstreamer.streamer.Streamer;
import io.isstreamer.streamer.StreamerStats;
import io.isstreamer.streamer.memory.InMemoryStreamer;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

/**
 * Tests for {@link InitialStateHealthIndicator}, against a fake Initial State service.
 */
class InitialStateHealthIndicatorTests {

	private static final Supplier<@Nullable QuotaProjection> NO_PROJECTION = () -> null;

	/**
	 * One attempt, then unreachable: the service is probed again a moment later.
	 */
	private static final RetryPolicy ONE_ATTEMPT = new RetryPolicy(1, Duration.ofMillis(50), Duration.ofMillis(200),
			2.0, 0);

	private final FakeInitialState service = new FakeInitialState();

	private final MutableClock clock = new MutableClock();

	private Streamer streamer;

	@AfterEach
	void close() {
		if (this.streamer != null) {
			this.streamer.close();
		}
		this.service.close();
	}

	@Test
	void upBeforeAnythingWasSent() {
		this.streamer = this.service.streamer().build();
		Health health = indicator(InitialStateHealthIndicator.DEFAULT_UNREACHABLE_THRESHOLD).health();
		assertThat(health.getStatus()).isEqualTo(Status.UP);
		assertThat(health.getDetails()).containsEntry("mode", "online")
			.containsEntry("serviceStatus", ServiceStatus.OK)
			.containsEntry("bucketKey", FakeInitialState.BUCKET_KEY)
			.containsEntry("queueDepth", 0L)
			.containsEntry("spooledEvents", 0L)
			.containsEntry("spoolBytes", 0L)
			.containsEntry("projectedMonthlyEvents", 0L)
			.doesNotContainKeys("lastSuccess", "lastError", "metrics", "monthlyEventBudget", "coalescedEvents");
	}

	@Test
	void showsTheMonthlyBudgetAndTheProjection() {
		this.streamer = this.service.streamer().monthlyEventBudget(3_000_000).build();
		this.streamer.log("temperature", 21.5);
		assertThat(this.streamer.flush(Duration.ofSeconds(10))).isTrue();
		Health health = indicator(InitialStateHealthIndicator.DEFAULT_UNREACHABLE_THRESHOLD).health();
		assertThat(health.getStatus()).isEqualTo(Status.UP);
		assertThat(health.getDetails()).containsEntry("monthlyEventBudget", 3_000_000L)
			.containsEntry("coalescedEvents", 0L)
			.hasEntrySatisfying("projectedMonthlyEvents", (projected) -> assertThat((long) projected).isPositive());
	}

	@Test
	void upWhileEventsAreDelivered() {
		this.streamer = this.service.streamer().build();
		this.streamer.log("temperature", 21.5);
		assertThat(this.streamer.flush(Duration.ofSeconds(10))).isTrue();
		Health health = indicator(InitialStateHealthIndicator.DEFAULT_UNREACHABLE_THRESHOLD).health();
		assertThat(health.getStatus()).isEqualTo(Status.UP);
		assertThat(health.getDetails()).containsKey("lastSuccess").containsEntry("queueDepth", 0L);
		assertNoAccessKey(health);
	}

	@Test
	void degradedWhenTheAccessKeyIsRejected() {
		this.service.answer(401, 401);
		this.streamer = this.service.streamer().closeTimeout(Duration.ofMillis(200)).build();
		this.streamer.log("temperature", 21.5);
		InitialStateHealthIndicator indicator = indicator(InitialStateHealthIndicator.DEFAULT_UNREACHABLE_THRESHOLD);
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(
					() -> assertThat(indicator.health().getStatus()).isEqualTo(InitialStateHealthIndicator.DEGRADED));
		Health health = indicator.health();
		assertThat(health.getDetails()).containsEntry("serviceStatus", ServiceStatus.KEY_REJECTED)
			.containsEntry("queueDepth", 1L)
			.containsEntry("problem",
					"Initial State rejected the access key (HTTP 401 or 403): events wait in the "
							+ "spool until the key in 'initialstate.access-key' is accepted.")
			.containsKey("lastError");
		assertThat((String) health.getDetails().get("lastError")).contains("401");
		assertNoAccessKey(health);
	}

	@Test
	void degradedWhenTheServiceStaysUnreachablePastTheThreshold() {
		this.service.answer(503, 503);
		this.streamer = this.service.streamer().retryPolicy(ONE_ATTEMPT).closeTimeout(Duration.ofMillis(200)).build();
		this.streamer.log("temperature", 21.5);
		InitialStateHealthIndicator indicator = indicator(Duration.ofMinutes(5));
		await().atMost(Duration.ofSeconds(10))
			.until(() -> this.streamer.stats().serviceStatus() == ServiceStatus.UNREACHABLE);
		assertThat(indicator.health().getStatus()).as("within the threshold").isEqualTo(Status.UP);
		this.clock.advance(Duration.ofMinutes(5));
		Health health = indicator.health();
		assertThat(health.getStatus()).isEqualTo(InitialStateHealthIndicator.DEGRADED);
		assertThat(health.getDetails()).containsEntry("serviceStatus", ServiceStatus.UNREACHABLE)
			.containsKeys("lastError");
		assertThat((String) health.getDetails().get("problem")).startsWith("Initial State has been unreachable since ")
			.endsWith(", longer than 5m: events wait in the spool.");
		assertNoAccessKey(health);
	}

	@Test
	void degradedAtOnceWhenUnreachableWithAZeroThreshold() {
		this.service.answer(503, 503);
		this.streamer = this.service.streamer().retryPolicy(ONE_ATTEMPT).closeTimeout(Duration.ofMillis(200)).build();
		this.streamer.log("temperature", 21.5);
		InitialStateHealthIndicator indicator = indicator(Duration.ZERO);
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(
					() -> assertThat(indicator.health().getStatus()).isEqualTo(InitialStateHealthIndicator.DEGRADED));
	}

	@Test
	void upAgainOnceTheServiceAnswers() {
		this.service.answer(503, 503);
		this.streamer = this.service.streamer().retryPolicy(ONE_ATTEMPT).closeTimeout(Duration.ofMillis(200)).build();
		this.streamer.log("temperature", 21.5);
		InitialStateHealthIndicator indicator = indicator(Duration.ZERO);
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(
					() -> assertThat(indicator.health().getStatus()).isEqualTo(InitialStateHealthIndicator.DEGRADED));
		this.service.answer(201, 204);
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(indicator.health().getStatus()).isEqualTo(Status.UP));
	}

	@Test
	void degradedWhenTheQuotaIsUsedUp() {
		this.service.answer(201, 402);
		this.streamer = this.service.streamer().closeTimeout(Duration.ofMillis(200)).build();
		this.streamer.log("temperature", 21.5);
		InitialStateHealthIndicator indicator = indicator(InitialStateHealthIndicator.DEFAULT_UNREACHABLE_THRESHOLD);
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(
					() -> assertThat(indicator.health().getStatus()).isEqualTo(InitialStateHealthIndicator.DEGRADED));
		Health health = indicator.health();
		assertThat(health.getDetails()).containsEntry("serviceStatus", ServiceStatus.QUOTA_EXCEEDED)
			.containsKey("problem");
		assertThat((String) health.getDetails().get("lastError")).contains("402");
		assertNoAccessKey(health);
	}

	@Test
	void degradedOnceTheStreamerIsClosed() {
		this.streamer = this.service.streamer().build();
		this.streamer.close();
		Health health = indicator(Duration.ZERO).health();
		assertThat(health.getStatus()).isEqualTo(InitialStateHealthIndicator.DEGRADED);
		assertThat(health.getDetails()).containsEntry("problem", "The streamer is closed: it takes no more events.");
	}

	@Test
	void reportsProblemsWithTheConfiguredStatus() {
		this.service.answer(401, 401);
		this.streamer = this.service.streamer().closeTimeout(Duration.ofMillis(200)).build();
		this.streamer.log("temperature", 21.5);
		InitialStateHealthIndicator indicator = new InitialStateHealthIndicator(this.streamer,
				InitialStateHealthIndicator.DEFAULT_UNREACHABLE_THRESHOLD, Status.DOWN, NO_PROJECTION);
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(indicator.health().getStatus()).isEqualTo(Status.DOWN));
	}

	@ParameterizedTest
	@EnumSource(ServiceStatus.class)
	void reportsEveryKindOfServiceStatus(ServiceStatus status) {
		Streamer streamer = mock(Streamer.class);
		Instant longAgo = this.clock.instant().minus(Duration.ofHours(1));
		given(streamer.stats()).willReturn(stats(StreamerStats.State.RUNNING, status, longAgo));
		Health health = indicator(streamer, Duration.ofMinutes(5)).health();
		boolean problem = switch (status) {
			case OK, OFFLINE, RETRYING -> false;
			default -> true;
		};
		assertThat(health.getStatus()).as(status.name())
			.isEqualTo(problem ? InitialStateHealthIndicator.DEGRADED : Status.UP);
		assertThat(health.getDetails().containsKey("problem")).as(status.name()).isEqualTo(problem);
		if (problem) {
			assertThat(health.getDetails().get("problem")).asString().isNotBlank().endsWith(".");
		}
	}

	@ParameterizedTest
	@EnumSource(names = { "UNREACHABLE", "RATE_LIMITED" })
	void upWhileUnreachableOrRateLimitedWithinTheThreshold(ServiceStatus status) {
		Streamer streamer = mock(Streamer.class);
		given(streamer.stats())
			.willReturn(stats(StreamerStats.State.RUNNING, status, this.clock.instant().minus(Duration.ofMinutes(4))));
		assertThat(indicator(streamer, Duration.ofMinutes(5)).health().getStatus()).isEqualTo(Status.UP);
	}

	@Test
	void saysWhenTheStreamerRecordsInMemory() {
		this.streamer = new InMemoryStreamer();
		Health health = indicator(Duration.ZERO).health();
		assertThat(health.getStatus()).isEqualTo(Status.UP);
		assertThat(health.getDetails()).containsEntry("mode", "in-memory");
	}

	@Test
	void upOffline(@TempDir Path directory) {
		this.streamer = Streamer.builder().offline(true).offlineFile(directory.resolve("events.csv")).build();
		Health health = indicator(Duration.ZERO).health();
		assertThat(health.getStatus()).isEqualTo(Status.UP);
		assertThat(health.getDetails()).containsEntry("mode", "offline");
	}

	@Test
	void includesTheMetricsProjection() {
		this.streamer = this.service.streamer().build();
		QuotaProjection projection = QuotaProjection.of(15, Duration.ofMinutes(1), Duration.ofMinutes(10), 3_000_000,
				new QuotaProjection.Floor(false, List.of("process.cpu.usage"), 4, 5, 2), null);
		Health health = new InitialStateHealthIndicator(this.streamer, Duration.ZERO, () -> projection).health();
		assertThat(health.getDetails()).containsEntry("metrics", projection);
	}

	private InitialStateHealthIndicator indicator(Duration threshold) {
		return indicator(this.streamer, threshold);
	}

	private InitialStateHealthIndicator indicator(Streamer streamer, Duration threshold) {
		return new InitialStateHealthIndicator(streamer, threshold, InitialStateHealthIndicator.DEGRADED, NO_PROJECTION,
				this.clock);
	}

	private static StreamerStats stats(StreamerStats.State state, ServiceStatus status, Instant failingSince) {
		return new StreamerStats(state, status, "b", "b", 1, 0, Map.of(), 0, 1, 0, 0, 0, 0, 0, 0, 0, Map.of(), 0,
				Map.of(), 1, Map.of(), 1, null, "failed", failingSince, failingSince, 0, 0);
	}

	private static void assertNoAccessKey(Health health) {
		assertThat(health.toString()).doesNotContain(FakeInitialState.ACCESS_KEY);
		assertThat(health.getDetails().values())
			.allSatisfy((value) -> assertThat(String.valueOf(value)).doesNotContain(FakeInitialState.ACCESS_KEY));
	}

	/**
	 * The system clock, moved forward by hand.
	 */
	static final class MutableClock extends Clock {

		private volatile Duration offset = Duration.ZERO;

		void advance(Duration duration) {
			this.offset = this.offset.plus(duration);
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			throw new UnsupportedOperationException();
		}

		@Override
		public Instant instant() {
			return Instant.now().plus(this.offset);
		}

	}

}
