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
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * {@link EnableAutoConfiguration Auto-configuration} that binds the {@link Streamer}'s
 * own meters ({@code initialstate.streamer.*}) into the application's meter registries,
 * whichever they are. Turn them off with
 * {@code management.metrics.enable.initialstate.streamer=false}.
 */
@AutoConfiguration(after = { MetricsAutoConfiguration.class, CompositeMeterRegistryAutoConfiguration.class },
		afterName = "io.isstreamer.autoconfigure.InitialStateAutoConfiguration")
@ConditionalOnClass(MeterBinder.class)
@ConditionalOnBean({ MeterRegistry.class, Streamer.class })
public final class InitialStateStreamerMetricsAutoConfiguration {

	InitialStateStreamerMetricsAutoConfiguration() {
	}

	@Bean
	@ConditionalOnMissingBean
	StreamerMetrics initialStateStreamerMetrics(Streamer streamer) {
		return new StreamerMetrics(streamer);
	}

}
