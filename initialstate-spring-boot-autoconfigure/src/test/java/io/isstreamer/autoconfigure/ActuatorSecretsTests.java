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

import io.isstreamer.streamer.ServiceStatus;
import io.isstreamer.streamer.Streamer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The access key never shows in what Actuator serves, even after the service rejected it
 * and every error detail is filled in.
 */
class ActuatorSecretsTests {

	private final JsonMapper json = JsonMapper.builder().build();

	@Test
	void theKeyIsInNeitherTheEndpointNorTheHealthDetails() {
		try (FakeInitialState service = new FakeInitialState()) {
			service.answer(401, 401);
			new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(InitialStateAutoConfiguration.class,
					MetricsAutoConfiguration.class, CompositeMeterRegistryAutoConfiguration.class,
					InitialStateMetricsExportAutoConfiguration.class,
					InitialStateHealthContributorAutoConfiguration.class, InitialStateEndpointAutoConfiguration.class))
				.withPropertyValues("initialstate.access-key=" + FakeInitialState.ACCESS_KEY,
						"initialstate.api-base=" + service.uri(), "initialstate.bucket-key=secrets",
						"initialstate.debug-level=2", "initialstate.spool.enabled=false",
						"management.endpoints.web.exposure.include=initialstate")
				.run((context) -> {
					Streamer streamer = context.getBean(Streamer.class);
					streamer.log("probe", 1);
					await().atMost(Duration.ofSeconds(20))
						.until(() -> streamer.stats().serviceStatus() == ServiceStatus.KEY_REJECTED);
					InitialStateEndpoint endpoint = context.getBean(InitialStateEndpoint.class);
					String read = this.json.writeValueAsString(endpoint.read());
					String flushed = this.json.writeValueAsString(endpoint.flush());
					Health health = context.getBean(InitialStateHealthIndicator.class).health(true);
					String healthJson = this.json.writeValueAsString(health);
					assertThat(read).contains("KEY_REJECTED").contains("rejected the access key");
					assertThat(healthJson).contains("DEGRADED");
					assertThat(read + flushed + healthJson + streamer + streamer.stats())
						.doesNotContain(FakeInitialState.ACCESS_KEY);
				});
		}
	}

}
