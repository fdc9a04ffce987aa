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

import org.jspecify.annotations.Nullable;

/**
 * The service's rules for a bucket key: present, at most 250 characters, and none of
 * {@code :} {@code "} {@code '}.
 */
final class BucketKeys {

	/**
	 * Longest bucket key accepted, in characters.
	 */
	static final int MAX_LENGTH = 250;

	private BucketKeys() {
	}

	/**
	 * Check a bucket key.
	 * @param bucketKey the bucket key
	 * @param what what holds the key, to name it in the message
	 * @return the bucket key
	 * @throws InvalidRequestException if the key breaks a rule
	 */
	static String check(@Nullable String bucketKey, String what) {
		if (bucketKey == null || bucketKey.isBlank()) {
			throw new InvalidRequestException(what + " is missing");
		}
		if (bucketKey.length() > MAX_LENGTH) {
			throw new InvalidRequestException(what + " is longer than " + MAX_LENGTH + " characters");
		}
		if (bucketKey.chars().anyMatch((c) -> c == ':' || c == '"' || c == '\'')) {
			throw new InvalidRequestException(what + " must not contain : \" or '");
		}
		return bucketKey;
	}

}
