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

/**
 * One accepted event on its way to the service. Kept small: it is the only allocation of
 * {@code log()} besides a boxed value.
 */
final class Event {

	final Bucket bucket;

	final String key;

	/**
	 * A {@link String}, {@link Boolean} or {@link Number} of a known, immutable type.
	 */
	final Object value;

	final long epochMicros;

	Event(Bucket bucket, String key, Object value, long epochMicros) {
		this.bucket = bucket;
		this.key = key;
		this.value = value;
		this.epochMicros = epochMicros;
	}

}
