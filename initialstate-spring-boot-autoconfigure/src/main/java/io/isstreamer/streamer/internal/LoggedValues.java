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

package io.isstreamer.streamer.internal;

import java.time.Instant;
import java.util.AbstractMap.SimpleImmutableEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.isstreamer.streamer.RejectReason;
import io.isstreamer.streamer.Streamer;
import org.jspecify.annotations.Nullable;

/**
 * The rules {@link DefaultStreamer} applies to what is logged, for other {@link Streamer}
 * implementations that must accept and refuse exactly the same events, such as
 * {@link io.isstreamer.streamer.memory.InMemoryStreamer}. Internal to the client.
 */
public final class LoggedValues {

	private LoggedValues() {
	}

	/**
	 * Turn a logged value into what would be sent: a {@link String}, {@link Boolean} or
	 * immutable {@link Number}, read now.
	 * @param value the logged value
	 * @return the value to send, or the {@link RejectReason} that refuses it
	 */
	public static Object normalize(@Nullable Object value) {
		return Values.normalize(value);
	}

	/**
	 * Flatten an object for {@code logObject} into keys and values, named and normalized
	 * as the streamer does.
	 * @param object the object
	 * @param keyPrefix the prefix: {@code null} for the default, {@code ""} for none
	 * @return each key, in the object's order, with the value to send or the
	 * {@link RejectReason} that refuses it (the key itself is not checked)
	 */
	public static List<Map.Entry<String, Object>> flatten(@Nullable Object object, @Nullable String keyPrefix) {
		List<ObjectFlattener.Pair> pairs = ObjectFlattener.flatten(object, keyPrefix);
		List<Map.Entry<String, Object>> entries = new ArrayList<>(pairs.size());
		for (ObjectFlattener.Pair pair : pairs) {
			Object value = (pair.value() instanceof ObjectFlattener.Unreadable) ? RejectReason.VALUE_UNREADABLE
					: Values.normalize(pair.value());
			entries.add(new SimpleImmutableEntry<>(pair.key(), value));
		}
		return entries;
	}

	/**
	 * Convert seconds since 1970 to the whole microseconds that are sent.
	 * @param epochSeconds seconds since 1970, with a fraction
	 * @return microseconds since 1970
	 */
	public static long toMicros(double epochSeconds) {
		return Values.toMicros(epochSeconds);
	}

	/**
	 * Convert a timestamp to the whole microseconds that are sent.
	 * @param timestamp the timestamp
	 * @return microseconds since 1970
	 */
	public static long toMicros(Instant timestamp) {
		return Values.toMicros(timestamp);
	}

}
