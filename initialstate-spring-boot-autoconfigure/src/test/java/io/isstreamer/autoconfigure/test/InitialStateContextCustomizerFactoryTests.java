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

import io.isstreamer.autoconfigure.InitialStateAutoConfiguration;
import org.junit.jupiter.api.Test;

import org.springframework.context.support.GenericApplicationContext;
import org.springframework.test.context.ContextCustomizer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link InitialStateContextCustomizerFactory}.
 */
class InitialStateContextCustomizerFactoryTests {

	private final InitialStateContextCustomizerFactory factory = new InitialStateContextCustomizerFactory();

	@Test
	void switchesTheStreamerToMemoryAndMetricsExportOffWithoutTheAnnotation() {
		ContextCustomizer customizer = this.factory.createContextCustomizer(PlainTest.class, List.of());
		assertThat(customizer).isNotNull();
		GenericApplicationContext context = new GenericApplicationContext();
		customizer.customizeContext(context, null);
		assertThat(context.getEnvironment().getProperty(InitialStateAutoConfiguration.IN_MEMORY_PROPERTY))
			.isEqualTo("true");
		assertThat(context.getEnvironment().getProperty("management.initialstate.metrics.export.enabled"))
			.isEqualTo("false");
		assertThat(context.getEnvironment().getPropertySources().iterator().next().getName())
			.isEqualTo(InitialStateContextCustomizerFactory.PROPERTY_SOURCE_NAME);
	}

	@Test
	void leavesATestAnnotatedWithAutoConfigureInitialStateAlone() {
		assertThat(this.factory.createContextCustomizer(RealTest.class, List.of())).isNull();
		assertThat(this.factory.createContextCustomizer(InheritedRealTest.class, List.of())).isNull();
		assertThat(this.factory.createContextCustomizer(RealTest.Inner.class, List.of())).isNull();
	}

	@Test
	void customizersAreEqualSoTestsShareTheirContexts() {
		ContextCustomizer one = this.factory.createContextCustomizer(PlainTest.class, List.of());
		ContextCustomizer two = this.factory.createContextCustomizer(OtherPlainTest.class, List.of());
		assertThat(one).isEqualTo(two).hasSameHashCodeAs(two);
	}

	static class PlainTest {

	}

	static class OtherPlainTest {

	}

	@AutoConfigureInitialState
	static class RealTest {

		@org.junit.jupiter.api.Nested
		class Inner {

		}

	}

	static class InheritedRealTest extends RealTest {

	}

}
