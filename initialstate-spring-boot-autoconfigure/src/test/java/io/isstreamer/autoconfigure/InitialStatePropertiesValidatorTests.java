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

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * Tests for {@link InitialStatePropertiesValidator}: every bad value of an
 * {@code initialstate.*} property fails startup, before any bean is created, with a
 * report naming the property, the value and the rule.
 */
@ExtendWith(OutputCaptureExtension.class)
class InitialStatePropertiesValidatorTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(InitialStateAutoConfiguration.class))
		.withPropertyValues("initialstate.access-key=test-access-key", "initialstate.spool.enabled=false");

	@ParameterizedTest(name = "{0}={1}")
	@CsvSource(delimiter = '|', quoteCharacter = '"',
			textBlock = """
					api-base                | ftp://groker.init.st | ftp://groker.init.st | It must be an absolute http or https URL with a host
					api-base                | /api                 | /api                 | It must be an absolute http or https URL with a host
					api-base                | http://example.com   | http://example.com   | 'initialstate.allow-insecure-http=true'
					api-version             | ""                   | ""                   | It must not be blank.
					bucket-key              | orders:eu            | orders:eu            | It contains ':', which Initial State does not allow.
					bucket-key              | ${BUCKET}            | ${BUCKET}            | It holds the placeholder ${BUCKET}, which no property or environment variable resolves.
					buffer-size             | -1                   | -1                   | It must be between 1 and 1,000,000.
					buffer-size             | 1000001              | 1000001              | It must be between 1 and 1,000,000.
					flush-interval          | 0                    | 0s                   | It must be between 1ms and 1h.
					flush-interval          | 2h                   | 2h                   | It must be between 1ms and 1h.
					debug-level             | -1                   | -1                   | It must be 0 or more.
					max-buffered-events     | 0                    | 0                    | It must be between 1 and 1,000,000.
					requests-per-second     | 0                    | 0.0                  | It must be more than 0 and at most 100.
					requests-per-second     | 250                  | 250.0                | It must be more than 0 and at most 100.
					requests-per-second     | NaN                  | NaN                  | It must be more than 0 and at most 100.
					max-in-flight           | 0                    | 0                    | It must be between 1 and 16.
					max-in-flight           | 17                   | 17                   | It must be between 1 and 16.
					budget.monthly-events   | 0                    | 0                    | It must be more than 0; leave it unset for no budget.
					flush-timeout           | 11m                  | 11m                  | It must be between 1ms and 10m.
					close-timeout           | -5s                  | -5s                  | It must be between 1ms and 10m.
					probe-interval          | 2d                   | 2d                   | It must be between 1ms and 1d.
					batch.max-events        | 100001               | 100001               | It must be between 1 and 100,000.
					batch.max-size          | 2MB                  | 2MB                  | It must be between 16KB and 1MB.
					batch.max-size          | 1KB                  | 1KB                  | It must be between 16KB and 1MB.
					retry.max-attempts      | 0                    | 0                    | It must be between 1 and 100.
					retry.initial-backoff   | 0s                   | 0s                   | It must be between 1ms and 1h.
					retry.max-backoff       | 2h                   | 2h                   | It must be between 1ms and 1h.
					retry.max-backoff       | 500ms                | 500ms                | It must be at least 'initialstate.retry.initial-backoff' (1s).
					retry.backoff-multiplier| 0.5                  | 0.5                  | It must be between 1 and 10.
					retry.jitter            | 1.5                  | 1.5                  | It must be between 0 and 1.
					spool.max-size          | 512KB                | 512KB                | It must be between 1MB and 100GB.
					spool.max-size          | 200GB                | 200GB                | It must be between 1MB and 100GB.
					http.connect-timeout    | 6m                   | 6m                   | It must be between 1ms and 5m.
					http.read-timeout       | 0ms                  | 0s                   | It must be between 1ms and 10m.
					http.max-read-timeout   | 11m                  | 11m                  | It must be between 1ms and 10m.
					http.proxy.port         | 3128                 | 3128                 | A host is required when 'initialstate.http.proxy.port' is set.
					""")
	void failsOnABadValueNamingThePropertyTheValueAndTheRule(String property, String value, String shown, String rule) {
		this.contextRunner.withUserConfiguration(RecordingTransportConfiguration.class)
			.withPropertyValues("initialstate." + property + "=" + value)
			.run((context) -> {
				InvalidConfigurationPropertyValueException failure = invalidValue(context.getStartupFailure());
				String name = property.equals("http.proxy.port") ? "initialstate.http.proxy.host"
						: "initialstate." + property;
				assertThat(failure.getName()).isEqualTo(name);
				if (!property.equals("http.proxy.port")) {
					assertThat(failure.getValue()).hasToString(shown);
				}
				assertThat(failure.getReason()).contains(rule);
			});
	}

	@ParameterizedTest
	@CsvSource({ "buffer-size, ten", "flush-interval, soon", "spool.enabled, maybe", "batch.max-size, big",
			"allow-insecure-http, perhaps", "budget.policy, SOMETIMES", "budget.monthly-events, many" })
	void failsOnAValueOfTheWrongTypeNamingTheProperty(String property, String value) {
		this.contextRunner.withUserConfiguration(RecordingTransportConfiguration.class)
			.withPropertyValues("initialstate." + property + "=" + value)
			.run((context) -> assertThat(context).getFailure()
				.isInstanceOf(BindException.class)
				.hasMessageContaining("'initialstate." + property + "'"));
	}

	@Test
	void warnsOfMetricsPropertiesUnderTheirOldNames(CapturedOutput output) {
		this.contextRunner.withUserConfiguration(RecordingTransportConfiguration.class)
			.withPropertyValues("initialstate.metrics.step=2s", "initialstate.metrics.monthly-budget=100")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(output).contains("initialstate.metrics.monthly-budget, initialstate.metrics.step are no "
						+ "longer read: the metrics export's settings are under "
						+ "management.initialstate.metrics.export.* (for example "
						+ "management.initialstate.metrics.export.monthly-budget)");
			});
	}

	@Test
	void saysNothingOfMetricsPropertiesUnderTheirNewNames(CapturedOutput output) {
		this.contextRunner.withUserConfiguration(RecordingTransportConfiguration.class)
			.withPropertyValues("management.initialstate.metrics.export.step=2s")
			.run((context) -> assertThat(output).doesNotContain("no longer read"));
	}

	@Test
	void failsWhenAProxyHostHasNoPort() {
		this.contextRunner.withUserConfiguration(RecordingTransportConfiguration.class)
			.withPropertyValues("initialstate.http.proxy.host=proxy.test")
			.run((context) -> assertThat(invalidValue(context.getStartupFailure()).getName())
				.isEqualTo("initialstate.http.proxy.port"));
	}

	@Test
	void failsWhenAProxyPortIsOutOfRange() {
		this.contextRunner.withUserConfiguration(RecordingTransportConfiguration.class)
			.withPropertyValues("initialstate.http.proxy.host=proxy.test", "initialstate.http.proxy.port=70000")
			.run((context) -> assertThat(invalidValue(context.getStartupFailure()).getReason())
				.isEqualTo("It must be between 1 and 65535."));
	}

	@Test
	void failsWhenABucketNameIsTooLong() {
		this.contextRunner.withUserConfiguration(RecordingTransportConfiguration.class)
			.withPropertyValues("initialstate.bucket-name=" + "n".repeat(251))
			.run((context) -> assertThat(invalidValue(context.getStartupFailure()).getReason())
				.isEqualTo("It is longer than 250 characters."));
	}

	@Test
	void acceptsTheBoundsThemselves() {
		this.contextRunner.withUserConfiguration(RecordingTransportConfiguration.class)
			.withPropertyValues("initialstate.buffer-size=1000000", "initialstate.flush-interval=1h",
					"initialstate.max-buffered-events=1", "initialstate.requests-per-second=100",
					"initialstate.flush-timeout=10m", "initialstate.close-timeout=1ms",
					"initialstate.probe-interval=1d", "initialstate.batch.max-events=100000",
					"initialstate.batch.max-size=1MB", "initialstate.retry.max-attempts=100",
					"initialstate.retry.initial-backoff=1h", "initialstate.retry.max-backoff=1h",
					"initialstate.retry.backoff-multiplier=10", "initialstate.retry.jitter=1",
					"initialstate.spool.max-size=1MB", "initialstate.http.connect-timeout=5m",
					"initialstate.http.read-timeout=10m", "initialstate.api-base=http://127.0.0.1:9",
					"initialstate.debug-level=0", "initialstate.max-in-flight=16",
					"initialstate.http.max-read-timeout=10m", "initialstate.budget.monthly-events=1")
			.run((context) -> assertThat(context).hasNotFailed());
	}

	@Test
	void allowsPlainHttpToAnotherHostWhenAskedTo() {
		this.contextRunner.withUserConfiguration(RecordingTransportConfiguration.class)
			.withPropertyValues("initialstate.api-base=http://example.com", "initialstate.allow-insecure-http=true")
			.run((context) -> assertThat(context).hasNotFailed());
	}

	@Test
	void failsOnAnAccessKeyThatCannotTravelInAHeaderWithoutShowingIt() {
		this.contextRunner.withPropertyValues("initialstate.access-key=ist_secret with space").run((context) -> {
			InvalidConfigurationPropertyValueException failure = invalidValue(context.getStartupFailure());
			assertThat(failure.getName()).isEqualTo("initialstate.access-key");
			assertThat(failure.getValue()).isEqualTo("(hidden)");
			assertThat(failure.getReason()).contains("printable ASCII, or a space, at index 10");
			assertThat(failure.getMessage()).doesNotContain("ist_secret");
		});
	}

	@Test
	void failsBeforeAnyBeanIsCreated() {
		AtomicBoolean created = new AtomicBoolean();
		this.contextRunner.withUserConfiguration(RecordingTransportConfiguration.class)
			.withBean("early", Object.class, () -> {
				created.set(true);
				return new Object();
			})
			.withPropertyValues("initialstate.buffer-size=-1")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(created).isFalse();
			});
	}

	@Test
	void failsBeforeAnyBeanIsCreatedWhenTheAccessKeyIsMissing() {
		AtomicBoolean created = new AtomicBoolean();
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(InitialStateAutoConfiguration.class))
			.withBean("early", Object.class, () -> {
				created.set(true);
				return new Object();
			})
			.run((context) -> {
				assertThat(context).getFailure().isInstanceOf(MissingAccessKeyException.class);
				assertThat(created).isFalse();
			});
	}

	@Test
	void reportsABadValueInAShortAnalysis(CapturedOutput output) {
		SpringApplication application = new SpringApplication(StreamerApplication.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		assertThatException().isThrownBy(() -> application.run("--initialstate.buffer-size=-1",
				"--initialstate.access-key=test-access-key", "--initialstate.spool.enabled=false"));
		String report = output.getOut().substring(output.getOut().indexOf("***************************"));
		assertThat(report).contains("APPLICATION FAILED TO START",
				"Invalid value '-1' for configuration property 'initialstate.buffer-size'",
				"It must be between 1 and 1,000,000.");
		List<String> lines = report.lines().toList();
		assertThat(lines).as(report).hasSizeLessThan(30);
		assertThat(output.getAll()).doesNotContain("bufferSize").doesNotContain("\tat ");
	}

	private static InvalidConfigurationPropertyValueException invalidValue(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof InvalidConfigurationPropertyValueException invalid) {
				return invalid;
			}
		}
		throw new AssertionError("No invalid property value in " + failure, failure);
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration(InitialStateAutoConfiguration.class)
	static class StreamerApplication {

	}

}
