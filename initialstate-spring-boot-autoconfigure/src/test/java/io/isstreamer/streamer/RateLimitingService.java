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

package io.isstreamer.streamer;

import java.util.ArrayList;
import java.util.List;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

/**
 * A WireMock extension that limits {@code /api/events} as the service documents: at most
 * ten times {@code perSecond} requests in each 10-second window on the clock (429 with
 * {@code Retry-After} until the window ends above it), and the {@code X-RateLimit-*}
 * headers of that window on every answer.
 */
public class RateLimitingService implements ResponseDefinitionTransformerV2 {

	private static final long WINDOW_MILLIS = 10_000;

	private final int perSecond;

	private final List<Long> accepted = new ArrayList<>();

	private int throttled;

	private long windowStart;

	private int windowCount;

	public RateLimitingService(int perSecond) {
		this.perSecond = perSecond;
	}

	@Override
	public synchronized ResponseDefinition transform(ServeEvent serveEvent) {
		if (!serveEvent.getRequest().getUrl().equals("/api/events")) {
			return serveEvent.getResponseDefinition();
		}
		// fixed windows on the clock, counted as requests arrive, as the service
		// documents
		long now = System.currentTimeMillis();
		long windowStart = now - Math.floorMod(now, WINDOW_MILLIS);
		if (windowStart != this.windowStart) {
			this.windowStart = windowStart;
			this.windowCount = 0;
		}
		int limit = (int) (this.perSecond * WINDOW_MILLIS / 1000);
		String reset = Long.toString((windowStart + WINDOW_MILLIS) / 1000);
		if (this.windowCount >= limit) {
			this.throttled++;
			return ResponseDefinitionBuilder.responseDefinition()
				.withStatus(429)
				.withHeader("Retry-After", Long.toString((windowStart + WINDOW_MILLIS - now + 999) / 1000))
				.withHeader("X-RateLimit-Limit", Integer.toString(limit))
				.withHeader("X-RateLimit-Remaining", "0")
				.withHeader("X-RateLimit-Reset", reset)
				.build();
		}
		this.accepted.add(now);
		this.windowCount++;
		return ResponseDefinitionBuilder.like(serveEvent.getResponseDefinition())
			.but()
			.withHeader("X-RateLimit-Limit", Integer.toString(limit))
			.withHeader("X-RateLimit-Remaining", Integer.toString(limit - this.windowCount))
			.withHeader("X-RateLimit-Reset", reset)
			.build();
	}

	public synchronized int throttled() {
		return this.throttled;
	}

	public synchronized List<Long> acceptedTimes() {
		return new ArrayList<>(this.accepted);
	}

	public synchronized void reset() {
		this.accepted.clear();
		this.throttled = 0;
		this.windowStart = 0;
		this.windowCount = 0;
	}

	@Override
	public String getName() {
		return "rate-limiting-service";
	}

}
