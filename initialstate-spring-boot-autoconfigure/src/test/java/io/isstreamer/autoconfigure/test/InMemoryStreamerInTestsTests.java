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

package io.isstreamer.autoconfigure.test;

import io.isstreamer.micrometer.InitialStateMeterRegistry;
import io.isstreamer.streamer.Streamer;
import io.isstreamer.streamer.memory.InMemoryStreamer;
import io.isstreamer.streamer.memory.RecordedEvent;
import io.isstreamer.streamer.transport.Transport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * In a {@code @SpringBootTest} with no access key the auto-configured streamer records in
 * memory: the context starts, nothing is sent, and metrics are not exported.
 */
@SpringBootTest(properties = "spring.application.name=orders")
class InMemoryStreamerInTestsTests {

	@Autowired
	private Streamer streamer;

	@Autowired
	private InMemoryStreamer recorder;

	@Autowired
	private ApplicationContext context;

	@BeforeEach
	void clear() {
		this.recorder.clear();
	}

	@Test
	void theStreamerIsAnInMemoryOneInTheApplicationsBucket() {
		assertThat(this.streamer).isSameAs(this.recorder);
		assertThat(this.streamer.stats().bucketKey()).isEqualTo("orders");
		assertThat(this.context.getBeansOfType(Transport.class)).isEmpty();
	}

	@Test
	void aTestCanAssertOnWhatTheApplicationLogged() {
		this.streamer.log("orders_placed", 3, 1419876021.778477);
		assertThat(this.recorder.events()).singleElement().satisfies((event) -> {
			assertThat(event.key()).isEqualTo("orders_placed");
			assertThat(event.value()).isEqualTo(3);
			assertThat(event.epochSeconds()).isEqualTo(1419876021.778477);
			assertThat(event.bucketKey()).isEqualTo("orders");
		});
	}

	@Test
	void clearForgetsWhatEarlierTestsLogged() {
		this.streamer.log("a", 1);
		this.recorder.clear();
		assertThat(this.recorder.events()).extracting(RecordedEvent::key).isEmpty();
	}

	@Test
	void metricsAreNotExported() {
		assertThat(this.context.getBeansOfType(InitialStateMeterRegistry.class)).isEmpty();
	}

	@Test
	void healthSaysTheStreamerRecordsInMemory() {
		Health health = this.context.getBean("initialStateHealthIndicator", HealthIndicator.class).health();
		assertThat(health.getStatus()).isEqualTo(Status.UP);
		assertThat(health.getDetails()).containsEntry("mode", "in-memory");
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class Application {

	}

}
