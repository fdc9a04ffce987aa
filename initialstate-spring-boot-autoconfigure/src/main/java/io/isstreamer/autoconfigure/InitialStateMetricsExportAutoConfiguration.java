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

import java.util.Locale;

import io.isstreamer.micrometer.InitialStateConfig;
import io.isstreamer.micrometer.InitialStateMeterRegistry;
import io.isstreamer.streamer.Streamer;
import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.config.validate.Validated;
import io.micrometer.core.instrument.step.StepMeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.ConditionalOnEnabledMetricsExport;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.ContextRefreshedEvent;
import org.springframework.core.env.Environment;

/**
 * {@link EnableAutoConfiguration Auto-configuration} for exporting metrics to Initial
 * State through the application's {@link Streamer}. Ordered like Boot's own exporters, so
 * that the composite registry includes it when there are others, and the simple registry
 * stays away when it is the only one.
 * <p>
 * Configured under {@code management.initialstate.metrics.export.*}, and turned off, as
 * Boot's exporters are, by {@code management.initialstate.metrics.export.enabled=false}
 * or {@code management.defaults.metrics.export.enabled=false}.
 */
@AutoConfiguration(
		before = { CompositeMeterRegistryAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class },
		after = MetricsAutoConfiguration.class, afterName = "io.isstreamer.autoconfigure.InitialStateAutoConfiguration")
@ConditionalOnClass({ StepMeterRegistry.class, ConditionalOnEnabledMetricsExport.class })
public final class InitialStateMetricsExportAutoConfiguration {

	InitialStateMetricsExportAutoConfiguration() {
	}

	/**
	 * The registry and its configuration. Its conditions come from Boot's metrics module,
	 * so they sit on a nested class that is only read when the module is present.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBean({ Clock.class, Streamer.class })
	@ConditionalOnEnabledMetricsExport("initialstate")
	@EnableConfigurationProperties(InitialStateMetricsProperties.class)
	static class MeterRegistryConfiguration {

		@Bean
		@ConditionalOnMissingBean
		InitialStateConfig initialStateConfig(InitialStateMetricsProperties properties, Environment environment) {
			InitialStateConfig config = new InitialStateMetricsPropertiesConfigAdapter(properties);
			for (Validated.Invalid<?> failure : config.validate().failures()) {
				String name = propertyName(failure.getProperty());
				// as the user wrote it ("0s"), not as it was bound ("PT0S")
				Object value = environment.getProperty(name, Object.class, failure.getValue());
				throw new InvalidConfigurationPropertyValueException(name, value,
						"The value " + failure.getMessage() + ".");
			}
			return config;
		}

		/**
		 * Return the name a property is bound from: Micrometer names it
		 * {@code prefix.monthlyBudget}, Boot {@code prefix.monthly-budget}.
		 */
		private static String propertyName(String micrometerName) {
			int lastDot = micrometerName.lastIndexOf('.');
			String key = micrometerName.substring(lastDot + 1).replaceAll("([A-Z])", "-$1").toLowerCase(Locale.ROOT);
			return micrometerName.substring(0, lastDot + 1) + key;
		}

		@Bean
		@ConditionalOnMissingBean
		InitialStateMeterRegistry initialStateMeterRegistry(InitialStateConfig initialStateConfig, Clock clock,
				Streamer streamer) {
			return InitialStateMeterRegistry.builder(initialStateConfig)
				.clock(clock)
				.streamer(streamer)
				.deferProjectionReport()
				.build();
		}

		/**
		 * Log the monthly projection once the context is refreshed: by then Boot has
		 * bound the JVM, system and logging meters, which it does after the registry
		 * starts, so the first publish of a short step could come before.
		 */
		@Bean
		ApplicationListener<ContextRefreshedEvent> initialStateQuotaProjectionReporter(
				ObjectProvider<InitialStateMeterRegistry> registries) {
			return (event) -> registries.orderedStream().forEach(InitialStateMeterRegistry::reportQuotaProjection);
		}

	}

}
