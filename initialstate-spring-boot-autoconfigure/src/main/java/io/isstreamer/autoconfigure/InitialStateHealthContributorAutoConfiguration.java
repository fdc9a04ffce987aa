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

import java.util.Locale;

import io.isstreamer.micrometer.QuotaProjection;
import io.isstreamer.streamer.Streamer;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * {@link EnableAutoConfiguration Auto-configuration} for the
 * {@link InitialStateHealthIndicator}, contributed as {@code initialState}. Turned off by
 * {@code management.health.initialstate.enabled=false}.
 */
@AutoConfiguration(afterName = "io.isstreamer.autoconfigure.InitialStateAutoConfiguration")
@ConditionalOnClass({ AbstractHealthIndicator.class, ConditionalOnEnabledHealthIndicator.class })
public final class InitialStateHealthContributorAutoConfiguration {

	InitialStateHealthContributorAutoConfiguration() {
	}

	/**
	 * The indicator. Its condition comes from Boot's health module, so it sits on a
	 * nested class that is only read when the module is present.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBean(Streamer.class)
	@ConditionalOnEnabledHealthIndicator("initialstate")
	@EnableConfigurationProperties(InitialStateHealthIndicatorProperties.class)
	static class HealthIndicatorConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = { "initialStateHealthIndicator", "initialStateHealthContributor" })
		InitialStateHealthIndicator initialStateHealthIndicator(Streamer streamer,
				InitialStateHealthIndicatorProperties properties, ObjectProvider<QuotaProjection.Source> projections) {
			return new InitialStateHealthIndicator(streamer, properties.getUnreachableThreshold(),
					problemStatus(properties.getProblemStatus()), () -> {
						QuotaProjection.Source source = projections.getIfUnique();
						return (source != null) ? source.quotaProjection() : null;
					});
		}

		private static Status problemStatus(String code) {
			String uniform = code.strip().toUpperCase(Locale.ROOT);
			if (uniform.isEmpty()) {
				throw new InvalidConfigurationPropertyValueException("management.health.initialstate.problem-status",
						code, "It must name a health status, such as DEGRADED or DOWN.");
			}
			return uniform.equals(InitialStateHealthIndicator.DEGRADED.getCode()) ? InitialStateHealthIndicator.DEGRADED
					: new Status(uniform);
		}

	}

}
