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

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;

import io.isstreamer.streamer.RecordingTransport;
import io.isstreamer.streamer.Streamer;
import io.isstreamer.streamer.transport.Transport;
import io.isstreamer.streamer.transport.TransportRequest;
import io.isstreamer.streamer.transport.TransportResponse;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.task.TaskSchedulingAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.scheduling.config.TaskManagementConfigUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests that the streamer flushes on its own private thread, and that the starter leaves
 * the application's scheduling alone.
 */
class InitialStateSchedulingTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(InitialStateAutoConfiguration.class, TaskSchedulingAutoConfiguration.class))
		.withPropertyValues("initialstate.spool.enabled=false", "initialstate.bucket-key=orders");

	@Test
	void shipsPartialBufferAfterFlushInterval() {
		this.contextRunner.withUserConfiguration(TimedTransportConfiguration.class)
			.withPropertyValues("initialstate.buffer-size=100", "initialstate.flush-interval=300ms")
			.run((context) -> {
				TimedTransport transport = context.getBean(TimedTransport.class);
				long loggedAt = System.nanoTime();
				context.getBean(Streamer.class).log("temperature", 32);
				await().atMost(Duration.ofSeconds(5)).until(() -> !transport.eventTimes.isEmpty());
				assertThat(transport.eventTimes).hasSize(1);
				assertThat(Duration.ofNanos(transport.eventTimes.get(0) - loggedAt))
					.isGreaterThanOrEqualTo(Duration.ofMillis(300));
			});
	}

	@Test
	void doesNotRunScheduledMethodsOfApplicationWithoutEnableScheduling() {
		this.contextRunner.withUserConfiguration(RecordingTransportConfiguration.class, ScheduledTask.class)
			.run((context) -> {
				assertThat(context).hasNotFailed()
					.doesNotHaveBean(TaskManagementConfigUtils.SCHEDULED_ANNOTATION_PROCESSOR_BEAN_NAME);
				ScheduledTask task = context.getBean(ScheduledTask.class);
				await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> task.runs.get() == 0);
			});
	}

	@Test
	void scheduledMethodsRunWhenApplicationEnablesScheduling() {
		// The control for the test above: the same task does run once scheduling is on
		this.contextRunner
			.withUserConfiguration(RecordingTransportConfiguration.class, ScheduledTask.class,
					EnableSchedulingConfiguration.class)
			.run((context) -> await().atMost(Duration.ofSeconds(5))
				.until(() -> context.getBean(ScheduledTask.class).runs.get() > 0));
	}

	@Test
	void addsNoSchedulerBean() {
		this.contextRunner.withUserConfiguration(RecordingTransportConfiguration.class)
			.run((context) -> assertThat(context).hasSingleBean(Streamer.class)
				.doesNotHaveBean(TaskScheduler.class)
				.doesNotHaveBean(ScheduledExecutorService.class));
	}

	@Configuration(proxyBeanMethods = false)
	static class TimedTransportConfiguration {

		@Bean
		TimedTransport timedTransport() {
			return new TimedTransport();
		}

	}

	/**
	 * Notes when each events request arrives.
	 */
	static class TimedTransport implements Transport {

		final List<Long> eventTimes = new CopyOnWriteArrayList<>();

		@Override
		public TransportResponse send(TransportRequest request) throws IOException {
			if (request.kind() == TransportRequest.Kind.SEND_EVENTS) {
				this.eventTimes.add(System.nanoTime());
				return TransportResponse.of(204);
			}
			return TransportResponse.of(201);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableScheduling
	static class EnableSchedulingConfiguration {

	}

	static class ScheduledTask {

		final AtomicInteger runs = new AtomicInteger();

		@Scheduled(fixedDelay = 10)
		void run() {
			this.runs.incrementAndGet();
		}

	}

}
