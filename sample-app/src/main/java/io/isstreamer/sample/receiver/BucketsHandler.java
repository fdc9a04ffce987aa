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

import com.sun.net.httpserver.HttpExchange;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /api/buckets}: creates the bucket {@code {"bucketKey", "bucketName"}} and
 * answers {@code 201}, or {@code 204} when it exists.
 */
final class BucketsHandler extends ApiHandler {

	private final ReceivedEvents events;

	BucketsHandler(String accessKey, AnswerCounts answers, ReceivedEvents events) {
		super(accessKey, answers);
		this.events = events;
	}

	@Override
	protected Answer answer(HttpExchange exchange, byte[] body) {
		JsonNode bucket = EventsBody.read(body);
		if (!bucket.isObject()) {
			throw new InvalidRequestException("The body must be a JSON object");
		}
		JsonNode keyNode = bucket.get("bucketKey");
		String key = BucketKeys.check((keyNode != null && keyNode.isString()) ? keyNode.stringValue() : null,
				"bucketKey");
		JsonNode nameNode = bucket.get("bucketName");
		String name = (nameNode != null && nameNode.isString() && !nameNode.stringValue().isBlank())
				? nameNode.stringValue() : key;
		return Answer.status(this.events.createBucket(key, name) ? 201 : 204);
	}

}
