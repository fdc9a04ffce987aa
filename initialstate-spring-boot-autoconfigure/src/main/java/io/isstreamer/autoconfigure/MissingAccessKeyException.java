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

import org.jspecify.annotations.Nullable;

/**
 * Thrown when the streamer is enabled and online but no access key is configured, or the
 * configured one is a placeholder that nothing resolved.
 *
 * @see MissingAccessKeyFailureAnalyzer
 */
class MissingAccessKeyException extends IllegalStateException {

	private final @Nullable String placeholder;

	/**
	 * Create an exception.
	 * @param placeholder the unresolved placeholder that the access key holds, such as
	 * {@code ${INITIALSTATE_ACCESS_KEY}}, or {@code null} when it is not set at all
	 */
	MissingAccessKeyException(@Nullable String placeholder) {
		super("No Initial State access key is configured (initialstate.access-key"
				+ ((placeholder != null) ? " holds the unresolved placeholder " + placeholder : " is not set") + ")");
		this.placeholder = placeholder;
	}

	@Nullable String getPlaceholder() {
		return this.placeholder;
	}

}
