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

import java.io.IOException;

/**
 * Carries one request to the Initial State API and brings back its answer. The streamer
 * calls it from one thread at a time; an implementation adds the URL and the headers.
 *
 * @see HttpTransport
 */
@FunctionalInterface
public interface Transport extends AutoCloseable {

	/**
	 * Send a request and wait for the answer.
	 * @param request the request
	 * @return the answer, whatever its status
	 * @throws IOException if no answer came (timeout, refused or reset connection)
	 */
	TransportResponse send(TransportRequest request) throws IOException;

	/**
	 * Release the transport's resources. Does nothing by default.
	 */
	@Override
	default void close() {
	}

}
