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
import java.time.Duration;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.isstreamer.autoconfigure.test.AutoConfigureInitialState;
import io.isstreamer.streamer.Streamer;
import io.isstreamer.streamer.memory.InMemoryStreamer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.moreThanOrExactly;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The same application where an access key is set in the environment, as on a CI server
 * that deploys: its tests still send nothing to the service, here a fake one on
 * 127.0.0.1, unless a test opts into the real streamer with
 * {@link AutoConfigureInitialState}, which then sends with that key.
 * <p>
 * Maven runs this class in a JVM of its own with {@code INITIALSTATE_ACCESS_KEY} set to
 * {@value #ACCESS_KEY} and {@code user.home} at {@code target/drop-in-home/with-key} (see
 * the pom).
 */
class DropInWithKeyTests {

	static final String ACCESS_KEY = "ist_DropInKeyFromTheEnvironment";

	@RegisterExtension
	static final WireMockExtension service = WireMockExtension.newInstance()
		.options(wireMockConfig().bindAddress("127.0.0.1").dynamicPort())
		.build();

	@BeforeEach
	void answer() {
		service.resetAll();
		service.stubFor(post("/api/buckets").willReturn(aResponse().withStatus(201)));
		service.stubFor(post("/api/events").willReturn(aResponse().withStatus(204)));
	}

	@Test
	void applicationTestsSendNothingEvenWithAKeyInTheEnvironment() {
		Path home = TestRuns.emptyHome("with-key");
		assertThat(System.getenv("INITIALSTATE_ACCESS_KEY")).isEqualTo(ACCESS_KEY);
		assertThat(TestRuns.runAndPass(ApplicationTests.class)).isEqualTo(1);
		assertThat(service.getAllServeEvents()).isEmpty();
		assertThat(TestRuns.contents(home)).isEmpty();
	}

	@Test
	void aTestAnnotatedWithAutoConfigureInitialStateSendsWithTheKeyFromTheEnvironment() {
		Path home = TestRuns.emptyHome("with-key");
		assertThat(TestRuns.runAndPass(RealStreamerTests.class)).isEqualTo(1);
		service.verify(moreThanOrExactly(1),
				postRequestedFor(urlEqualTo("/api/events")).withHeader("X-IS-AccessKey", equalTo(ACCESS_KEY))
					.withHeader("X-IS-BucketKey", equalTo("sample-app")));
		// the real streamer keeps its spool under the user's home: the home seen above is
		// the one the starter uses
		assertThat(home.resolve(".isstreamer")).isDirectory();
	}

	@DynamicPropertySource
	static void initialStateService(DynamicPropertyRegistry registry) {
		registry.add("initialstate.api-base", service::baseUrl);
	}

	/**
	 * One of the application's tests: it logs, and flushes as a test that waits for
	 * delivery would.
	 */
	@SpringBootTest(classes = SampleApplication.class, properties = "sample.traffic.enabled=false")
	@DirtiesContext
	static class ApplicationTests {

		@Autowired
		private Streamer streamer;

		@DynamicPropertySource
		static void initialStateService(DynamicPropertyRegistry registry) {
			DropInWithKeyTests.initialStateService(registry);
		}

		@Test
		void logsAndFlushes() {
			assertThat(this.streamer).isInstanceOf(InMemoryStreamer.class);
			this.streamer.log("orders_placed", 1);
			assertThat(this.streamer.flush(Duration.ofSeconds(5))).isTrue();
		}

	}

	/**
	 * A test that wants the real streamer.
	 */
	@SpringBootTest(classes = SampleApplication.class,
			properties = { "sample.traffic.enabled=false", "management.initialstate.metrics.export.enabled=false" })
	@AutoConfigureInitialState
	@DirtiesContext
	static class RealStreamerTests {

		@Autowired
		private Streamer streamer;

		@DynamicPropertySource
		static void initialStateService(DynamicPropertyRegistry registry) {
			DropInWithKeyTests.initialStateService(registry);
		}

		@Test
		void logsAndFlushes() {
			assertThat(this.streamer).isNotInstanceOf(InMemoryStreamer.class);
			this.streamer.log("orders_placed", 1);
			assertThat(this.streamer.flush(Duration.ofSeconds(10))).isTrue();
		}

	}

}
