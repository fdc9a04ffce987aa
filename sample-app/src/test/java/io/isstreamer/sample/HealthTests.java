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

import java.time.Duration;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.isstreamer.autoconfigure.test.AutoConfigureInitialState;
import io.isstreamer.streamer.ServiceStatus;
import io.isstreamer.streamer.Streamer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Over HTTP, on a random port: when Initial State rejects the access key, the
 * application's health still answers 200 and UP, and its {@code initialState} component
 * says why; the endpoint's write operations are not offered by default.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "initialstate.access-key=ist_RejectedTestKey", "initialstate.bucket-key=health",
				"initialstate.spool.enabled=false", "initialstate.close-timeout=1s",
				"management.initialstate.metrics.export.enabled=false", "sample.traffic.enabled=false",
				"management.endpoint.health.show-details=always" })
@AutoConfigureInitialState
class HealthTests {

	@RegisterExtension
	static final WireMockExtension service = WireMockExtension.newInstance()
		.options(wireMockConfig().bindAddress("127.0.0.1").dynamicPort())
		// the streamer sends from the start, before any test method: keep the answers
		.resetOnEachTest(false)
		.build();

	@LocalServerPort
	private int port;

	@Autowired
	private Streamer streamer;

	@DynamicPropertySource
	static void initialStateService(DynamicPropertyRegistry registry) {
		registry.add("initialstate.api-base", service::baseUrl);
	}

	@BeforeAll
	static void rejectTheKey() {
		service.stubFor(post("/api/buckets").willReturn(aResponse().withStatus(401)));
		service.stubFor(post("/api/events").willReturn(aResponse().withStatus(401)));
	}

	@Test
	void healthAnswers200AndTheComponentSaysTheKeyWasRejected() {
		this.streamer.log("orders_placed", 1);
		this.streamer.flushAsync();
		await().atMost(Duration.ofSeconds(30))
			.until(() -> this.streamer.stats().serviceStatus() == ServiceStatus.KEY_REJECTED);
		ResponseEntity<String> response = client().get().uri("/actuator/health").retrieve().toEntity(String.class);
		assertThat(response.getStatusCode().value()).isEqualTo(200);
		JsonNode health = JsonMapper.builder().build().readTree(response.getBody());
		assertThat(health.get("status").stringValue()).isEqualTo("UP");
		JsonNode component = health.get("components").get("initialState");
		assertThat(component.get("status").stringValue()).isEqualTo("DEGRADED");
		assertThat(component.get("details").get("serviceStatus").stringValue()).isEqualTo("KEY_REJECTED");
		assertThat(component.get("details").get("problem").stringValue())
			.startsWith("Initial State rejected the access key (HTTP 401 or 403)");
		assertThat(response.getBody()).doesNotContain("ist_RejectedTestKey");
	}

	@Test
	void flushAndReplayAreReadOnlyByDefault() {
		HttpStatusCode flush = client().post()
			.uri("/actuator/initialstate/flush")
			.exchange((request, response) -> response.getStatusCode());
		assertThat(flush.is2xxSuccessful()).as("POST flush answered %s", flush).isFalse();
		HttpStatusCode read = client().get()
			.uri("/actuator/initialstate")
			.exchange((request, response) -> response.getStatusCode());
		assertThat(read.value()).isEqualTo(200);
	}

	private RestClient client() {
		return RestClient.create("http://localhost:" + this.port);
	}

}
