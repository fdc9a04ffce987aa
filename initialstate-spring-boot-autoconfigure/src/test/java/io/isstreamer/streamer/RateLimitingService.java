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

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

/**
 * A WireMock extension that limits {@code /api/events} as the service does: at most
 * {@code perSecond} requests in any one-second window (429 with {@code Retry-After} above
 * it), and the {@code X-RateLimit-*} headers of a 10-second window on every answer.
 */
public class RateLimitingService implements ResponseDefinitionTransformerV2 {

	private final int perSecond;

	private final Deque<Long> recent = new ArrayDeque<>();

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
		long now = System.currentTimeMillis();
		while (!this.recent.isEmpty() && now - this.recent.peekFirst() >= 1000) {
			this.recent.pollFirst();
		}
		if (now - this.windowStart >= 10_000) {
			this.windowStart = now;
			this.windowCount = 0;
		}
		int limit = this.perSecond * 10;
		String reset = Long.toString((this.windowStart + 10_000) / 1000);
		if (this.recent.size() >= this.perSecond || this.windowCount >= limit) {
			this.throttled++;
			return ResponseDefinitionBuilder.responseDefinition()
				.withStatus(429)
				.withHeader("Retry-After", "1")
				.withHeader("X-RateLimit-Limit", Integer.toString(limit))
				.withHeader("X-RateLimit-Remaining", "0")
				.withHeader("X-RateLimit-Reset", reset)
				.build();
		}
		this.recent.addLast(now);
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
		this.recent.clear();
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
