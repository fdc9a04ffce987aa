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

import java.time.Duration;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.isstreamer.streamer.Streamer;
import io.isstreamer.streamer.memory.InMemoryStreamer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Configuration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A test annotated with {@link AutoConfigureInitialState} gets the real streamer, which
 * sends to the configured service.
 */
@SpringBootTest(properties = { "initialstate.access-key=test-access-key", "initialstate.bucket-key=orders",
		"initialstate.spool.enabled=false", "initialstate.close-timeout=2s" })
@AutoConfigureInitialState
class AutoConfigureInitialStateTests {

	@RegisterExtension
	static final WireMockExtension service = WireMockExtension.newInstance()
		.options(wireMockConfig().bindAddress("127.0.0.1").dynamicPort())
		.build();

	@Autowired
	private Streamer streamer;

	@DynamicPropertySource
	static void initialState(DynamicPropertyRegistry registry) {
		registry.add("initialstate.api-base", service::baseUrl);
	}

	@Test
	void theRealStreamerSendsToTheService() {
		service.stubFor(post("/api/buckets").willReturn(aResponse().withStatus(201)));
		service.stubFor(post("/api/events").willReturn(aResponse().withStatus(204)));
		assertThat(this.streamer).isNotInstanceOf(InMemoryStreamer.class);
		this.streamer.log("orders_placed", 3, 1419876021.778477);
		assertThat(this.streamer.flush(Duration.ofSeconds(10))).isTrue();
		service.verify(postRequestedFor(urlEqualTo("/api/events")).withHeader("X-IS-BucketKey", equalTo("orders"))
			.withRequestBody(equalTo("[{\"key\":\"orders_placed\",\"value\":3,\"epoch\":1419876021.778477}]")));
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class Application {

	}

}
