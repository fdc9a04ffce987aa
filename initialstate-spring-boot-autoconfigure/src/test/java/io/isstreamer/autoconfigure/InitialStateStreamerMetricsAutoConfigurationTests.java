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

import io.isstreamer.micrometer.StreamerMetrics;
import io.isstreamer.streamer.Streamer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link InitialStateStreamerMetricsAutoConfiguration}.
 */
class InitialStateStreamerMetricsAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner().withConfiguration(
			AutoConfigurations.of(MetricsAutoConfiguration.class, CompositeMeterRegistryAutoConfiguration.class,
					SimpleMetricsExportAutoConfiguration.class, InitialStateStreamerMetricsAutoConfiguration.class));

	@Test
	void bindsTheStreamersMetersIntoTheApplicationsRegistry() {
		this.contextRunner.withUserConfiguration(RecordingStreamerConfiguration.class).run((context) -> {
			assertThat(context).hasSingleBean(StreamerMetrics.class);
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			assertThat(registry.find("initialstate.streamer.queue.depth").gauge()).isNotNull();
			assertThat(registry.find("initialstate.streamer.events").functionCounters()).hasSize(6);
			assertThat(registry.find("initialstate.streamer.requests").functionCounters()).hasSize(10);
			assertThat(registry.find("initialstate.streamer.spool.bytes").gauge()).isNotNull();
			assertThat(registry.find("initialstate.streamer.monthly.projected").gauge()).isNotNull();
		});
	}

	@Test
	void canBeTurnedOffWithBootsMeterFilter() {
		this.contextRunner.withUserConfiguration(RecordingStreamerConfiguration.class)
			.withPropertyValues("management.metrics.enable.initialstate.streamer=false")
			.run((context) -> assertThat(
					context.getBean(MeterRegistry.class).find("initialstate.streamer.queue.depth").meters())
				.isEmpty());
	}

	@Test
	void backsOffWithoutAStreamer() {
		this.contextRunner.run((context) -> assertThat(context).doesNotHaveBean(StreamerMetrics.class));
	}

	@Test
	void backsOffWithoutMicrometer() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(InitialStateStreamerMetricsAutoConfiguration.class))
			.withUserConfiguration(RecordingStreamerConfiguration.class)
			.withClassLoader(new FilteredClassLoader(MeterBinder.class))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(StreamerMetrics.class));
	}

	@Test
	void allowsACustomBinderToBeUsed() {
		this.contextRunner.withUserConfiguration(RecordingStreamerConfiguration.class, CustomBinderConfiguration.class)
			.run((context) -> assertThat(context).hasSingleBean(StreamerMetrics.class)
				.hasBean("customStreamerMetrics"));
	}

	@Configuration(proxyBeanMethods = false)
	static class CustomBinderConfiguration {

		@Bean
		StreamerMetrics customStreamerMetrics(Streamer streamer) {
			return new StreamerMetrics(streamer, Tags.of("app", "shop"));
		}

	}

}
