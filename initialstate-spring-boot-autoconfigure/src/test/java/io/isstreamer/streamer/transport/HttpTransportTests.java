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

package io.isstreamer.streamer.transport;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.core.io.ClassPathResource;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests of {@link HttpTransport} on its own: the {@code User-Agent} it sends, and
 * failures to reach the service that say which host and what went wrong.
 */
class HttpTransportTests {

	private static final byte[] BODY = "[{\"key\":\"k\",\"value\":1,\"epoch\":1.5}]".getBytes(StandardCharsets.UTF_8);

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

	private HttpTransport transport;

	@AfterEach
	void closeTransport() {
		if (this.transport != null) {
			this.transport.close();
		}
	}

	@Test
	void userAgentCarriesTheProjectVersion() throws IOException {
		String version = System.getProperty("projectVersion");
		assertThat(version).as("the project version, passed by the build").isNotBlank().doesNotContain("${");
		assertThat(HttpTransport.USER_AGENT).isEqualTo("isstreamer-java/" + version);
		service.stubFor(post("/api/events").willReturn(aResponse().withStatus(204)));
		TransportResponse response = transport(URI.create(service.baseUrl())).send(events());
		assertThat(response.status()).isEqualTo(204);
		service.verify(1, postRequestedFor(urlEqualTo("/api/events")).withHeader("User-Agent",
				equalTo("isstreamer-java/" + version)));
	}

	@Test
	void anUnknownHostIsNamedAndSaidToBeUnknown() {
		URI base = URI.create("http://initialstate-test.invalid:8443");
		assertThatExceptionOfType(IOException.class).isThrownBy(() -> transport(base).send(events()))
			.withMessageContaining("unknown host")
			.withMessageContaining("initialstate-test.invalid");
	}

	@Test
	void aClosedPortIsNamedWithItsHostAndSaidToRefuseTheConnection() throws IOException {
		int port;
		try (ServerSocket socket = new ServerSocket()) {
			socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
			port = socket.getLocalPort();
		}
		URI base = URI.create("http://127.0.0.1:" + port);
		assertThatExceptionOfType(IOException.class).isThrownBy(() -> transport(base).send(events()))
			.withMessageContaining("connection refused")
			.withMessageContaining("127.0.0.1:" + port);
	}

	@Test
	void anUntrustedCertificateIsNamedWithItsHostAndSaidToFailTheTlsHandshake() {
		httpsService.stubFor(post("/api/events").willReturn(aResponse().withStatus(204)));
		URI base = URI.create("https://127.0.0.1:" + httpsService.getHttpsPort());
		assertThatExceptionOfType(IOException.class).isThrownBy(() -> transport(base).send(events()))
			.withMessageContaining("TLS handshake")
			.withMessageContaining("127.0.0.1:" + httpsService.getHttpsPort());
		httpsService.verify(0, postRequestedFor(urlEqualTo("/api/events")));
	}

	private HttpTransport transport(URI base) {
		this.transport = new HttpTransport(new HttpTransport.Settings(base, "transport-test-key", "~0",
				Duration.ofSeconds(5), Duration.ofSeconds(5), null, null));
		return this.transport;
	}

	private static TransportRequest events() {
		return new TransportRequest(TransportRequest.Kind.SEND_EVENTS, "bucket", BODY);
	}

	private static String keystore() {
		try {
			return new ClassPathResource("ssl/server.p12").getFile().getAbsolutePath();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
