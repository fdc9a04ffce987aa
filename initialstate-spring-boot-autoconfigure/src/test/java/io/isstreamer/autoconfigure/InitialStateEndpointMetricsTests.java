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

import io.isstreamer.micrometer.InitialStateMeterRegistry;
import io.isstreamer.micrometer.QuotaProjection;
import io.micrometer.core.instrument.Gauge;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What {@code GET /actuator/initialstate} says about the metrics export: the projection,
 * and what was sent this month next to the budget.
 */
class InitialStateEndpointMetricsTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(InitialStateMetricsExportAutoConfiguration.class,
				InitialStateEndpointAutoConfiguration.class))
		.withUserConfiguration(RecordingStreamerAndClockConfiguration.class)
		.withPropertyValues("management.endpoints.web.exposure.include=initialstate",
				"management.initialstate.metrics.export.step=1s",
				"management.initialstate.metrics.export.monthly-budget=250000");

	@Test
	void readShowsWhatTheExportSentThisMonthNextToTheBudget() {
		this.contextRunner.run((context) -> {
			InitialStateMeterRegistry registry = context.getBean(InitialStateMeterRegistry.class);
			Gauge.builder("jvm.threads.live", () -> 3).register(registry);
			await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
				QuotaProjection.MonthToDate thisMonth = registry.quotaProjection().thisMonth();
				assertThat(thisMonth).isNotNull();
				assertThat(thisMonth.events()).isPositive();
			});
			InitialStateEndpoint.InitialStateDescriptor descriptor = context.getBean(InitialStateEndpoint.class).read();
			JsonNode metrics = JsonMapper.builder().build().valueToTree(descriptor).path("metrics");
			assertThat(metrics.path("monthlyBudget").asLong()).isEqualTo(250_000);
			assertThat(metrics.path("minEventsPerMonth").isNumber()).isTrue();
			assertThat(metrics.path("maxEventsPerMonth").asLong()).isEqualTo(15L * 2_678_400);
			assertThat(metrics.path("floor").path("measured").asBoolean()).isFalse();
			JsonNode thisMonth = metrics.path("thisMonth");
			assertThat(thisMonth.path("events").asLong()).isPositive();
			assertThat(thisMonth.path("eventsPerMonth").asLong()).isPositive();
			assertThat(thisMonth.path("month").asString()).matches("\\d{4}-\\d{2}");
			assertThat(thisMonth.has("since")).isTrue();
		});
	}

}
