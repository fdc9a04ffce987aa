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

import io.isstreamer.streamer.RecordingTransport;
import io.isstreamer.streamer.Streamer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.annotation.ImportCandidates;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.ClassUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests that every auto-configuration of the starter works without each of the
 * autoconfigure module's optional dependencies.
 */
class OptionalDependenciesTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(registeredAutoConfigurations()))
		.withUserConfiguration(RecordingTransportConfiguration.class)
		.withPropertyValues("initialstate.spool.enabled=false", "initialstate.bucket-key=orders");

	@ParameterizedTest(name = "without {0}")
	@ValueSource(strings = { "io.micrometer.core", "org.springframework.boot.micrometer.metrics",
			"org.springframework.boot.health", "org.springframework.boot.actuate.autoconfigure",
			"org.springframework.boot.actuate" })
	void createsStreamerWithoutOptionalDependency(String hiddenPackage) {
		this.contextRunner.withClassLoader(new FilteredClassLoader(hiddenPackage))
			.run((context) -> assertThat(context).hasNotFailed().hasSingleBean(Streamer.class));
	}

	@Test
	void masksNothingWithoutActuator() {
		this.contextRunner.withClassLoader(new FilteredClassLoader("org.springframework.boot.actuate"))
			.run((context) -> assertThat(context).doesNotHaveBean(SanitizingFunction.class));
	}

	private static Class<?>[] registeredAutoConfigurations() {
		ClassLoader classLoader = OptionalDependenciesTests.class.getClassLoader();
		return ImportCandidates.load(AutoConfiguration.class, classLoader)
			.getCandidates()
			.stream()
			.filter((name) -> name.startsWith("io.isstreamer."))
			.map((name) -> ClassUtils.resolveClassName(name, classLoader))
			.toArray(Class<?>[]::new);
	}

	@Configuration(proxyBeanMethods = false)
	static class RecordingTransportConfiguration {

		@Bean
		RecordingTransport recordingTransport() {
			return new RecordingTransport();
		}

	}

}
