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

package io.isstreamer.micrometer;

import java.time.Duration;
import java.util.Map;

import io.micrometer.core.instrument.config.validate.Validated;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link InitialStateConfig}.
 */
class InitialStateConfigTests {

	@Test
	void hasDefaults() {
		InitialStateConfig config = InitialStateConfig.DEFAULT;
		assertThat(config.prefix()).isEqualTo("initialstate");
		assertThat(config.step()).isEqualTo(Duration.ofMinutes(1));
		assertThat(config.batchSize()).isEqualTo(10_000);
		assertThat(config.keyPrefix()).isEmpty();
		assertThat(config.defaultSelection()).isTrue();
		assertThat(config.include()).isEmpty();
		assertThat(config.exclude()).isEmpty();
		assertThat(config.refreshInterval()).isEqualTo(Duration.ofMinutes(10));
		assertThat(config.monthlyBudget()).isEqualTo(3_000_000);
		assertThat(config.validate().isValid()).isTrue();
	}

	@Test
	void readsCommaSeparatedPatterns() {
		InitialStateConfig config = Map.of("initialstate.include", "jvm.*, http.server.requests ,")::get;
		assertThat(config.include()).containsExactly("jvm.*", "http.server.requests");
	}

	@Test
	void refusesANegativeRefreshInterval() {
		assertInvalid(Map.of("initialstate.refreshInterval", "-1s"), "initialstate.refreshInterval");
	}

	@Test
	void refusesABudgetThatIsNotPositive() {
		assertInvalid(Map.of("initialstate.monthlyBudget", "0"), "initialstate.monthlyBudget");
	}

	@Test
	void refusesABudgetThatIsNotANumber() {
		assertInvalid(Map.of("initialstate.monthlyBudget", "lots"), "initialstate.monthlyBudget");
	}

	@Test
	void refusesAStepThatIsNotPositive() {
		assertInvalid(Map.of("initialstate.step", "0s"), "initialstate.step");
	}

	@Test
	void refusesABatchSizeThatIsNotPositive() {
		assertInvalid(Map.of("initialstate.batchSize", "0"), "initialstate.batchSize");
	}

	@Test
	void refusesAKeyPrefixWithCharactersThatStructureKeys() {
		assertInvalid(Map.of("initialstate.keyPrefix", "shop[eu]"), "initialstate.keyPrefix");
		assertInvalid(Map.of("initialstate.keyPrefix", "shop\teu"), "initialstate.keyPrefix");
	}

	@Test
	void refusesALongKeyPrefix() {
		assertInvalid(Map.of("initialstate.keyPrefix", "p".repeat(41)), "initialstate.keyPrefix");
	}

	private void assertInvalid(Map<String, String> properties, String property) {
		InitialStateConfig config = properties::get;
		Validated<?> validation = config.validate();
		assertThat(validation.isValid()).isFalse();
		assertThat(validation.failures()).extracting(Validated.Invalid::getProperty).containsExactly(property);
	}

}
