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

/**
 * Configuration properties of the metrics export to Initial State.
 *
 * @see io.isstreamer.micrometer.InitialStateMeterRegistry
 */
@ConfigurationProperties("initialstate.metrics")
public class InitialStateMetricsProperties {

	/**
	 * Whether exporting metrics to Initial State is enabled.
	 */
	private boolean enabled = true;

	/**
	 * Time between two publishes of the metrics.
	 */
	private Duration step = Duration.ofMinutes(1);

	/**
	 * Whether to export the default selection of about a dozen high-value series (heap,
	 * GC, threads, CPU, uptime, HTTP server requests, error logs).
	 */
	private boolean defaultSelection = true;

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
	 * Time after which unchanged values are sent again so dashboard tiles never look
	 * stale, or zero to send every value at every step.
	 */
	private Duration refreshInterval = InitialStateConfig.DEFAULT_REFRESH_INTERVAL;

	/**
	 * Events a month the metrics may use, against which the export's projection is
	 * checked at startup.
	 */
	private long monthlyBudget = InitialStateConfig.DEFAULT_MONTHLY_BUDGET;

	/**
	 * Text put before every metric event key, followed by a dot.
	 */
	private String keyPrefix = "";

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public Duration getStep() {
		return this.step;
	}

	public void setStep(Duration step) {
		this.step = step;
	}

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
