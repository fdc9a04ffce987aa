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

package io.isstreamer.autoconfigure;

import java.util.UUID;

import io.isstreamer.streamer.EventRules;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * The bucket a Spring application streams to when the properties do not name one: a
 * long-running service should append to one dashboard across restarts, so the key is
 * derived from the application's name rather than random as in ISStreamer.
 *
 * @param key the bucket key
 * @param name the bucket name, or {@code null} to use the key
 */
record DefaultBucket(String key, @Nullable String name) {

	private static final Log logger = LogFactory.getLog(DefaultBucket.class);

	private static final char REPLACEMENT = '-';

	/**
	 * Resolve the bucket from the properties and the application name.
	 * @param bucketKey the configured bucket key, if any
	 * @param bucketName the configured bucket name, if any
	 * @param applicationName the value of {@code spring.application.name}, if any
	 * @return the bucket
	 */
	static DefaultBucket resolve(@Nullable String bucketKey, @Nullable String bucketName,
			@Nullable String applicationName) {
		String name = hasText(bucketName) ? bucketName : truncate(applicationName, EventRules.MAX_BUCKET_NAME_LENGTH);
		if (hasText(bucketKey)) {
			return new DefaultBucket(bucketKey, name);
		}
		String key = keyFrom(applicationName);
		if (key == null) {
			key = keyFrom(bucketName);
		}
		if (key == null) {
			key = UUID.randomUUID().toString();
			logger.warn("Neither initialstate.bucket-key nor spring.application.name is set: streaming to a new "
					+ "random bucket (" + key + "), so the Initial State dashboard will change on each start. "
					+ "Set spring.application.name or initialstate.bucket-key to keep one bucket.");
		}
		return new DefaultBucket(key, name);
	}

	/**
	 * Derive a bucket key from a name: characters that a bucket key may not hold (quotes,
	 * colons, anything but printable ASCII) become {@value #REPLACEMENT}.
	 * @param name the name
	 * @return the key, or {@code null} if the name gives none
	 */
	static @Nullable String keyFrom(@Nullable String name) {
		if (!hasText(name)) {
			return null;
		}
		StringBuilder key = new StringBuilder(name.length());
		name.strip().codePoints().forEach((c) -> key.append(isAllowed(c) ? (char) c : REPLACEMENT));
		String result = truncate(key.toString(), EventRules.MAX_BUCKET_KEY_LENGTH);
		return (EventRules.bucketKeyProblem(result) == null) ? result : null;
	}

	private static boolean isAllowed(int c) {
		return c >= 0x20 && c <= 0x7e && c != ':' && c != '"' && c != '\'';
	}

	private static @Nullable String truncate(@Nullable String text, int length) {
		if (!hasText(text)) {
			return null;
		}
		String stripped = text.strip();
		return (stripped.length() <= length) ? stripped : stripped.substring(0, length).strip();
	}

	private static boolean hasText(@Nullable String text) {
		return text != null && !text.isBlank();
	}

}
