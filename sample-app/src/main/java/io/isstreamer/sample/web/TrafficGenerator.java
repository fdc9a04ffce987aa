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

package io.isstreamer.sample.web;

import java.util.random.RandomGenerator;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * Calls the shop API a few times every {@code sample.traffic.interval} (1 second by
 * default), so that the HTTP metrics have something to show before anyone uses the app.
 * Turn it off with {@code sample.traffic.enabled=false}.
 */
@Component
@ConditionalOnBooleanProperty(name = "sample.traffic.enabled", matchIfMissing = true)
public class TrafficGenerator implements ApplicationListener<WebServerInitializedEvent> {

	private final RandomGenerator random = RandomGenerator.getDefault();

	private volatile @Nullable RestClient client;

	@Override
	public void onApplicationEvent(WebServerInitializedEvent event) {
		if (event.getApplicationContext().getServerNamespace() == null) {
			this.client = RestClient.create("http://127.0.0.1:" + event.getWebServer().getPort());
		}
	}

	/**
	 * Make one to three calls.
	 */
	@Scheduled(fixedRateString = "${sample.traffic.interval:1s}")
	public void call() {
		RestClient client = this.client;
		if (client == null) {
			return;
		}
		int calls = 1 + this.random.nextInt(3);
		for (int i = 0; i < calls; i++) {
			int dice = this.random.nextInt(100);
			try {
				if (dice < 60) {
					exchange(client.get().uri("/api/greeting?name=visitor"));
				}
				else if (dice < 85) {
					exchange(client.method(HttpMethod.POST)
						.uri("/api/orders")
						.contentType(MediaType.APPLICATION_JSON)
						.body("{\"items\":" + (1 + this.random.nextInt(5)) + "}"));
				}
				else {
					exchange(client.get().uri("/api/flaky"));
				}
			}
			catch (RestClientException ex) {
				// the server is starting or stopping: skip this round
				return;
			}
		}
	}

	private void exchange(RestClient.RequestHeadersSpec<?> request) {
		request.exchange((clientRequest, response) -> response.getStatusCode());
	}

}
