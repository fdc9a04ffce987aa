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

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryType;
import java.time.Duration;
import java.util.Set;

import io.isstreamer.micrometer.InitialStateMeterRegistry;
import io.isstreamer.streamer.SentEvent;
import io.isstreamer.streamer.Streamer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.jvm.JvmMetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.logging.logback.LogbackMetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.system.SystemMetricsAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The metrics export end to end: Boot's JVM, system and logging meters, the registry, a
 * real {@link Streamer}, and a fake Initial State service on WireMock.
 */
class InitialStateMetricsExportIntegrationTests {

	private static final Set<String> DEFAULT_SELECTION_KEYS = Set.of("jvm.memory.used[area=heap]",
			"jvm.memory.max[area=heap]", "jvm.memory.used[area=nonheap]", "jvm.gc.pause:sum", "jvm.gc.pause:max",
			"jvm.threads.live", "process.cpu.usage", "system.cpu.usage", "process.start.time",
			"http.server.requests:count", "http.server.requests:mean", "http.server.requests:max",
			"http.server.requests:count[outcome=SERVER_ERROR]", "http.server.requests:count[outcome=CLIENT_ERROR]",
			"logback.events[level=error]");

	private final FakeInitialState service = new FakeInitialState();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class,
				CompositeMeterRegistryAutoConfiguration.class, JvmMetricsAutoConfiguration.class,
				SystemMetricsAutoConfiguration.class, LogbackMetricsAutoConfiguration.class,
				InitialStateMetricsExportAutoConfiguration.class, InitialStateStreamerMetricsAutoConfiguration.class))
		.withBean(Streamer.class, () -> this.service.streamer().build(), (definition) -> {
			definition.setDestroyMethodName("close");
		});

	@AfterEach
	void stopService() {
		this.service.close();
	}

	@Test
	void sendsTheDefaultSelectionWithItsDocumentedKeysAndNothingElse() {
		this.contextRunner.withPropertyValues("management.initialstate.metrics.export.step=1s").run((context) -> {
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			assertThat(registry).isInstanceOf(InitialStateMeterRegistry.class);
			// what a web application's requests would record
			httpServerRequests(registry, "/greet", "200", "SUCCESS").record(Duration.ofMillis(12));
			httpServerRequests(registry, "/orders", "500", "SERVER_ERROR").record(Duration.ofMillis(40));
			System.gc(); // jvm.gc.pause appears with the first collection
			await().atMost(Duration.ofSeconds(30))
				.untilAsserted(() -> assertThat(this.service.keys()).containsAll(DEFAULT_SELECTION_KEYS));
			assertThat(registry.find("jvm.buffer.count").meters()).isNotEmpty();
			assertThat(registry.find("initialstate.streamer.events").meters()).isNotEmpty();
			assertThat(this.service.keys()).isSubsetOf(DEFAULT_SELECTION_KEYS);
			assertThat(this.service.events()).extracting(SentEvent::value)
				.allSatisfy((value) -> assertThat(Double.parseDouble(value)).isFinite());
			assertThat(this.service.events()).filteredOn((event) -> event.key().equals("jvm.memory.max[area=heap]"))
				.extracting((event) -> Double.parseDouble(event.value()))
				.as("the heap pools that have a maximum, those without one (-1) left out")
				.containsOnly((double) heapPoolMaxima());
		});
	}

	@Test
	void publishesOnceMoreWhenTheContextCloses() {
		this.contextRunner.withPropertyValues("management.initialstate.metrics.export.step=1h").run((context) -> {
			InitialStateMeterRegistry registry = context.getBean(InitialStateMeterRegistry.class);
			assertThat(registry.find("jvm.threads.live").gauge()).isNotNull();
			assertThat(this.service.events()).isEmpty();
			context.close();
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(this.service.keys()).contains("jvm.threads.live",
						"jvm.memory.used[area=heap]", "process.start.time"));
		});
	}

	private static long heapPoolMaxima() {
		return ManagementFactory.getMemoryPoolMXBeans()
			.stream()
			.filter((pool) -> pool.getType() == MemoryType.HEAP)
			.mapToLong((pool) -> pool.getUsage().getMax())
			.filter((max) -> max >= 0)
			.sum();
	}

	private static Timer httpServerRequests(MeterRegistry registry, String uri, String status, String outcome) {
		return Timer.builder("http.server.requests")
			.tags("uri", uri, "method", "GET", "status", status, "outcome", outcome, "exception", "none", "error",
					"none")
			.register(registry);
	}

}
