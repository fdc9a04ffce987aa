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

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.isstreamer.streamer.SentEvent;
import io.isstreamer.streamer.Streamer;
import io.isstreamer.streamer.StreamerBuilder;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

/**
 * A fake Initial State service on WireMock, bound to 127.0.0.1, that answers bucket
 * creation and events with the statuses it is told (201 and 204 by default).
 */
final class FakeInitialState implements AutoCloseable {

	/**
	 * The access key the streamers use; it must never show in health or endpoint output.
	 */
	static final String ACCESS_KEY = "ist_SecretTestKey4711";

	static final String BUCKET_KEY = "metrics-test";

	private final WireMockServer server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());

	FakeInitialState() {
		this.server.start();
		answer(201, 204);
	}

	/**
	 * Answer every request from now on with the given statuses.
	 * @param buckets the status of bucket creation
	 * @param events the status of sending events
	 * @return this fake
	 */
	FakeInitialState answer(int buckets, int events) {
		this.server.resetMappings();
		this.server.stubFor(post(urlEqualTo("/api/buckets")).willReturn(aResponse().withStatus(buckets)));
		this.server.stubFor(post(urlEqualTo("/api/events")).willReturn(aResponse().withStatus(events)));
		return this;
	}

	/**
	 * Start building a streamer that talks to this fake, with no spool and a short flush
	 * interval.
	 * @return the builder
	 */
	StreamerBuilder streamer() {
		return Streamer.builder()
			.accessKey(ACCESS_KEY)
			.apiBase(URI.create(this.server.baseUrl()))
			.bucketKey(BUCKET_KEY)
			.spoolEnabled(false)
			.flushInterval(Duration.ofMillis(100))
			.closeTimeout(Duration.ofSeconds(5));
	}

	/**
	 * Return the base URL of the fake service.
	 * @return the URL
	 */
	String uri() {
		return this.server.baseUrl();
	}

	/**
	 * Return the events received so far.
	 * @return the events, in the order they arrived
	 */
	List<SentEvent> events() {
		return this.server.findAll(postRequestedFor(urlEqualTo("/api/events")))
			.stream()
			.flatMap((request) -> SentEvent.parse(BUCKET_KEY, request.getBody()).stream())
			.toList();
	}

	/**
	 * Return the keys of the events received so far.
	 * @return the distinct keys
	 */
	Set<String> keys() {
		Set<String> keys = new LinkedHashSet<>();
		events().forEach((event) -> keys.add(event.key()));
		return keys;
	}

	@Override
	public void close() {
		this.server.stop();
	}

}
