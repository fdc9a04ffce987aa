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

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.autoconfigure.context.properties.ConfigurationPropertiesReportEndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.env.EnvironmentEndpointAutoConfiguration;
import org.springframework.boot.actuate.context.properties.ConfigurationPropertiesReportEndpoint;
import org.springframework.boot.actuate.context.properties.ConfigurationPropertiesReportEndpoint.ConfigurationPropertiesBeanDescriptor;
import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.boot.actuate.env.EnvironmentEndpoint;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link InitialStateSanitizingAutoConfiguration}: Actuator never shows the
 * access key, even when set to show values.
 */
class InitialStateSanitizingAutoConfigurationTests {

	private static final String ACCESS_KEY = "ist_secret-access-key";

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(InitialStateSanitizingAutoConfiguration.class,
				InitialStateAutoConfiguration.class, EnvironmentEndpointAutoConfiguration.class,
				ConfigurationPropertiesReportEndpointAutoConfiguration.class))
		.withPropertyValues("management.endpoints.web.exposure.include=env,configprops",
				"management.endpoint.env.show-values=always", "management.endpoint.configprops.show-values=always",
				"initialstate.spool.enabled=false", "initialstate.bucket-key=orders");

	@Test
	void masksAccessKeyPropertyInEnvEndpoint() {
		this.contextRunner.withPropertyValues("initialstate.access-key=" + ACCESS_KEY).run((context) -> {
			assertThat(envValue(context, "initialstate.access-key")).isEqualTo(SanitizableData.SANITIZED_VALUE);
			assertThat(envValue(context, "initialstate.bucket-key")).isEqualTo("orders");
		});
	}

	@Test
	void masksAccessKeyEnvironmentVariableInEnvEndpoint() {
		this.contextRunner
			.withInitializer((context) -> context.getEnvironment()
				.getPropertySources()
				.replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
						new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
								Map.of("INITIALSTATE_ACCESS_KEY", ACCESS_KEY))))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(envValue(context, "INITIALSTATE_ACCESS_KEY")).isEqualTo(SanitizableData.SANITIZED_VALUE);
			});
	}

	@Test
	void masksAccessKeyInConfigpropsEndpoint() {
		this.contextRunner.withPropertyValues("initialstate.access-key=" + ACCESS_KEY).run((context) -> {
			ConfigurationPropertiesBeanDescriptor descriptor = context
				.getBean(ConfigurationPropertiesReportEndpoint.class)
				.configurationPropertiesWithPrefix("initialstate")
				.getContexts()
				.values()
				.iterator()
				.next()
				.getBeans()
				.values()
				.iterator()
				.next();
			assertThat(descriptor.getProperties()).containsEntry("accessKey", SanitizableData.SANITIZED_VALUE)
				.containsEntry("bucketKey", "orders");
			assertThat(descriptor.getInputs().get("accessKey")).asString()
				.contains(SanitizableData.SANITIZED_VALUE)
				.doesNotContain(ACCESS_KEY);
		});
	}

	@Test
	void masksAccessKeyWhenStreamerIsDisabled() {
		this.contextRunner.withPropertyValues("initialstate.enabled=false", "initialstate.access-key=" + ACCESS_KEY)
			.run((context) -> assertThat(envValue(context, "initialstate.access-key"))
				.isEqualTo(SanitizableData.SANITIZED_VALUE));
	}

	@Test
	void recognisesEveryFormOfTheAccessKeyName() {
		assertThat(InitialStateSanitizingAutoConfiguration.isAccessKey("initialstate.access-key")).isTrue();
		assertThat(InitialStateSanitizingAutoConfiguration.isAccessKey("initialstate.accessKey")).isTrue();
		assertThat(InitialStateSanitizingAutoConfiguration.isAccessKey("INITIALSTATE_ACCESS_KEY")).isTrue();
		assertThat(InitialStateSanitizingAutoConfiguration.isAccessKey("INITIALSTATE_ACCESSKEY")).isTrue();
		assertThat(InitialStateSanitizingAutoConfiguration.isAccessKey("initialstate.bucket-key")).isFalse();
		assertThat(InitialStateSanitizingAutoConfiguration.isAccessKey("other.initialstate.access-key")).isFalse();
	}

	private static Object envValue(AssertableApplicationContext context, String name) {
		return context.getBean(EnvironmentEndpoint.class).environmentEntry(name).getProperty().getValue();
	}

}
