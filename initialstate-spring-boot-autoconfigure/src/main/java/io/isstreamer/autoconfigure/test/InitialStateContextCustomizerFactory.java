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

package io.isstreamer.autoconfigure.test;

import java.util.List;
import java.util.Map;

import io.isstreamer.autoconfigure.InitialStateAutoConfiguration;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;
import org.springframework.test.context.TestContextAnnotationUtils;

/**
 * {@link ContextCustomizerFactory} that keeps the application's tests away from Initial
 * State, as Spring Boot keeps them away from its metrics exporters: unless the test class
 * is annotated with {@link AutoConfigureInitialState}, the auto-configured streamer is an
 * {@link io.isstreamer.streamer.memory.InMemoryStreamer} and metrics export is off. It
 * adds a property source of its own, so the application's own properties stay as they
 * are.
 */
class InitialStateContextCustomizerFactory implements ContextCustomizerFactory {

	/**
	 * The name of the property source the customizer adds.
	 */
	static final String PROPERTY_SOURCE_NAME = "initialStateTest";

	@Override
	public @Nullable ContextCustomizer createContextCustomizer(Class<?> testClass,
			List<ContextConfigurationAttributes> configAttributes) {
		if (TestContextAnnotationUtils.findMergedAnnotation(testClass, AutoConfigureInitialState.class) != null) {
			return null;
		}
		return new InMemoryStreamerContextCustomizer();
	}

	/**
	 * Switches the streamer to memory and metrics export off. All instances are equal, so
	 * tests without the annotation share their cached contexts as before.
	 */
	static final class InMemoryStreamerContextCustomizer implements ContextCustomizer {

		@Override
		public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration mergedConfig) {
			context.getEnvironment()
				.getPropertySources()
				.addFirst(new MapPropertySource(PROPERTY_SOURCE_NAME,
						Map.of(InitialStateAutoConfiguration.IN_MEMORY_PROPERTY, "true",
								"management.initialstate.metrics.export.enabled", "false")));
		}

		@Override
		public boolean equals(@Nullable Object other) {
			return other != null && other.getClass() == getClass();
		}

		@Override
		public int hashCode() {
			return getClass().hashCode();
		}

	}

}
