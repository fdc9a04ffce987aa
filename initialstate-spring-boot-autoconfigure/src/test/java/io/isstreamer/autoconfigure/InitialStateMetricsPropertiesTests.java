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

import io.isstreamer.micrometer.InitialStateConfig;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link InitialStateMetricsProperties}.
 */
class InitialStateMetricsPropertiesTests {

	@Test
	void defaultValuesAreConsistentWithTheRegistryConfig() {
		InitialStateMetricsProperties properties = new InitialStateMetricsProperties();
		InitialStateConfig config = InitialStateConfig.DEFAULT;
		assertThat(properties.isEnabled()).isEqualTo(config.enabled());
		assertThat(properties.getStep()).isEqualTo(config.step());
		assertThat(properties.isDefaultSelection()).isEqualTo(config.defaultSelection());
		assertThat(properties.getInclude()).isEqualTo(config.include());
		assertThat(properties.getExclude()).isEqualTo(config.exclude());
		assertThat(properties.getRefreshInterval()).isEqualTo(config.refreshInterval());
		assertThat(properties.getMonthlyBudget()).isEqualTo(config.monthlyBudget());
		assertThat(properties.getKeyPrefix()).isEqualTo(config.keyPrefix());
	}

	@Test
	void adapterGivesThePropertiesToTheRegistry() {
		InitialStateMetricsProperties properties = new InitialStateMetricsProperties();
		properties.setMonthlyBudget(25_000);
		InitialStateConfig config = new InitialStateMetricsPropertiesConfigAdapter(properties);
		assertThat(config.monthlyBudget()).isEqualTo(25_000);
		assertThat(config.prefix()).isEqualTo("initialstate.metrics");
		assertThat(config.validate().isValid()).isTrue();
	}

}
