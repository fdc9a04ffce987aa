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

package io.isstreamer.streamer.spool;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spool line bodies whose events are told apart by their values, and the reading back of
 * a body into those values.
 */
final class EventBodies {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private EventBodies() {
	}

	/**
	 * Return a JSON array with one event per value.
	 * @param values the values
	 * @return the body
	 */
	static byte[] body(String... values) {
		return body(List.of(values));
	}

	/**
	 * Return a JSON array with one event per value.
	 * @param values the values
	 * @return the body
	 */
	static byte[] body(List<String> values) {
		StringBuilder json = new StringBuilder("[");
		for (String value : values) {
			json.append((json.length() > 1) ? "," : "");
			json.append("{\"key\":\"k\",\"value\":\"").append(value).append("\",\"epoch\":1700000000.000001}");
		}
		return json.append(']').toString().getBytes(StandardCharsets.UTF_8);
	}

	/**
	 * Read a body as a client would send it: it must be one JSON array of event objects.
	 * @param body the body
	 * @return the values of its events, in order
	 */
	static List<String> values(byte[] body) {
		JsonNode array = JSON.readTree(body);
		assertThat(array.isArray()).as("body is a JSON array: %s", text(body)).isTrue();
		List<String> values = new ArrayList<>();
		for (JsonNode event : array) {
			assertThat(event.isObject()).as("event is an object: %s", event).isTrue();
			assertThat(event.get("key").asString()).isEqualTo("k");
			values.add(event.get("value").asString());
		}
		return values;
	}

	static String text(byte[] bytes) {
		return new String(bytes, StandardCharsets.UTF_8);
	}

}
