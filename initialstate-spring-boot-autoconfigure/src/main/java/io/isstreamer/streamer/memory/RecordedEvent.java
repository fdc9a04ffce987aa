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

package io.isstreamer.streamer.memory;

import java.time.Instant;

/**
 * An event that an {@link InMemoryStreamer} accepted, as it would have been sent.
 *
 * @param key the event key
 * @param value the value as it would be sent: a {@link String} (also for characters,
 * enums and other objects, read when logged), a {@link Boolean} or a {@link Number}
 * @param timestamp when the event happened, to the microsecond as it is sent
 * @param bucketKey the key of the bucket it was logged into
 * @param bucketName the name of that bucket
 */
public record RecordedEvent(String key, Object value, Instant timestamp, String bucketKey, String bucketName) {

	/**
	 * Return the timestamp as the service receives it: seconds since 1970, with a
	 * fraction.
	 * @return the epoch in seconds
	 */
	public double epochSeconds() {
		return this.timestamp.getEpochSecond() + this.timestamp.getNano() / 1e9;
	}

}
