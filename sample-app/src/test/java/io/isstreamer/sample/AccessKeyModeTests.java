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
import io.isstreamer.sample.dashboard.DashboardController;
import io.isstreamer.sample.dashboard.DashboardData;
import io.isstreamer.sample.dashboard.ModeBanner;
import io.isstreamer.sample.receiver.LocalReceiver;
import io.isstreamer.streamer.Streamer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.moreThanOrExactly;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * With an access key, the sample streams to the configured service, here a fake one on
 * WireMock, and starts no local receiver.
 */
@SpringBootTest(properties = { "initialstate.access-key=sample-access-key", "initialstate.bucket-key=sample-bucket",
		"initialstate.spool.enabled=false", "management.initialstate.metrics.export.enabled=false",
		"sample.traffic.enabled=false", "logging.level.io.isstreamer.sample.dashboard=info" })
@AutoConfigureInitialState
@ExtendWith(OutputCaptureExtension.class)
class AccessKeyModeTests {

	@RegisterExtension
	static final WireMockExtension service = WireMockExtension.newInstance()
		.options(wireMockConfig().bindAddress("127.0.0.1").dynamicPort())
		.build();

	@Autowired
	private Streamer streamer;

	@Autowired
	private ConfigurableApplicationContext context;

	@DynamicPropertySource
	static void initialStateService(DynamicPropertyRegistry registry) {
		registry.add("initialstate.api-base", service::baseUrl);
	}

	@Test
	void eventLoggedThroughTheStreamerArrivesInTheConfiguredBucket() {
		service.stubFor(post("/api/buckets").willReturn(aResponse().withStatus(201)));
		service.stubFor(post("/api/events").willReturn(aResponse().withStatus(204)));
		this.streamer.log("orders_placed", 3, 1419876021.778477);
		assertThat(this.streamer.flush(Duration.ofSeconds(5))).isTrue();
		service.verify(1, postRequestedFor(urlEqualTo("/api/buckets"))
			.withRequestBody(equalTo("{\"bucketKey\":\"sample-bucket\",\"bucketName\":\"sample-app\"}")));
		service.verify(moreThanOrExactly(1),
				postRequestedFor(urlEqualTo("/api/events")).withHeader("X-IS-AccessKey", equalTo("sample-access-key"))
					.withHeader("X-IS-BucketKey", equalTo("sample-bucket"))
					.withRequestBody(
							containing("{\"key\":\"orders_placed\",\"value\":3,\"epoch\":1419876021.778477}")));
	}

	@Test
	void noLocalReceiverStartsWhenAnAccessKeyIsSet() {
		assertThat(this.context.getBeanProvider(LocalReceiver.class).getIfAvailable()).isNull();
		assertThat(this.context.getEnvironment().getProperty("initialstate.api-base")).isEqualTo(service.baseUrl());
	}

	@Test
	void consoleSaysThatEventsGoToInitialState(CapturedOutput output) {
		this.context.getBean(ModeBanner.class)
			.onApplicationEvent(
					new ApplicationReadyEvent(new SpringApplication(), new String[0], this.context, Duration.ZERO));
		assertThat(output).contains("INITIAL STATE mode: events and metrics stream to " + service.baseUrl())
			.contains("bucket 'sample-app' (key sample-bucket)")
			.contains("https://app.initialstate.com")
			.doesNotContain("sample-access-key");
	}

	@Test
	void dashboardShowsTheStreamerFiguresOnlyAndSaysEventsAreOnInitialState() {
		DashboardData data = this.context.getBean(DashboardController.class).data(null, 0);
		assertThat(data.mode()).isEqualTo("initialstate");
		assertThat(data.receiver()).isNull();
		assertThat(data.streams()).isEmpty();
		assertThat(data.buckets()).isEmpty();
		assertThat(data.status().bucketKey()).isEqualTo("sample-bucket");
	}

}
