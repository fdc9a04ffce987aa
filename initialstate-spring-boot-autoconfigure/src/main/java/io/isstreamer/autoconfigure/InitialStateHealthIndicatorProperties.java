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

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration properties of the Initial State health indicator, beside Boot's
 * {@code management.health.initialstate.enabled}.
 */
@ConfigurationProperties("management.health.initialstate")
public class InitialStateHealthIndicatorProperties {

	/**
	 * Time the Initial State service may stay unreachable, retries used up, before the
	 * health indicator reports a problem.
	 */
	private Duration unreachableThreshold = InitialStateHealthIndicator.DEFAULT_UNREACHABLE_THRESHOLD;

	/**
	 * Health status reported while Initial State refuses events or cannot be reached.
	 * Spring Boot answers the default, DEGRADED, with HTTP 200 and leaves it out of the
	 * application's status; DOWN takes the application out of service.
	 */
	private String problemStatus = InitialStateHealthIndicator.DEGRADED.getCode();

	public Duration getUnreachableThreshold() {
		return this.unreachableThreshold;
	}

	public void setUnreachableThreshold(Duration unreachableThreshold) {
		this.unreachableThreshold = unreachableThreshold;
	}

	public String getProblemStatus() {
		return this.problemStatus;
	}

	public void setProblemStatus(String problemStatus) {
		this.problemStatus = problemStatus;
	}

}
