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

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a {@link MissingAccessKeyException}: which property or environment variable to
 * set, and how to start without one.
 */
class MissingAccessKeyFailureAnalyzer extends AbstractFailureAnalyzer<MissingAccessKeyException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, MissingAccessKeyException cause) {
		String description = "The Initial State streamer needs an access key to send events, and none is configured.";
		String placeholder = cause.getPlaceholder();
		if (placeholder != null) {
			description += " The property 'initialstate.access-key' holds the placeholder " + placeholder
					+ ", which no property or environment variable resolves.";
		}
		String action = """
				Set the access key of your Initial State account in the 'initialstate.access-key' property, \
				or in the INITIALSTATE_ACCESS_KEY environment variable.
				To run without an account, write events to a local CSV file with 'initialstate.offline=true', \
				or turn the streamer off with 'initialstate.enabled=false'.""";
		return new FailureAnalysis(description, action, cause);
	}

}
