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
import java.util.ArrayList;
import java.util.List;

import io.isstreamer.micrometer.InitialStateConfig;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.properties.StepRegistryProperties;

/**
 * {@link ConfigurationProperties @ConfigurationProperties} of the metrics export to
 * Initial State, under {@code management.initialstate.metrics.export} as every Spring
 * Boot exporter's are: {@code enabled}, {@code step} and {@code batch-size} come from
 * {@link StepRegistryProperties}, the rest belongs to this registry.
 *
 * @see io.isstreamer.micrometer.InitialStateMeterRegistry
 */
@ConfigurationProperties(InitialStateMetricsProperties.PREFIX)
public class InitialStateMetricsProperties extends StepRegistryProperties {

	/**
	 * Prefix of the properties.
	 */
	public static final String PREFIX = "management.initialstate.metrics.export";

	/**
	 * Whether to export the default selection of about fifteen series that an operator
	 * looks at first (heap, GC, threads, CPU, HTTP requests and errors, error logs, the
	 * connection pool).
	 */
	private boolean defaultSelection = InitialStateConfig.DEFAULT_SELECTION_ENABLED;

	/**
	 * Meter name patterns whose every series is exported on top of the default selection,
	 * where '*' matches any characters.
	 */
	private List<String> include = new ArrayList<>();

	/**
	 * Meter name patterns never exported, not even by the default selection, where '*'
	 * matches any characters.
	 */
	private List<String> exclude = new ArrayList<>();

	/**
	 * Time after which unchanged gauge-like values are sent again so dashboard tiles
	 * never look stale, or zero to send them at every step.
	 */
	private Duration refreshInterval = InitialStateConfig.DEFAULT_REFRESH_INTERVAL;

	/**
	 * Events a month the metrics export may use, against which its projection is checked
	 * at startup.
	 */
	private long monthlyBudget = InitialStateConfig.DEFAULT_MONTHLY_BUDGET;

	/**
	 * Text put before every metric event key, followed by a dot.
	 */
	private String keyPrefix = InitialStateConfig.DEFAULT_KEY_PREFIX;

	public boolean isDefaultSelection() {
		return this.defaultSelection;
	}

	public void setDefaultSelection(boolean defaultSelection) {
		this.defaultSelection = defaultSelection;
	}

	public List<String> getInclude() {
		return this.include;
	}

	public void setInclude(List<String> include) {
		this.include = include;
	}

	public List<String> getExclude() {
		return this.exclude;
	}

	public void setExclude(List<String> exclude) {
		this.exclude = exclude;
	}

	public Duration getRefreshInterval() {
		return this.refreshInterval;
	}

	public void setRefreshInterval(Duration refreshInterval) {
		this.refreshInterval = refreshInterval;
	}

	public long getMonthlyBudget() {
		return this.monthlyBudget;
	}

	public void setMonthlyBudget(long monthlyBudget) {
		this.monthlyBudget = monthlyBudget;
	}

	public String getKeyPrefix() {
		return this.keyPrefix;
	}

	public void setKeyPrefix(String keyPrefix) {
		this.keyPrefix = keyPrefix;
	}

}
