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
import java.util.List;

import io.isstreamer.micrometer.InitialStateConfig;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.micrometer.metrics.autoconfigure.export.properties.StepRegistryPropertiesConfigAdapter;

/**
 * Adapts {@link InitialStateMetricsProperties} to an {@link InitialStateConfig}, the way
 * Spring Boot adapts its own exporters' properties.
 */
class InitialStateMetricsPropertiesConfigAdapter
		extends StepRegistryPropertiesConfigAdapter<InitialStateMetricsProperties> implements InitialStateConfig {

	InitialStateMetricsPropertiesConfigAdapter(InitialStateMetricsProperties properties) {
		super(properties);
	}

	@Override
	public String prefix() {
		return InitialStateMetricsProperties.PREFIX;
	}

	@Override
	public @Nullable String get(String key) {
		return null;
	}

	@Override
	public boolean defaultSelection() {
		return obtain(InitialStateMetricsProperties::isDefaultSelection, InitialStateConfig.super::defaultSelection);
	}

	@Override
	public List<String> include() {
		return obtain(InitialStateMetricsProperties::getInclude, InitialStateConfig.super::include);
	}

	@Override
	public List<String> exclude() {
		return obtain(InitialStateMetricsProperties::getExclude, InitialStateConfig.super::exclude);
	}

	@Override
	public Duration refreshInterval() {
		return obtain(InitialStateMetricsProperties::getRefreshInterval, InitialStateConfig.super::refreshInterval);
	}

	@Override
	public long monthlyBudget() {
		return obtain(InitialStateMetricsProperties::getMonthlyBudget, InitialStateConfig.super::monthlyBudget);
	}

	@Override
	public String keyPrefix() {
		return obtain(InitialStateMetricsProperties::getKeyPrefix, InitialStateConfig.super::keyPrefix);
	}

}
