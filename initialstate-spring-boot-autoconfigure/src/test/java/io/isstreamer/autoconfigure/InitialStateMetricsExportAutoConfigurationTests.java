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

import io.isstreamer.micrometer.InitialStateConfig;
import io.isstreamer.micrometer.InitialStateMeterRegistry;
import io.isstreamer.streamer.Streamer;
import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link InitialStateMetricsExportAutoConfiguration}.
 */
class InitialStateMetricsExportAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(InitialStateMetricsExportAutoConfiguration.class));

	private final ApplicationContextRunner metricsRunner = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(MetricsAutoConfiguration.class, CompositeMeterRegistryAutoConfiguration.class,
						SimpleMetricsExportAutoConfiguration.class, InitialStateMetricsExportAutoConfiguration.class))
		.withUserConfiguration(RecordingStreamerConfiguration.class);

	@Test
	void backsOffWithoutAClock() {
		this.contextRunner.withUserConfiguration(RecordingStreamerConfiguration.class)
			.run((context) -> assertThat(context).doesNotHaveBean(InitialStateMeterRegistry.class));
	}

	@Test
	void backsOffWithoutAStreamer() {
		this.contextRunner.withBean(Clock.class, () -> Clock.SYSTEM)
			.run((context) -> assertThat(context).doesNotHaveBean(InitialStateMeterRegistry.class)
				.doesNotHaveBean(InitialStateConfig.class));
	}

	@Test
	void backsOffWithoutBootsMetricsModule() {
		this.contextRunner.withUserConfiguration(RecordingStreamerAndClockConfiguration.class)
			.withClassLoader(new FilteredClassLoader("org.springframework.boot.micrometer.metrics"))
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(InitialStateMeterRegistry.class)
				.doesNotHaveBean(InitialStateConfig.class));
	}

	@Test
	void autoConfiguresConfigAndMeterRegistry() {
		this.contextRunner.withUserConfiguration(RecordingStreamerAndClockConfiguration.class)
			.run((context) -> assertThat(context).hasSingleBean(InitialStateMeterRegistry.class)
				.hasSingleBean(InitialStateConfig.class));
	}

	@Test
	void bindsThePropertiesUnderBootsExporterPrefix() {
		this.contextRunner.withUserConfiguration(RecordingStreamerAndClockConfiguration.class)
			.withPropertyValues("management.initialstate.metrics.export.step=30s",
					"management.initialstate.metrics.export.batch-size=500",
					"management.initialstate.metrics.export.include=jvm.*,http.*",
					"management.initialstate.metrics.export.exclude=process.start.time",
					"management.initialstate.metrics.export.default-selection=false",
					"management.initialstate.metrics.export.refresh-interval=1h",
					"management.initialstate.metrics.export.monthly-budget=25000",
					"management.initialstate.metrics.export.key-prefix=shop")
			.run((context) -> {
				InitialStateConfig config = context.getBean(InitialStateConfig.class);
				assertThat(config.prefix()).isEqualTo("management.initialstate.metrics.export");
				assertThat(config.step()).isEqualTo(Duration.ofSeconds(30));
				assertThat(config.batchSize()).isEqualTo(500);
				assertThat(config.include()).containsExactly("jvm.*", "http.*");
				assertThat(config.exclude()).containsExactly("process.start.time");
				assertThat(config.defaultSelection()).isFalse();
				assertThat(config.refreshInterval()).isEqualTo(Duration.ofHours(1));
				assertThat(config.monthlyBudget()).isEqualTo(25_000);
				assertThat(config.keyPrefix()).isEqualTo("shop");
			});
	}

	@Test
	void twoSecondStepPropertyChangesTheRegistrysStep() {
		this.contextRunner.withUserConfiguration(RecordingStreamerAndClockConfiguration.class)
			.withPropertyValues("management.initialstate.metrics.export.step=2s")
			.run((context) -> {
				assertThat(context.getBean(InitialStateConfig.class).step()).isEqualTo(Duration.ofSeconds(2));
				assertThat(context.getBean(InitialStateMeterRegistry.class).quotaProjection().step())
					.isEqualTo(Duration.ofSeconds(2));
			});
	}

	@Test
	void ignoresTheRemovedInitialStateMetricsProperties() {
		this.contextRunner.withUserConfiguration(RecordingStreamerAndClockConfiguration.class)
			.withPropertyValues("initialstate.metrics.step=2s", "initialstate.metrics.enabled=false")
			.run((context) -> assertThat(context.getBean(InitialStateConfig.class).step())
				.isEqualTo(Duration.ofMinutes(1)));
	}

	@Test
	void failsOnAnInvalidPropertyNamingThePropertyTheValueAndTheRule() {
		assertFailure("monthly-budget", "0", "The value must be positive.");
		assertFailure("step", "0s", "The value must be positive.");
		assertFailure("batch-size", "-1", "The value must be positive.");
		assertFailure("refresh-interval", "-1s", "The value must not be negative.");
		assertFailure("key-prefix", "p".repeat(41), "The value must be at most 40 characters.");
		assertFailure("key-prefix", "shop:eu", "The value must not contain any of :[],= or control characters.");
	}

	private void assertFailure(String property, String value, String reason) {
		this.contextRunner.withUserConfiguration(RecordingStreamerAndClockConfiguration.class)
			.withPropertyValues("management.initialstate.metrics.export." + property + "=" + value)
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOfSatisfying(InvalidConfigurationPropertyValueException.class, (ex) -> {
					assertThat(ex.getName()).isEqualTo("management.initialstate.metrics.export." + property);
					assertThat(ex.getValue()).hasToString(value);
					assertThat(ex.getReason()).isEqualTo(reason);
				}));
	}

	@Test
	void canBeDisabledWithTheDefaultsEnabledProperty() {
		this.contextRunner.withUserConfiguration(RecordingStreamerAndClockConfiguration.class)
			.withPropertyValues("management.defaults.metrics.export.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(InitialStateMeterRegistry.class)
				.doesNotHaveBean(InitialStateConfig.class));
	}

	@Test
	void canBeDisabledWithTheSpecificExportProperty() {
		this.contextRunner.withUserConfiguration(RecordingStreamerAndClockConfiguration.class)
			.withPropertyValues("management.initialstate.metrics.export.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(InitialStateMeterRegistry.class));
	}

	@Test
	void allowsCustomConfigToBeUsed() {
		this.contextRunner.withUserConfiguration(CustomConfigConfiguration.class)
			.run((context) -> assertThat(context).hasSingleBean(InitialStateMeterRegistry.class)
				.hasSingleBean(InitialStateConfig.class)
				.hasBean("customConfig"));
	}

	@Test
	void allowsCustomRegistryToBeUsed() {
		this.contextRunner.withUserConfiguration(CustomRegistryConfiguration.class)
			.run((context) -> assertThat(context).hasSingleBean(InitialStateMeterRegistry.class)
				.hasBean("customRegistry")
				.hasSingleBean(InitialStateConfig.class));
	}

	@Test
	void stopsMeterRegistryWhenContextIsClosed() {
		this.contextRunner.withUserConfiguration(RecordingStreamerAndClockConfiguration.class).run((context) -> {
			InitialStateMeterRegistry registry = context.getBean(InitialStateMeterRegistry.class);
			assertThat(registry.isClosed()).isFalse();
			context.close();
			assertThat(registry.isClosed()).isTrue();
		});
	}

	@Test
	void isTheApplicationsMeterRegistryWhenItIsTheOnlyOne() {
		this.metricsRunner.run((context) -> assertThat(context.getBean(MeterRegistry.class))
			.isInstanceOf(InitialStateMeterRegistry.class));
	}

	@Test
	void leavesTheFieldToTheSimpleRegistryWhenDisabled() {
		this.metricsRunner.withPropertyValues("management.initialstate.metrics.export.enabled=false")
			.run((context) -> assertThat(context.getBean(MeterRegistry.class)).isInstanceOf(SimpleMeterRegistry.class));
	}

	@Test
	void joinsTheCompositeRegistryWhenAnotherRegistryExists() {
		this.metricsRunner.withBean("otherRegistry", SimpleMeterRegistry.class).run((context) -> {
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			assertThat(registry).isInstanceOf(CompositeMeterRegistry.class);
			assertThat(((CompositeMeterRegistry) registry).getRegistries())
				.hasAtLeastOneElementOfType(InitialStateMeterRegistry.class)
				.contains(context.getBean("otherRegistry", MeterRegistry.class));
		});
	}

	@Configuration(proxyBeanMethods = false)
	@Import(RecordingStreamerAndClockConfiguration.class)
	static class CustomConfigConfiguration {

		@Bean
		InitialStateConfig customConfig() {
			return (key) -> "initialstate.step".equals(key) ? "5m" : null;
		}

	}

	@Configuration(proxyBeanMethods = false)
	@Import(RecordingStreamerAndClockConfiguration.class)
	static class CustomRegistryConfiguration {

		@Bean
		InitialStateMeterRegistry customRegistry(InitialStateConfig config, Clock clock, Streamer streamer) {
			return new InitialStateMeterRegistry(config, clock, streamer);
		}

	}

}
