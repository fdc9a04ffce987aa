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

import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * An answer of the local receiver: a status, headers and an optional JSON body.
 *
 * @param status the HTTP status
 * @param headers the headers
 * @param body the JSON body, or {@code null} for none
 */
record Answer(int status, Map<String, String> headers, @Nullable String body) {

	static Answer status(int status) {
		return new Answer(status, new LinkedHashMap<>(), null);
	}

	static Answer error(int status, String message) {
		String body = "{\"error\":\"" + message.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}";
		return new Answer(status, new LinkedHashMap<>(), body);
	}

	Answer header(String name, Object value) {
		this.headers.put(name, String.valueOf(value));
		return this;
	}

}
