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

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleSupplier;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the body of {@code POST /api/events} as the service does: a JSON array of
 * {@code {"key", "value", "epoch"}} objects, a key of at most 250 characters, a value
 * that is a string of at most 2000 characters, a number or a boolean, and an optional
 * epoch in seconds (the time of arrival when absent). One bad event refuses the whole
 * request.
 */
final class EventsBody {

	/**
	 * Longest key accepted, in characters.
	 */
	static final int MAX_KEY_LENGTH = 250;

	/**
	 * Longest string value accepted, in characters.
	 */
	static final int MAX_VALUE_LENGTH = 2000;

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private EventsBody() {
	}

	/**
	 * Read the events of a request body.
	 * @param body the body
	 * @param now the time of arrival, in epoch seconds
	 * @return the events, in order
	 * @throws InvalidRequestException if the body breaks a rule
	 */
	static List<ReceivedEvent> parse(byte[] body, DoubleSupplier now) {
		JsonNode root = read(body);
		if (!root.isArray()) {
			throw new InvalidRequestException("The body must be a JSON array of events");
		}
		List<ReceivedEvent> events = new ArrayList<>(root.size());
		for (int i = 0; i < root.size(); i++) {
			events.add(event(root.get(i), i, now));
		}
		return events;
	}

	static JsonNode read(byte[] body) {
		try {
			return JSON.readTree(body);
		}
		catch (JacksonException ex) {
			throw new InvalidRequestException("The body is not valid JSON: " + ex.getOriginalMessage());
		}
	}

	private static ReceivedEvent event(JsonNode node, int index, DoubleSupplier now) {
		if (!node.isObject()) {
			throw new InvalidRequestException("Event " + index + " is not a JSON object");
		}
		JsonNode key = node.get("key");
		if (key == null || !key.isString() || key.stringValue().isBlank()) {
			throw new InvalidRequestException("Event " + index + " has no key");
		}
		if (key.stringValue().length() > MAX_KEY_LENGTH) {
			throw new InvalidRequestException(
					"Event " + index + " has a key longer than " + MAX_KEY_LENGTH + " characters");
		}
		return new ReceivedEvent(key.stringValue(), value(node.get("value"), index),
				epoch(node.get("epoch"), index, now));
	}

	private static Object value(@Nullable JsonNode value, int index) {
		if (value != null && value.isString()) {
			if (value.stringValue().length() > MAX_VALUE_LENGTH) {
				throw new InvalidRequestException(
						"Event " + index + " has a value longer than " + MAX_VALUE_LENGTH + " characters");
			}
			return value.stringValue();
		}
		if (value != null && value.isNumber()) {
			return value.doubleValue();
		}
		if (value != null && value.isBoolean()) {
			return value.booleanValue();
		}
		throw new InvalidRequestException("Event " + index + " needs a string, number or boolean value");
	}

	private static double epoch(@Nullable JsonNode epoch, int index, DoubleSupplier now) {
		if (epoch == null || epoch.isNull()) {
			return now.getAsDouble();
		}
		if (!epoch.isNumber() || !(epoch.doubleValue() > 0) || Double.isInfinite(epoch.doubleValue())) {
			throw new InvalidRequestException("Event " + index + " has an epoch that is not a number of seconds");
		}
		return epoch.doubleValue();
	}

}
