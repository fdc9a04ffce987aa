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

import io.isstreamer.streamer.Streamer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * Tests for {@link MissingAccessKeyFailureAnalyzer}.
 */
@ExtendWith(OutputCaptureExtension.class)
class MissingAccessKeyFailureAnalyzerTests {

	@Test
	void explainsWhatToSet() {
		FailureAnalysis analysis = new MissingAccessKeyFailureAnalyzer()
			.analyze(new IllegalStateException("wrapped", new MissingAccessKeyException(null)));
		assertThat(analysis).isNotNull();
		assertThat(analysis.getDescription()).contains("needs an access key");
		assertThat(analysis.getAction()).contains("'initialstate.access-key' property",
				"INITIALSTATE_ACCESS_KEY environment variable", "'initialstate.offline=true'",
				"'initialstate.enabled=false'");
	}

	@Test
	void reportsTheAnalysisWhenTheApplicationFailsToStart(CapturedOutput output) {
		SpringApplication application = new SpringApplication(StreamerApplication.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		assertThatException().isThrownBy(() -> application.run("--initialstate.spool.enabled=false"));
		assertThat(output).contains("APPLICATION FAILED TO START",
				"The Initial State streamer needs an access key to send events, and none is configured.",
				"'initialstate.access-key' property", "INITIALSTATE_ACCESS_KEY");
	}

	@Test
	void namesTheUnresolvedPlaceholder() {
		FailureAnalysis analysis = new MissingAccessKeyFailureAnalyzer()
			.analyze(new MissingAccessKeyException("${INITIALSTATE_ACCESS_KEY}"));
		assertThat(analysis).isNotNull();
		assertThat(analysis.getDescription()).contains("needs an access key",
				"'initialstate.access-key' holds the placeholder ${INITIALSTATE_ACCESS_KEY}, which no property or "
						+ "environment variable resolves");
	}

	@Test
	void unresolvedPlaceholderForTheAccessKeyFailsStartupWithTheMissingKeyMessage(CapturedOutput output) {
		SpringApplication application = new SpringApplication(StreamerApplication.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		application.setEnvironment(environmentWithVariables(Map.of()));
		assertThatException().isThrownBy(() -> application.run("--initialstate.access-key=${INITIALSTATE_ACCESS_KEY}",
				"--initialstate.spool.enabled=false", "--initialstate.bucket-key=orders"));
		assertThat(output).contains("APPLICATION FAILED TO START",
				"The Initial State streamer needs an access key to send events, and none is configured.",
				"holds the placeholder ${INITIALSTATE_ACCESS_KEY}", "INITIALSTATE_ACCESS_KEY environment variable");
		assertThat(output).doesNotContain("initialstate-sender");
	}

	@Test
	void placeholderWithAnEmptyDefaultFailsStartupWithTheMissingKeyMessage(CapturedOutput output) {
		SpringApplication application = new SpringApplication(StreamerApplication.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		application.setEnvironment(environmentWithVariables(Map.of()));
		assertThatException().isThrownBy(() -> application.run("--initialstate.access-key=${INITIALSTATE_ACCESS_KEY:}",
				"--initialstate.spool.enabled=false", "--initialstate.bucket-key=orders"));
		assertThat(output).contains("The Initial State streamer needs an access key to send events");
	}

	@Test
	void placeholderResolvedFromTheEnvironmentSetsTheAccessKey() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(InitialStateAutoConfiguration.class))
			.withPropertyValues("initialstate.access-key=${INITIALSTATE_ACCESS_KEY}",
					"initialstate.spool.enabled=false", "initialstate.bucket-key=orders")
			.withInitializer((context) -> context.getEnvironment()
				.getPropertySources()
				.replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
						new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
								Map.of("INITIALSTATE_ACCESS_KEY", "from-the-environment"))))
			.run((context) -> assertThat(context).hasNotFailed().hasSingleBean(Streamer.class));
	}

	@Test
	void unresolvedPlaceholderForTheBucketKeyFailsStartupNamingTheProperty() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(InitialStateAutoConfiguration.class))
			.withPropertyValues("initialstate.access-key=key", "initialstate.spool.enabled=false",
					"initialstate.bucket-key=${INITIALSTATE_BUCKET_KEY}")
			.run((context) -> assertThat(context).getFailure()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("initialstate.bucket-key")
				.hasMessageContaining("placeholder ${INITIALSTATE_BUCKET_KEY}"));
	}

	@Test
	void environmentVariableNamedInTheAnalysisSetsTheAccessKey() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(InitialStateAutoConfiguration.class))
			.withPropertyValues("initialstate.spool.enabled=false", "initialstate.bucket-key=orders")
			.withInitializer((context) -> context.getEnvironment()
				.getPropertySources()
				.replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
						new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
								Map.of("INITIALSTATE_ACCESS_KEY", "from-the-environment"))))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(InitialStateProperties.class).getAccessKey())
					.isEqualTo("from-the-environment");
			});
	}

	private static StandardEnvironment environmentWithVariables(Map<String, Object> variables) {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources()
			.replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, new SystemEnvironmentPropertySource(
					StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, variables));
		return environment;
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration(InitialStateAutoConfiguration.class)
	static class StreamerApplication {

	}

}
