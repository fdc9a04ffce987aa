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

import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MockClock;
import io.micrometer.core.instrument.simple.SimpleConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.actuate.endpoint.MetricsEndpoint;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsEndpointAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What {@code /actuator/metrics} shows with the Initial State registry, as the README
 * says: the last step's values, or running totals with the README's recipe.
 */
class InitialStateMetricsEndpointTests {

	private final MockClock clock = new MockClock();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class,
				CompositeMeterRegistryAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class,
				InitialStateMetricsExportAutoConfiguration.class, MetricsEndpointAutoConfiguration.class))
		.withUserConfiguration(RecordingStreamerConfiguration.class)
		.withBean(Clock.class, () -> this.clock)
		.withPropertyValues("management.endpoints.web.exposure.include=metrics");

	@Test
	void withOnlyThisRegistryTheEndpointShowsTheLastStep() {
		this.contextRunner.run((context) -> {
			Counter orders = Counter.builder("orders").register(context.getBean(MeterRegistry.class));
			MetricsEndpoint endpoint = context.getBean(MetricsEndpoint.class);
			orders.increment(5);
			assertThat(count(endpoint)).as("during the step").isZero();
			this.clock.add(Duration.ofMinutes(1));
			assertThat(count(endpoint)).as("the step before").isEqualTo(5);
			orders.increment(2);
			this.clock.add(Duration.ofMinutes(1));
			assertThat(count(endpoint)).as("the step before").isEqualTo(2);
		});
	}

	@Test
	void aSimpleRegistryOfYourOwnKeepsRunningTotalsForTheEndpoint() {
		this.contextRunner.withUserConfiguration(RunningTotalsConfiguration.class).run((context) -> {
			Counter orders = Counter.builder("orders").register(context.getBean(MeterRegistry.class));
			MetricsEndpoint endpoint = context.getBean(MetricsEndpoint.class);
			orders.increment(5);
			assertThat(count(endpoint)).isEqualTo(5);
			this.clock.add(Duration.ofMinutes(1));
			orders.increment(2);
			assertThat(count(endpoint)).isEqualTo(7);
		});
	}

	private static double count(MetricsEndpoint endpoint) {
		MetricsEndpoint.MetricDescriptor descriptor = endpoint.metric("orders", null);
		assertThat(descriptor).isNotNull();
		return descriptor.getMeasurements().get(0).getValue();
	}

	/**
	 * The README's recipe.
	 */
	@Configuration(proxyBeanMethods = false)
	static class RunningTotalsConfiguration {

		@Bean
		SimpleMeterRegistry runningTotals(Clock clock) {
			return new SimpleMeterRegistry(SimpleConfig.DEFAULT, clock);
		}

		@Bean
		MetricsEndpoint metricsEndpoint(SimpleMeterRegistry runningTotals) {
			return new MetricsEndpoint(runningTotals);
		}

	}

}
