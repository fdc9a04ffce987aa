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

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * The rules an event and a bucket key must keep, from the Initial State events API and
 * ISStreamer's documentation.
 */
public final class EventRules {

	/**
	 * Longest key accepted, in characters (ISStreamer's documented limit).
	 */
	public static final int MAX_KEY_LENGTH = 250;

	/**
	 * Longest key the API documentation promises to accept; generated keys (such as
	 * metric keys) stay within it.
	 */
	public static final int DOCUMENTED_KEY_LENGTH = 100;

	/**
	 * Longest value accepted, in characters of its text.
	 */
	public static final int MAX_VALUE_LENGTH = 2000;

	/**
	 * Longest bucket key accepted, in characters.
	 */
	public static final int MAX_BUCKET_KEY_LENGTH = 250;

	/**
	 * Longest bucket name accepted, in characters.
	 */
	public static final int MAX_BUCKET_NAME_LENGTH = 250;

	/**
	 * Largest epoch taken as seconds (in the year 5138); anything above is taken for
	 * milliseconds and rejected, where ISStreamer silently replaced it with "now".
	 */
	public static final double MAX_EPOCH_SECONDS = 100_000_000_000d;

	/**
	 * Smallest epoch accepted: one microsecond, the precision timestamps are sent with.
	 */
	public static final double MIN_EPOCH_SECONDS = 0.000_001;

	private EventRules() {
	}

	/**
	 * Check an event key.
	 * @param key the key
	 * @return the broken rule, or {@code null} if the key is fine
	 */
	public static @Nullable RejectReason checkKey(@Nullable String key) {
		if (key == null || key.isBlank()) {
			return RejectReason.KEY_MISSING;
		}
		if (key.length() > MAX_KEY_LENGTH) {
			return RejectReason.KEY_TOO_LONG;
		}
		return null;
	}

	/**
	 * Check an explicit timestamp.
	 * @param epochSeconds seconds since 1970, with a fraction
	 * @return the broken rule, or {@code null} if the timestamp is fine
	 */
	public static @Nullable RejectReason checkEpoch(double epochSeconds) {
		// Timestamps are sent in whole microseconds: anything below one would go out as 0
		if (!(epochSeconds >= MIN_EPOCH_SECONDS) || Double.isInfinite(epochSeconds)) {
			return RejectReason.EPOCH_INVALID;
		}
		if (epochSeconds > MAX_EPOCH_SECONDS) {
			return RejectReason.EPOCH_IN_MILLISECONDS;
		}
		return null;
	}

	/**
	 * Check an explicit timestamp given as an {@link Instant}.
	 * @param timestamp the timestamp, {@code null} being invalid
	 * @return the broken rule, or {@code null} if the timestamp is fine
	 */
	public static @Nullable RejectReason checkEpoch(@Nullable Instant timestamp) {
		if (timestamp == null) {
			return RejectReason.EPOCH_INVALID;
		}
		return checkEpoch(timestamp.getEpochSecond() + timestamp.getNano() / 1e9);
	}

	/**
	 * Check a bucket key. It travels in an HTTP header, so only printable ASCII is
	 * allowed, and the service refuses {@code :}, {@code "} and {@code '}.
	 * @param bucketKey the bucket key
	 * @return what is wrong with it, in words, or {@code null} if it is fine
	 */
	public static @Nullable String bucketKeyProblem(@Nullable String bucketKey) {
		if (bucketKey == null || bucketKey.isBlank()) {
			return "the bucket key is missing or blank";
		}
		if (bucketKey.length() > MAX_BUCKET_KEY_LENGTH) {
			return "the bucket key is longer than " + MAX_BUCKET_KEY_LENGTH + " characters";
		}
		for (int i = 0; i < bucketKey.length(); i++) {
			char c = bucketKey.charAt(i);
			if (c == ':' || c == '"' || c == '\'') {
				return "the bucket key contains '" + c + "', which Initial State does not allow";
			}
			if (c < 0x20 || c > 0x7e) {
				return "the bucket key contains a character other than printable ASCII (at index " + i + ")";
			}
		}
		return null;
	}

	/**
	 * Check a bucket name.
	 * @param bucketName the bucket name
	 * @return what is wrong with it, in words, or {@code null} if it is fine
	 */
	public static @Nullable String bucketNameProblem(@Nullable String bucketName) {
		if (bucketName == null || bucketName.isBlank()) {
			return "the bucket name is missing or blank";
		}
		if (bucketName.length() > MAX_BUCKET_NAME_LENGTH) {
			return "the bucket name is longer than " + MAX_BUCKET_NAME_LENGTH + " characters";
		}
		return null;
	}

}
