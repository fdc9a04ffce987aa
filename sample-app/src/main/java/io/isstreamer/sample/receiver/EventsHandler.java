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

package io.isstreamer.sample.receiver;

import java.util.function.DoubleSupplier;

import com.sun.net.httpserver.HttpExchange;
import org.jspecify.annotations.Nullable;

/**
 * {@code POST /api/events}: takes its rate-limit turn ({@code 429} with
 * {@code Retry-After} when there is none), needs the {@code X-IS-BucketKey} header, keeps
 * the events and answers {@code 204}. Every answer carries the {@code X-RateLimit-*}
 * headers.
 */
final class EventsHandler extends ApiHandler {

	private static final String DECISION = EventsHandler.class.getName() + ".decision";

	private final RateLimit rateLimit;

	private final ReceivedEvents events;

	private final DoubleSupplier now;

	EventsHandler(String accessKey, AnswerCounts answers, RateLimit rateLimit, ReceivedEvents events,
			DoubleSupplier now) {
		super(accessKey, answers);
		this.rateLimit = rateLimit;
		this.events = events;
		this.now = now;
	}

	@Override
	protected @Nullable Answer admit(HttpExchange exchange) {
		RateLimit.Decision decision = this.rateLimit.acquire();
		exchange.setAttribute(DECISION, decision);
		if (!decision.allowed()) {
			return Answer.error(429, "Too many requests").header("Retry-After", decision.retryAfterSeconds());
		}
		return null;
	}

	@Override
	protected Answer answer(HttpExchange exchange, byte[] body) {
		String bucketKey = BucketKeys.check(exchange.getRequestHeaders().getFirst("X-IS-BucketKey"),
				"The X-IS-BucketKey header");
		this.events.add(bucketKey, EventsBody.parse(body, this.now));
		return Answer.status(204);
	}

	@Override
	protected Answer decorate(HttpExchange exchange, Answer answer) {
		if (exchange.getAttribute(DECISION) instanceof RateLimit.Decision decision) {
			answer.header("X-RateLimit-Limit", decision.limit())
				.header("X-RateLimit-Remaining", decision.remaining())
				.header("X-RateLimit-Reset", decision.reset());
		}
		return answer;
	}

}
