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

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * A request to the Initial State API, before the transport adds the URL and headers.
 *
 * @param kind what the request does
 * @param bucketKey the bucket it concerns
 * @param body the JSON body
 * @param readTimeout how long to wait for the answer once connected, or {@code null} for
 * the transport's own setting; it grows after a read timed out, so that a slow service is
 * given each batch once or twice rather than again and again
 */
public record TransportRequest(Kind kind, String bucketKey, byte[] body, @Nullable Duration readTimeout) {

	/**
	 * Create a request that waits for its answer as long as the transport's own setting.
	 * @param kind what the request does
	 * @param bucketKey the bucket it concerns
	 * @param body the JSON body
	 */
	public TransportRequest(Kind kind, String bucketKey, byte[] body) {
		this(kind, bucketKey, body, null);
	}

	@Override
	public String toString() {
		return "TransportRequest[" + this.kind + ", bucketKey=" + this.bucketKey + ", " + this.body.length + " bytes]";
	}

	/**
	 * What a request does.
	 */
	public enum Kind {

		/**
		 * {@code POST /api/buckets} with {@code {"bucketKey", "bucketName"}}.
		 */
		CREATE_BUCKET("/api/buckets"),

		/**
		 * {@code POST /api/events} with a JSON array of events and the
		 * {@code X-IS-BucketKey} header.
		 */
		SEND_EVENTS("/api/events");

		private final String path;

		Kind(String path) {
			this.path = path;
		}

		/**
		 * Return the path of the API resource, below the API base URL.
		 * @return the path
		 */
		public String path() {
			return this.path;
		}

	}

}
