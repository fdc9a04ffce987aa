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

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.json.JsonFactory;

/**
 * An event as it was sent, read back from a request body for assertions.
 *
 * @param bucketKey the bucket it was sent to
 * @param key the key
 * @param value the value as JSON text ({@code "text"}, {@code 5}, {@code true})
 * @param epoch the epoch as it was written
 */
public record SentEvent(String bucketKey, String key, String value, String epoch) {

	private static final JsonFactory JSON = JsonFactory.builder().build();

	/**
	 * Read the events of a request body.
	 * @param bucketKey the bucket of the request
	 * @param body the JSON array
	 * @return the events in order
	 */
	public static List<SentEvent> parse(String bucketKey, byte[] body) {
		List<SentEvent> events = new ArrayList<>();
		try (JsonParser parser = JSON.createParser(ObjectReadContext.empty(), body)) {
			if (parser.nextToken() != JsonToken.START_ARRAY) {
				throw new IllegalArgumentException("not an array");
			}
			while (parser.nextToken() == JsonToken.START_OBJECT) {
				String key = null;
				String value = null;
				String epoch = null;
				while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
					String name = parser.currentName();
					JsonToken token = parser.nextToken();
					String text = (token == JsonToken.VALUE_STRING) ? "\"" + parser.getString() + "\""
							: parser.getText();
					switch (name) {
						case "key" -> key = parser.getString();
						case "value" -> value = text;
						case "epoch" -> epoch = text;
						default -> throw new IllegalArgumentException("unexpected property " + name);
					}
				}
				events.add(new SentEvent(bucketKey, key, value, epoch));
			}
		}
		return events;
	}

}
