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

import io.isstreamer.micrometer.QuotaProjection;
import io.isstreamer.streamer.Streamer;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.autoconfigure.registry.HealthContributorRegistryAutoConfiguration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.health.registry.HealthContributorRegistry;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link InitialStateHealthContributorAutoConfiguration}.
 */
class InitialStateHealthContributorAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(InitialStateHealthContributorAutoConfiguration.class));

	@Test
	void backsOffWithoutAStreamer() {
		this.contextRunner.run((context) -> assertThat(context).doesNotHaveBean(InitialStateHealthIndicator.class));
	}

	@Test
	void backsOffWithoutBootsHealthModule() {
		this.contextRunner.withUserConfiguration(RecordingStreamerConfiguration.class)
			.withClassLoader(new FilteredClassLoader("org.springframework.boot.health"))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(InitialStateHealthIndicator.class));
	}

	@Test
	void contributesTheIndicatorAsInitialState() {
		this.contextRunner.withUserConfiguration(RecordingStreamerConfiguration.class)
			.withConfiguration(AutoConfigurations.of(HealthContributorRegistryAutoConfiguration.class))
			.run((context) -> {
				assertThat(context).hasSingleBean(InitialStateHealthIndicator.class);
				assertThat(context.getBean(HealthContributorRegistry.class).getContributor("initialState"))
					.isSameAs(context.getBean(InitialStateHealthIndicator.class));
			});
	}

	@Test
	void canBeDisabled() {
		this.contextRunner.withUserConfiguration(RecordingStreamerConfiguration.class)
			.withPropertyValues("management.health.initialstate.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(InitialStateHealthIndicator.class));
	}

	@Test
	void allowsACustomIndicatorToBeUsed() {
		this.contextRunner.withUserConfiguration(RecordingStreamerConfiguration.class)
			.withBean("initialStateHealthIndicator", HealthIndicator.class, () -> () -> Health.up().build())
			.run((context) -> assertThat(context).doesNotHaveBean(InitialStateHealthIndicator.class)
				.hasBean("initialStateHealthIndicator"));
	}

	@Test
	void bindsTheUnreachableThreshold() {
		this.contextRunner.withUserConfiguration(RecordingStreamerConfiguration.class)
			.withPropertyValues("management.health.initialstate.unreachable-threshold=90s")
			.run((context) -> assertThat(
					context.getBean(InitialStateHealthIndicatorProperties.class).getUnreachableThreshold())
				.isEqualTo(Duration.ofSeconds(90)));
	}

	@Test
	void reportsProblemsAsDegradedByDefault() {
		this.contextRunner.withUserConfiguration(RecordingStreamerConfiguration.class).run((context) -> {
			context.getBean(Streamer.class).close();
			assertThat(context.getBean(InitialStateHealthIndicator.class).health().getStatus())
				.isEqualTo(InitialStateHealthIndicator.DEGRADED);
		});
	}

	@Test
	void reportsProblemsWithTheConfiguredStatus() {
		this.contextRunner.withUserConfiguration(RecordingStreamerConfiguration.class)
			.withPropertyValues("management.health.initialstate.problem-status=down")
			.run((context) -> {
				context.getBean(Streamer.class).close();
				assertThat(context.getBean(InitialStateHealthIndicator.class).health().getStatus())
					.isEqualTo(Status.DOWN);
			});
	}

	@Test
	void failsOnABlankProblemStatus() {
		this.contextRunner.withUserConfiguration(RecordingStreamerConfiguration.class)
			.withPropertyValues("management.health.initialstate.problem-status= ")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("management.health.initialstate.problem-status"));
	}

	@Test
	void showsTheMetricsProjectionWhenMetricsAreExported() {
		this.contextRunner.withUserConfiguration(RecordingStreamerAndClockConfiguration.class)
			.withConfiguration(AutoConfigurations.of(InitialStateMetricsExportAutoConfiguration.class))
			.run((context) -> {
				Health health = context.getBean(InitialStateHealthIndicator.class).health();
				assertThat(health.getDetails().get("metrics")).isInstanceOfSatisfying(QuotaProjection.class,
						(projection) -> assertThat(projection.series()).isEqualTo(15));
			});
	}

	@Test
	void showsNoProjectionWithoutMetricsExport() {
		this.contextRunner.withUserConfiguration(RecordingStreamerConfiguration.class)
			.run((context) -> assertThat(context.getBean(InitialStateHealthIndicator.class).health().getDetails())
				.doesNotContainKey("metrics"));
	}

}
