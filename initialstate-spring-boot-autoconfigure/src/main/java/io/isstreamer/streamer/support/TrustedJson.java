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

package io.isstreamer.streamer.support;

import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.json.JsonFactory;

/**
 * The JSON factory that reads back what the client's own encoder wrote (request bodies,
 * spool lines), so none of Jackson's limits meant for untrusted input apply: a long
 * number or string the encoder wrote must never make a line unreadable. Internal to the
 * client.
 */
public final class TrustedJson {

	private static final JsonFactory FACTORY = JsonFactory.builder()
		.streamReadConstraints(StreamReadConstraints.builder()
			.maxNumberLength(Integer.MAX_VALUE)
			.maxStringLength(Integer.MAX_VALUE)
			.build())
		.build();

	private TrustedJson() {
	}

	/**
	 * Return the factory.
	 * @return the factory, shared and thread-safe
	 */
	public static JsonFactory factory() {
		return FACTORY;
	}

}
