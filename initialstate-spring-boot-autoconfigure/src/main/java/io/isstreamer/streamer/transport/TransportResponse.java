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

package io.isstreamer.streamer.transport;

import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

/**
 * An answer of the Initial State API.
 *
 * @param status the HTTP status
 * @param headers the headers the streamer reads, by lower-case name
 * @param body the body as text (possibly cut short), empty if none
 */
public record TransportResponse(int status, Map<String, String> headers, String body) {

	public TransportResponse {
		headers = headers.entrySet()
			.stream()
			.collect(Collectors.toUnmodifiableMap((entry) -> entry.getKey().toLowerCase(Locale.ROOT),
					Map.Entry::getValue, (first, second) -> first));
	}

	/**
	 * Create an answer with a status and no headers or body.
	 * @param status the HTTP status
	 * @return the answer
	 */
	public static TransportResponse of(int status) {
		return new TransportResponse(status, Map.of(), "");
	}

	/**
	 * Return a header.
	 * @param name the header name, in any case
	 * @return its value, or {@code null} if absent
	 */
	public @Nullable String header(String name) {
		return this.headers.get(name.toLowerCase(Locale.ROOT));
	}

	/**
	 * Return whether the status is 2xx.
	 * @return whether the request succeeded
	 */
	public boolean isSuccessful() {
		return this.status >= 200 && this.status < 300;
	}

}
