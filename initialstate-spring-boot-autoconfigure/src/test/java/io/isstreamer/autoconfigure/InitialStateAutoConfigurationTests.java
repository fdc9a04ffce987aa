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

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import io.isstreamer.streamer.BudgetPolicy;

import io.isstreamer.streamer.RecordingTransport;
import io.isstreamer.streamer.SentEvent;
import io.isstreamer.streamer.Streamer;
import io.isstreamer.streamer.StreamerBuilderAccess;
import io.isstreamer.streamer.StreamerStats;
import io.isstreamer.streamer.internal.StreamerConfig;
import io.isstreamer.streamer.transport.HttpTransport;
import io.isstreamer.streamer.transport.Transport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationListener;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.annotation.Order;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link InitialStateAutoConfiguration}.
 */
@ExtendWith(OutputCaptureExtension.class)
class InitialStateAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(InitialStateAutoConfiguration.class))
		.withPropertyValues("initialstate.spool.enabled=false");

	@Test
	void createsStreamerFromProperties() {
		this.contextRunner
			.withPropertyValues("initialstate.access-key=test-access-key", "initialstate.bucket-key=orders",
					"initialstate.bucket-name=Orders")
			.run((context) -> {
				assertThat(context).hasSingleBean(Streamer.class)
					.hasSingleBean(StreamerLifecycle.class)
					.hasSingleBean(InitialStateProperties.class);
				assertThat(context).getBean(Transport.class).isInstanceOf(HttpTransport.class);
				StreamerStats stats = context.getBean(Streamer.class).stats();
				assertThat(stats.bucketKey()).isEqualTo("orders");
				assertThat(stats.bucketName()).isEqualTo("Orders");
				assertThat(stats.state()).isEqualTo(StreamerStats.State.RUNNING);
			});
	}

	@Test
	void streamsThroughTheTransportBean() {
		this.contextRunner.withUserConfiguration(RecordingTransportConfiguration.class)
			.withPropertyValues("initialstate.bucket-key=orders")
			.run((context) -> {
				Streamer streamer = context.getBean(Streamer.class);
				streamer.log("temperature", 32, 1419876021.778477);
				assertThat(streamer.flush(Duration.ofSeconds(5))).isTrue();
				assertThat(context.getBean(RecordingTransport.class).events())
					.containsExactly(new SentEvent("orders", "temperature", "32", "1419876021.778477"));
			});
	}

	@Test
	void backsOffWhenUserDefinesStreamer() {
		this.contextRunner.withUserConfiguration(UserStreamerConfiguration.class).run((context) -> {
			assertThat(context).hasSingleBean(Streamer.class).hasBean("userStreamer").doesNotHaveBean(Transport.class);
			assertThat(context).getBean(StreamerLifecycle.class).isNotNull();
		});
	}

	@Test
	void backsOffWhenUserDefinesTransport() {
		this.contextRunner.withUserConfiguration(RecordingTransportConfiguration.class)
			.withPropertyValues("initialstate.access-key=test-access-key")
			.run((context) -> assertThat(context).hasSingleBean(Transport.class)
				.getBean(Transport.class)
				.isInstanceOf(RecordingTransport.class));
	}

	@Test
	void isDisabledByEnabledProperty() {
		this.contextRunner.withPropertyValues("initialstate.enabled=false", "initialstate.access-key=test-access-key")
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(Streamer.class)
				.doesNotHaveBean(Transport.class)
				.doesNotHaveBean(StreamerLifecycle.class)
				.doesNotHaveBean(InitialStateProperties.class));
	}

	@Test
	void failsWithoutAccessKey() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).isInstanceOf(MissingAccessKeyException.class);
			String analysis = new MissingAccessKeyFailureAnalyzer().analyze(context.getStartupFailure()).getAction();
			assertThat(analysis).contains("'initialstate.access-key'", "INITIALSTATE_ACCESS_KEY",
					"'initialstate.offline=true'", "'initialstate.enabled=false'");
		});
	}

	@Test
	void failsWithBlankAccessKey() {
		this.contextRunner.withPropertyValues("initialstate.access-key=  ")
			.run((context) -> assertThat(context).getFailure().isInstanceOf(MissingAccessKeyException.class));
	}

	@Test
	void runsOfflineWithoutAccessKey(@TempDir Path directory) {
		Path file = directory.resolve("events.csv");
		this.contextRunner.withPropertyValues("initialstate.offline=true", "initialstate.offline-file=" + file)
			.run((context) -> {
				assertThat(context).hasSingleBean(Streamer.class).doesNotHaveBean(Transport.class);
				Streamer streamer = context.getBean(Streamer.class);
				assertThat(streamer.log("temperature", 32, 1419876021.778477)).isTrue();
				context.close();
				assertThat(streamer.stats().state()).isEqualTo(StreamerStats.State.CLOSED);
				assertThat(Files.readString(file, StandardCharsets.UTF_8)).contains("temperature", "32");
			});
	}

	@Test
	void appliesTheEngineAndBudgetProperties() {
		AtomicReference<StreamerConfig> config = new AtomicReference<>();
		this.contextRunner.withUserConfiguration(RecordingTransportConfiguration.class)
			.withBean(StreamerCustomizer.class,
					() -> (builder) -> config.set(StreamerBuilderAccess.config(builder.accessKey("k"))))
			.withPropertyValues("initialstate.max-in-flight=5", "initialstate.http.max-read-timeout=2m",
					"initialstate.budget.monthly-events=3000000", "initialstate.budget.policy=coalesce")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(config.get().maxInFlight()).isEqualTo(5);
				assertThat(config.get().maxReadTimeout()).isEqualTo(Duration.ofMinutes(2));
				assertThat(config.get().monthlyEventBudget()).isEqualTo(3_000_000);
				assertThat(config.get().budgetPolicy()).isEqualTo(BudgetPolicy.COALESCE);
				assertThat(context.getBean(Streamer.class).stats().monthlyEventBudget()).isEqualTo(3_000_000);
			});
	}

	@Test
	void hasNoBudgetUnlessOneIsSet() {
		this.contextRunner.withUserConfiguration(RecordingTransportConfiguration.class)
			.run((context) -> assertThat(context.getBean(Streamer.class).stats().monthlyEventBudget()).isZero());
	}

	@Test
	void appliesCustomizersInOrder() {
		this.contextRunner.withUserConfiguration(RecordingTransportConfiguration.class, CustomizerConfiguration.class)
			.withPropertyValues("initialstate.bucket-key=from-properties")
			.run((context) -> assertThat(context.getBean(Streamer.class).stats().bucketKey())
				.isEqualTo("from-second-customizer"));
	}

	@Test
	void derivesStableBucketFromApplicationName() {
		this.contextRunner.withUserConfiguration(RecordingTransportConfiguration.class)
			.withPropertyValues("spring.application.name=Order Service: \"EU\"")
			.run((context) -> {
				StreamerStats stats = context.getBean(Streamer.class).stats();
				assertThat(stats.bucketKey()).isEqualTo("Order Service- -EU-");
				assertThat(stats.bucketName()).isEqualTo("Order Service: \"EU\"");
			});
	}

	@Test
	void warnsOfRandomBucketWithoutApplicationName(CapturedOutput output) {
		this.contextRunner.withUserConfiguration(RecordingTransportConfiguration.class).run((context) -> {
			String bucketKey = context.getBean(Streamer.class).stats().bucketKey();
			assertThat(bucketKey).hasSize(36);
			assertThat(output).contains("new random bucket (" + bucketKey + ")",
					"the Initial State dashboard will change on each start");
		});
	}

	@Test
	void closesStreamerAfterEventsLoggedWhileTheContextCloses() {
		this.contextRunner.withUserConfiguration(RecordingTransportConfiguration.class, ShutdownLoggers.class)
			.withPropertyValues("initialstate.bucket-key=orders", "initialstate.buffer-size=1000",
					"initialstate.flush-interval=1h")
			.run((context) -> {
				Streamer streamer = context.getBean(Streamer.class);
				RecordingTransport transport = context.getBean(RecordingTransport.class);
				context.close();
				assertThat(streamer.stats().state()).isEqualTo(StreamerStats.State.CLOSED);
				assertThat(streamer.stats().rejected()).isZero();
				assertThat(transport.events()).extracting(SentEvent::key)
					.containsExactly("context_closed", "graceful_shutdown", "executor_shutdown");
			});
	}

	@Test
	void failsWhenProxyHasNoPort() {
		this.contextRunner
			.withPropertyValues("initialstate.access-key=test-access-key", "initialstate.http.proxy.host=proxy.test")
			.run((context) -> assertThat(context).getFailure()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("initialstate.http.proxy.port"));
	}

	@Test
	void failsWhenPropertyIsInvalid() {
		this.contextRunner.withUserConfiguration(RecordingTransportConfiguration.class)
			.withPropertyValues("initialstate.buffer-size=0")
			.run((context) -> assertThat(context).getFailure()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("initialstate.buffer-size"));
	}

	@Configuration(proxyBeanMethods = false)
	static class UserStreamerConfiguration {

		@Bean
		Streamer userStreamer() {
			return Streamer.builder().transport(new RecordingTransport()).bucketKey("user").spoolEnabled(false).build();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class CustomizerConfiguration {

		@Bean
		@Order(2)
		StreamerCustomizer secondCustomizer() {
			return (builder) -> builder.bucketKey("from-second-customizer");
		}

		@Bean
		@Order(1)
		StreamerCustomizer firstCustomizer() {
			return (builder) -> builder.bucketKey("from-first-customizer");
		}

	}

	/**
	 * Log events where an application does while it shuts down: on the
	 * {@link ContextClosedEvent} (where Spring Boot closes the meter registries), in the
	 * web server's graceful shutdown phase, and in the phase of Spring-managed executors.
	 */
	@Configuration(proxyBeanMethods = false)
	static class ShutdownLoggers {

		@Bean
		ApplicationListener<ContextClosedEvent> contextClosedLogger(ObjectProvider<Streamer> streamer) {
			return (event) -> streamer.getObject().log("context_closed", true);
		}

		@Bean
		SmartLifecycle gracefulShutdownLogger(ObjectProvider<Streamer> streamer) {
			return new LoggingLifecycle(streamer, Integer.MAX_VALUE - 1024, "graceful_shutdown");
		}

		@Bean
		SmartLifecycle executorShutdownLogger(ObjectProvider<Streamer> streamer) {
			return new LoggingLifecycle(streamer, Integer.MAX_VALUE / 2, "executor_shutdown");
		}

	}

	static final class LoggingLifecycle implements SmartLifecycle {

		private final ObjectProvider<Streamer> streamer;

		private final int phase;

		private final String key;

		private volatile boolean running;

		LoggingLifecycle(ObjectProvider<Streamer> streamer, int phase, String key) {
			this.streamer = streamer;
			this.phase = phase;
			this.key = key;
		}

		@Override
		public void start() {
			this.running = true;
		}

		@Override
		public void stop() {
			this.running = false;
			this.streamer.getObject().log(this.key, true);
		}

		@Override
		public boolean isRunning() {
			return this.running;
		}

		@Override
		public int getPhase() {
			return this.phase;
		}

	}

}
