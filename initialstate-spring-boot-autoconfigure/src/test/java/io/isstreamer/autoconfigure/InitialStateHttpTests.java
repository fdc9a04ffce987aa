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
import io.isstreamer.streamer.Streamer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.io.ClassPathResource;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests of the auto-configured HTTP transport against a fake Initial State service: the
 * requests it sends, and the {@code initialstate.http.*} timeouts, proxy and SSL bundle.
 */
class InitialStateHttpTests {

	@RegisterExtension
	static final WireMockExtension service = WireMockExtension.newInstance()
		.options(wireMockConfig().bindAddress("127.0.0.1").dynamicPort())
		.build();

	@RegisterExtension
	static final WireMockExtension httpsService = WireMockExtension.newInstance()
		.options(wireMockConfig().bindAddress("127.0.0.1")
			.httpDisabled(true)
			.dynamicHttpsPort()
			.keystorePath(keystore())
			.keystoreType("PKCS12")
			.keystorePassword("changeit")
			.keyManagerPassword("changeit"))
		.build();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(InitialStateAutoConfiguration.class, SslAutoConfiguration.class))
		.withPropertyValues("initialstate.access-key=test-access-key", "initialstate.bucket-key=orders",
				"initialstate.bucket-name=Orders", "initialstate.spool.enabled=false", "initialstate.close-timeout=2s");

	@Test
	void createsBucketThenSendsEventsWithTheServiceHeaders() {
		stubService(service);
		this.contextRunner.withPropertyValues("initialstate.api-base=" + service.baseUrl()).run((context) -> {
			Streamer streamer = context.getBean(Streamer.class);
			streamer.log("temperature", 32, 1419876021.778477);
			assertThat(streamer.flush(Duration.ofSeconds(5))).isTrue();
		});
		service.verify(1,
				postRequestedFor(urlEqualTo("/api/buckets")).withHeader("X-IS-AccessKey", equalTo("test-access-key"))
					.withHeader("Accept-Version", equalTo("~0"))
					.withHeader("Content-Type", equalTo("application/json"))
					.withHeader("User-Agent", matching("isstreamer-java/.+"))
					.withRequestBody(equalTo("{\"bucketKey\":\"orders\",\"bucketName\":\"Orders\"}")));
		service.verify(1,
				postRequestedFor(urlEqualTo("/api/events")).withHeader("X-IS-AccessKey", equalTo("test-access-key"))
					.withHeader("X-IS-BucketKey", equalTo("orders"))
					.withHeader("Accept-Version", equalTo("~0"))
					.withHeader("Content-Type", equalTo("application/json"))
					.withRequestBody(equalTo("[{\"key\":\"temperature\",\"value\":32,\"epoch\":1419876021.778477}]")));
	}

	@Test
	void sendsTheConfiguredApiVersion() {
		stubService(service);
		this.contextRunner
			.withPropertyValues("initialstate.api-base=" + service.baseUrl(), "initialstate.api-version=~1")
			.run((context) -> {
				Streamer streamer = context.getBean(Streamer.class);
				streamer.log("temperature", 32);
				assertThat(streamer.flush(Duration.ofSeconds(5))).isTrue();
			});
		service.verify(1, postRequestedFor(urlEqualTo("/api/events")).withHeader("Accept-Version", equalTo("~1")));
	}

	@Test
	void givesUpOnAnAnswerAfterTheReadTimeout() {
		service.stubFor(post("/api/buckets").willReturn(aResponse().withStatus(201)));
		service.stubFor(post("/api/events").willReturn(aResponse().withStatus(204).withFixedDelay(3000)));
		this.contextRunner
			.withPropertyValues("initialstate.api-base=" + service.baseUrl(), "initialstate.http.read-timeout=200ms",
					"initialstate.retry.max-attempts=1", "initialstate.buffer-size=1")
			.run((context) -> {
				Streamer streamer = context.getBean(Streamer.class);
				streamer.log("temperature", 32);
				// only the read timeout can fail the request: the service does answer,
				// 204, after 3s
				await().atMost(Duration.ofSeconds(20)).until(() -> streamer.stats().requestFailures() >= 1);
				assertThat(streamer.stats().delivered()).isZero();
			});
	}

	@Test
	void sendsThroughTheConfiguredProxy() {
		stubService(service);
		this.contextRunner
			.withPropertyValues("initialstate.api-base=http://initialstate.invalid",
					"initialstate.allow-insecure-http=true", "initialstate.http.proxy.host=127.0.0.1",
					"initialstate.http.proxy.port=" + service.getPort())
			.run((context) -> {
				Streamer streamer = context.getBean(Streamer.class);
				streamer.log("temperature", 32);
				assertThat(streamer.flush(Duration.ofSeconds(5))).isTrue();
			});
		service.verify(1,
				postRequestedFor(urlEqualTo("/api/events")).withHeader("Host", equalTo("initialstate.invalid")));
	}

	@Test
	void trustsTheServiceThroughTheConfiguredSslBundle() {
		stubService(httpsService);
		this.contextRunner
			.withPropertyValues("initialstate.api-base=" + httpsService.baseUrl(),
					"spring.ssl.bundle.pem.initialstate.truststore.certificate=classpath:ssl/server.crt",
					"initialstate.http.ssl.bundle=initialstate")
			.run((context) -> {
				Streamer streamer = context.getBean(Streamer.class);
				streamer.log("temperature", 32);
				assertThat(streamer.flush(Duration.ofSeconds(5))).isTrue();
			});
		httpsService.verify(1, postRequestedFor(urlEqualTo("/api/events")));
	}

	@Test
	void doesNotTrustAnUnknownCertificateWithoutSslBundle() {
		stubService(httpsService);
		this.contextRunner
			.withPropertyValues("initialstate.api-base=" + httpsService.baseUrl(), "initialstate.retry.max-attempts=1",
					"initialstate.buffer-size=1")
			.run((context) -> {
				Streamer streamer = context.getBean(Streamer.class);
				streamer.log("temperature", 32);
				await().atMost(Duration.ofSeconds(5)).until(() -> streamer.stats().requestFailures() >= 1);
				assertThat(streamer.stats().delivered()).isZero();
			});
	}

	@Test
	void failsWhenSslBundleDoesNotExist() {
		this.contextRunner
			.withPropertyValues("initialstate.api-base=" + service.baseUrl(), "initialstate.http.ssl.bundle=missing")
			.run((context) -> assertThat(context).getFailure().rootCause().hasMessageContaining("missing"));
	}

	private static void stubService(WireMockExtension server) {
		server.stubFor(post("/api/buckets").willReturn(aResponse().withStatus(201)));
		server.stubFor(post("/api/events").willReturn(aResponse().withStatus(204)));
	}

	private static String keystore() {
		try {
			return new ClassPathResource("ssl/server.p12").getFile().getAbsolutePath();
		}
		catch (java.io.IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
