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

import io.isstreamer.micrometer.QuotaProjection;
import io.isstreamer.streamer.Streamer;
import io.isstreamer.streamer.StreamerBuilder;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * {@link EnableAutoConfiguration Auto-configuration} for the
 * {@link InitialStateEndpoint}, available once exposed, for example with
 * {@code management.endpoints.web.exposure.include=initialstate}.
 */
@AutoConfiguration(afterName = "io.isstreamer.autoconfigure.InitialStateAutoConfiguration")
@ConditionalOnClass({ Endpoint.class, ConditionalOnAvailableEndpoint.class })
public final class InitialStateEndpointAutoConfiguration {

	InitialStateEndpointAutoConfiguration() {
	}

	/**
	 * The endpoint. Its condition comes from Boot's actuator module, so it sits on a
	 * nested class that is only read when the module is present.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBean(Streamer.class)
	static class EndpointConfiguration {

		@Bean
		@ConditionalOnMissingBean
		@ConditionalOnAvailableEndpoint
		InitialStateEndpoint initialStateEndpoint(Streamer streamer, ObjectProvider<QuotaProjection.Source> projections,
				ObjectProvider<InitialStateProperties> properties) {
			InitialStateProperties settings = properties.getIfAvailable();
			Duration timeout = (settings != null) ? settings.getFlushTimeout() : StreamerBuilder.DEFAULT_FLUSH_TIMEOUT;
			return new InitialStateEndpoint(streamer, () -> {
				QuotaProjection.Source source = projections.getIfUnique();
				return (source != null) ? source.quotaProjection() : null;
			}, timeout);
		}

	}

}
