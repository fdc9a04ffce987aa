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

import io.isstreamer.streamer.support.TrustedJson;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.json.JsonFactory;

/**
 * Checks a spool line with a streaming parse: a line can be replayed only if it is one
 * JSON array of objects, which is what {@code /api/events} takes.
 */
final class EventLines {

	private static final JsonFactory JSON = TrustedJson.factory();

	private EventLines() {
	}

	/**
	 * Check one line (without its line break) and count its events.
	 * <p>
	 * For a line that cannot be replayed, the count is the number of events that began
	 * before the line broke off (a torn line lost its last, partial event too), and at
	 * least 1, so that every unreadable line counts as a loss.
	 * @param bytes the buffer holding the line
	 * @param length the length of the line
	 * @return whether the line can be replayed and its events
	 */
	static Check check(byte[] bytes, int length) {
		return check(bytes, 0, length);
	}

	/**
	 * Check one line held in a buffer from an offset, as {@link #check(byte[], int)}.
	 * @param bytes the buffer
	 * @param offset where the line starts in it
	 * @param length the length of the line
	 * @return whether the line can be replayed and its events
	 */
	static Check check(byte[] bytes, int offset, int length) {
		int started = 0;
		try (JsonParser parser = JSON.createParser(ObjectReadContext.empty(), bytes, offset, length)) {
			if (parser.nextToken() != JsonToken.START_ARRAY) {
				return Check.unreadable(started);
			}
			JsonToken token = parser.nextToken();
			while (token == JsonToken.START_OBJECT) {
				started++;
				parser.skipChildren();
				token = parser.nextToken();
			}
			if (token != JsonToken.END_ARRAY || parser.nextToken() != null) {
				return Check.unreadable(started);
			}
			return new Check(true, started);
		}
		catch (JacksonException ex) {
			return Check.unreadable(started);
		}
	}

	/**
	 * The outcome of {@link EventLines#check}.
	 *
	 * @param readable whether the line is a JSON array of objects
	 * @param events the events in it, or (if unreadable) lost with it
	 */
	record Check(boolean readable, int events) {

		static Check unreadable(int started) {
			return new Check(false, Math.max(1, started));
		}

	}

}
