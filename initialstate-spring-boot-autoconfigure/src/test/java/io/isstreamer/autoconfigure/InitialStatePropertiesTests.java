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

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import io.isstreamer.streamer.RecordingTransport;
import io.isstreamer.streamer.RetryPolicy;
import io.isstreamer.streamer.BudgetPolicy;
import io.isstreamer.streamer.StreamerBuilder;
import io.isstreamer.streamer.StreamerBuilderAccess;
import io.isstreamer.streamer.internal.StreamerConfig;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link InitialStateProperties}: its defaults are the client's, and every
 * property binds and reaches the {@link StreamerBuilder}.
 */
class InitialStatePropertiesTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(InitialStateAutoConfiguration.class))
		.withUserConfiguration(CapturingConfiguration.class)
		.withPropertyValues("initialstate.access-key=test-access-key", "initialstate.spool.enabled=false");

	@Test
	void everyDefaultEqualsTheClientDefault() {
		Map<String, @Nullable Object> expected = new LinkedHashMap<>();
		expected.put("initialstate.enabled", true);
		expected.put("initialstate.access-key", null);
		expected.put("initialstate.bucket-key", null);
		expected.put("initialstate.bucket-name", null);
		expected.put("initialstate.api-base", StreamerBuilder.DEFAULT_API_BASE);
		expected.put("initialstate.api-version", StreamerBuilder.DEFAULT_API_VERSION);
		expected.put("initialstate.allow-insecure-http", false);
		expected.put("initialstate.buffer-size", StreamerBuilder.DEFAULT_BUFFER_SIZE);
		expected.put("initialstate.flush-interval", StreamerBuilder.DEFAULT_FLUSH_INTERVAL);
		expected.put("initialstate.debug-level", StreamerBuilder.DEFAULT_DEBUG_LEVEL);
		expected.put("initialstate.offline", false);
		expected.put("initialstate.offline-file", StreamerBuilder.DEFAULT_OFFLINE_FILE);
		expected.put("initialstate.max-buffered-events", StreamerBuilder.DEFAULT_MAX_BUFFERED_EVENTS);
		expected.put("initialstate.requests-per-second", StreamerBuilder.DEFAULT_REQUESTS_PER_SECOND);
		expected.put("initialstate.flush-timeout", StreamerBuilder.DEFAULT_FLUSH_TIMEOUT);
		expected.put("initialstate.close-timeout", StreamerBuilder.DEFAULT_CLOSE_TIMEOUT);
		expected.put("initialstate.probe-interval", StreamerBuilder.DEFAULT_PROBE_INTERVAL);
		expected.put("initialstate.batch.max-events", StreamerBuilder.DEFAULT_MAX_BATCH_EVENTS);
		expected.put("initialstate.batch.max-size", DataSize.ofBytes(StreamerBuilder.DEFAULT_MAX_BATCH_BYTES));
		expected.put("initialstate.retry.max-attempts", RetryPolicy.DEFAULT_MAX_ATTEMPTS);
		expected.put("initialstate.retry.initial-backoff", RetryPolicy.DEFAULT_INITIAL_BACKOFF);
		expected.put("initialstate.retry.max-backoff", RetryPolicy.DEFAULT_MAX_BACKOFF);
		expected.put("initialstate.retry.backoff-multiplier", RetryPolicy.DEFAULT_BACKOFF_MULTIPLIER);
		expected.put("initialstate.retry.jitter", RetryPolicy.DEFAULT_JITTER);
		expected.put("initialstate.spool.enabled", true);
		expected.put("initialstate.spool.directory", StreamerBuilder.DEFAULT_SPOOL_DIRECTORY);
		expected.put("initialstate.spool.max-size", DataSize.ofBytes(StreamerBuilder.DEFAULT_MAX_SPOOL_BYTES));
		expected.put("initialstate.http.connect-timeout", StreamerBuilder.DEFAULT_CONNECT_TIMEOUT);
		expected.put("initialstate.http.read-timeout", StreamerBuilder.DEFAULT_READ_TIMEOUT);
		expected.put("initialstate.http.max-read-timeout", StreamerBuilder.DEFAULT_MAX_READ_TIMEOUT);
		expected.put("initialstate.max-in-flight", StreamerBuilder.DEFAULT_MAX_IN_FLIGHT);
		expected.put("initialstate.budget.monthly-events", null);
		expected.put("initialstate.budget.policy", BudgetPolicy.WARN);
		expected.put("initialstate.http.proxy.host", null);
		expected.put("initialstate.http.proxy.port", null);
		expected.put("initialstate.http.ssl.bundle", null);
		assertThat(ConfigurationMetadata.values(new InitialStateProperties()))
			.containsExactlyInAnyOrderEntriesOf(expected);
	}

	@Test
	void bindsTopLevelProperties() {
		this.contextRunner
			.withPropertyValues("initialstate.bucket-key=orders", "initialstate.bucket-name=Orders",
					"initialstate.api-base=http://is.example.com/base", "initialstate.api-version=~1",
					"initialstate.allow-insecure-http=true", "initialstate.buffer-size=50",
					"initialstate.flush-interval=250ms", "initialstate.debug-level=1", "initialstate.offline=false",
					"initialstate.offline-file=out/events.csv", "initialstate.max-buffered-events=1024",
					"initialstate.requests-per-second=1.5", "initialstate.flush-timeout=3s",
					"initialstate.close-timeout=4s", "initialstate.probe-interval=2m")
			.run((context) -> {
				StreamerConfig config = config(context.getBean(CapturingCustomizer.class));
				assertThat(config.accessKey()).isEqualTo("test-access-key");
				assertThat(config.bucketKey()).isEqualTo("orders");
				assertThat(config.bucketName()).isEqualTo("Orders");
				assertThat(config.apiBase()).isEqualTo(URI.create("http://is.example.com/base"));
				assertThat(config.apiVersion()).isEqualTo("~1");
				assertThat(config.bufferSize()).isEqualTo(50);
				assertThat(config.flushInterval()).isEqualTo(Duration.ofMillis(250));
				assertThat(config.debugLevel()).isEqualTo(1);
				assertThat(config.offline()).isFalse();
				assertThat(config.offlineFile()).isEqualTo(Path.of("out/events.csv"));
				assertThat(config.maxBufferedEvents()).isEqualTo(1024);
				assertThat(config.requestsPerSecond()).isEqualTo(1.5);
				assertThat(config.flushTimeout()).isEqualTo(Duration.ofSeconds(3));
				assertThat(config.closeTimeout()).isEqualTo(Duration.ofSeconds(4));
				assertThat(config.probeInterval()).isEqualTo(Duration.ofMinutes(2));
			});
	}

	@Test
	void bindsBatchProperties() {
		this.contextRunner.withPropertyValues("initialstate.batch.max-events=500", "initialstate.batch.max-size=64KB")
			.run((context) -> {
				StreamerConfig config = config(context.getBean(CapturingCustomizer.class));
				assertThat(config.maxBatchEvents()).isEqualTo(500);
				assertThat(config.maxBatchBytes()).isEqualTo(64 * 1024);
			});
	}

	@Test
	void bindsRetryProperties() {
		this.contextRunner
			.withPropertyValues("initialstate.retry.max-attempts=3", "initialstate.retry.initial-backoff=200ms",
					"initialstate.retry.max-backoff=5s", "initialstate.retry.backoff-multiplier=1.5",
					"initialstate.retry.jitter=0")
			.run((context) -> assertThat(config(context.getBean(CapturingCustomizer.class)).retryPolicy())
				.isEqualTo(new RetryPolicy(3, Duration.ofMillis(200), Duration.ofSeconds(5), 1.5, 0)));
	}

	@Test
	void bindsSpoolProperties(@TempDir Path directory) {
		this.contextRunner
			.withPropertyValues("initialstate.spool.enabled=true", "initialstate.spool.directory=" + directory,
					"initialstate.spool.max-size=2MB")
			.run((context) -> {
				StreamerConfig config = config(context.getBean(CapturingCustomizer.class));
				assertThat(config.spoolDirectory()).isNotNull().startsWithRaw(directory);
				assertThat(config.maxSpoolBytes()).isEqualTo(2 * 1024 * 1024);
				InitialStateProperties.Spool spool = context.getBean(InitialStateProperties.class).getSpool();
				assertThat(spool.isEnabled()).isTrue();
			});
	}

	@Test
	void bindsHttpProperties() {
		this.contextRunner
			.withPropertyValues("initialstate.http.connect-timeout=2s", "initialstate.http.read-timeout=3s",
					"initialstate.http.proxy.host=127.0.0.1", "initialstate.http.proxy.port=3128")
			.run((context) -> {
				StreamerConfig config = config(context.getBean(CapturingCustomizer.class));
				assertThat(config.connectTimeout()).isEqualTo(Duration.ofSeconds(2));
				assertThat(config.readTimeout()).isEqualTo(Duration.ofSeconds(3));
				assertThat(config.proxy()).isNotNull();
				assertThat(config.proxy().select(URI.create("https://groker.init.st")).get(0).address())
					.hasToString("/127.0.0.1:3128");
				InitialStateProperties.Http http = context.getBean(InitialStateProperties.class).getHttp();
				assertThat(http.getProxy().getHost()).isEqualTo("127.0.0.1");
				assertThat(http.getProxy().getPort()).isEqualTo(3128);
			});
	}

	@Test
	void failsWhenSslBundleIsSetWithoutSslBundles() {
		this.contextRunner.withPropertyValues("initialstate.http.ssl.bundle=initialstate")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("initialstate.http.ssl.bundle"));
	}

	private static StreamerConfig config(CapturingCustomizer customizer) {
		StreamerBuilder builder = customizer.builder.get();
		assertThat(builder).isNotNull();
		return StreamerBuilderAccess.config(builder);
	}

	@Configuration(proxyBeanMethods = false)
	static class CapturingConfiguration {

		@Bean
		CapturingCustomizer capturingCustomizer() {
			return new CapturingCustomizer();
		}

		@Bean
		RecordingTransport recordingTransport() {
			return new RecordingTransport();
		}

	}

	static class CapturingCustomizer implements StreamerCustomizer {

		final AtomicReference<StreamerBuilder> builder = new AtomicReference<>();

		@Override
		public void customize(StreamerBuilder builder) {
			this.builder.set(builder);
		}

	}

}
