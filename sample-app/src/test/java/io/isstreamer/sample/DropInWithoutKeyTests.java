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

package io.isstreamer.sample;

import java.nio.file.Path;

import io.isstreamer.micrometer.InitialStateMeterRegistry;
import io.isstreamer.streamer.Streamer;
import io.isstreamer.streamer.memory.InMemoryStreamer;
import io.isstreamer.streamer.transport.Transport;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An application with the starter, here the sample, and a {@code @SpringBootTest}, but no
 * access key anywhere: its tests pass, nothing is sent, no thread of the starter runs,
 * nothing is written under the user's home, and a test asserts on the events its code
 * logged.
 * <p>
 * Maven runs this class in a JVM of its own whose {@code user.home} is
 * {@code target/drop-in-home/without-key} and whose environment has no
 * {@code INITIALSTATE_ACCESS_KEY} (see the pom), so anything written under the home
 * shows.
 */
class DropInWithoutKeyTests {

	@Test
	void applicationTestsPassWithoutAKeyAndWriteNothingUnderTheUsersHome() {
		Path home = TestRuns.emptyHome("without-key");
		assertThat(System.getenv("INITIALSTATE_ACCESS_KEY")).isNull();
		assertThat(TestRuns.runAndPass(ApplicationTests.class)).isEqualTo(3);
		assertThat(TestRuns.contents(home)).isEmpty();
		assertThat(TestRuns.starterThreads()).isEmpty();
	}

	/**
	 * The application's own tests, as its developers wrote them: no access key, no
	 * Initial State properties, no test properties file.
	 */
	@SpringBootTest(classes = SampleApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
			properties = { "sample.local-receiver.enabled=false", "sample.traffic.enabled=false" })
	@DirtiesContext
	static class ApplicationTests {

		@LocalServerPort
		private int port;

		@Autowired
		private Streamer streamer;

		@Autowired
		private ApplicationContext context;

		@Test
		void placingAnOrderLogsIt() {
			RestClient.create("http://localhost:" + this.port)
				.post()
				.uri("/api/orders")
				.contentType(MediaType.APPLICATION_JSON)
				.body("{\"items\": 2}")
				.retrieve()
				.toBodilessEntity();
			assertThat(this.streamer).isInstanceOfSatisfying(InMemoryStreamer.class,
					(recorder) -> assertThat(recorder.values("orders_placed")).containsExactly(1L));
		}

		@Test
		void nothingIsSentAndNoThreadOfTheStarterRuns() {
			assertThat(this.context.getBeansOfType(Transport.class)).isEmpty();
			assertThat(this.streamer.stats().requests()).isZero();
			assertThat(TestRuns.starterThreads()).isEmpty();
		}

		@Test
		void metricsAreNotExported() {
			assertThat(this.context.getBeansOfType(InitialStateMeterRegistry.class)).isEmpty();
		}

	}

}
