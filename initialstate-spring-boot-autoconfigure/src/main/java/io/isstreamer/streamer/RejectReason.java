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

/**
 * Why an event was refused when it was logged. Rejected events are counted in
 * {@link StreamerStats#rejectedByReason()}; in strict mode they are thrown instead.
 */
public enum RejectReason {

	/**
	 * The key was {@code null}, empty or only whitespace.
	 */
	KEY_MISSING("the key is missing or blank"),

	/**
	 * The key was longer than {@value EventRules#MAX_KEY_LENGTH} characters.
	 */
	KEY_TOO_LONG("the key is longer than " + EventRules.MAX_KEY_LENGTH + " characters"),

	/**
	 * The value was {@code null}.
	 */
	VALUE_MISSING("the value is null"),

	/**
	 * The value was NaN or infinite, which JSON cannot carry, or a big number beyond the
	 * range of a double.
	 */
	VALUE_NOT_FINITE("the value is NaN or infinite"),

	/**
	 * The value's text was longer than {@value EventRules#MAX_VALUE_LENGTH} characters.
	 */
	VALUE_TOO_LONG("the value is longer than " + EventRules.MAX_VALUE_LENGTH + " characters"),

	/**
	 * The value's {@code toString()} (or a bean getter in {@code logObject}) threw or
	 * returned {@code null}.
	 */
	VALUE_UNREADABLE("the value could not be read (its toString() or getter failed)"),

	/**
	 * The timestamp was not a finite number of seconds of at least one microsecond
	 * (timestamps are sent in whole microseconds).
	 */
	EPOCH_INVALID("the epoch is not a finite number of seconds of at least one microsecond"),

	/**
	 * The timestamp was so large that it must be in milliseconds, not seconds.
	 */
	EPOCH_IN_MILLISECONDS("the epoch looks like milliseconds; pass seconds since 1970 (divide by 1000)"),

	/**
	 * The streamer was already closing or closed.
	 */
	STREAMER_CLOSED("the streamer is closed"),

	/**
	 * The streamer's sender had stopped on an error it cannot go on after (see the
	 * service status {@code FAILED} and the log).
	 */
	STREAMER_FAILED("the streamer's sender stopped on an error; see the log");

	private final String description;

	RejectReason(String description) {
		this.description = description;
	}

	/**
	 * Return the rule the event broke, in words.
	 * @return the description
	 */
	public String description() {
		return this.description;
	}

}
