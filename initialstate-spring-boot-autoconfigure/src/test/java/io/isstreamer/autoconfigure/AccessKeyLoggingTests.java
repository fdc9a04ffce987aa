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

import java.time.Duration;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.isstreamer.streamer.ServiceStatus;
import io.isstreamer.streamer.Streamer;
import io.isstreamer.testsupport.InfoLogging;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests that the access key never appears in the log, at the most verbose settings and
 * when the service rejects it.
 */
@ExtendWith(OutputCaptureExtension.class)
@InfoLogging
class AccessKeyLoggingTests {

	private static final String ACCESS_KEY = "ist_Xq7ThisIsTheSecretAccessKey";

	@RegisterExtension
	static final WireMockExtension service = WireMockExtension.newInstance()
		.options(wireMockConfig().bindAddress("127.0.0.1").dynamicPort())
		.build();

	@Test
	void accessKeyIsNeverLogged(CapturedOutput output) {
		service.stubFor(post("/api/buckets").willReturn(aResponse().withStatus(201)));
		service
			.stubFor(post("/api/events").willReturn(aResponse().withStatus(401).withBody("{\"error\":\"bad key\"}")));
		SpringApplication application = new SpringApplication(StreamerApplication.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		try (ConfigurableApplicationContext context = application.run("--debug", "--logging.level.io.isstreamer=trace",
				"--logging.level.org.springframework.boot.context=trace", "--initialstate.access-key=" + ACCESS_KEY,
				"--initialstate.api-base=" + service.baseUrl(), "--initialstate.debug-level=2",
				"--initialstate.bucket-key=orders", "--initialstate.spool.enabled=false",
				"--initialstate.close-timeout=1s")) {
			Streamer streamer = context.getBean(Streamer.class);
			streamer.log("temperature", 32);
			streamer.flushAsync();
			await().atMost(Duration.ofSeconds(5))
				.until(() -> streamer.stats().serviceStatus() == ServiceStatus.KEY_REJECTED);
			streamer.log("temperature", 33);
		}
		assertThat(output).contains("Initial State answered 401").doesNotContain(ACCESS_KEY);
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration(InitialStateAutoConfiguration.class)
	static class StreamerApplication {

	}

}
