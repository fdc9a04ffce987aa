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

package io.isstreamer.streamer.spool;

/**
 * Lines of one bucket read back from the spool for replay, packed into one body: a claim.
 * The lines are not handed out again until the claim is released; once acknowledged, they
 * are never replayed again.
 */
public interface SpooledBatch {

	/**
	 * Return the key of the bucket the events belong to.
	 * @return the bucket key
	 */
	String bucketKey();

	/**
	 * Return the name of that bucket, to create it if needed.
	 * @return the bucket name
	 */
	String bucketName();

	/**
	 * Return the JSON array of the events of every line, postable as-is.
	 * @return the body
	 */
	byte[] body();

	/**
	 * Return the number of events in the body.
	 * @return the event count
	 */
	int eventCount();

	/**
	 * Return where the last line of the claim starts.
	 * @return the position
	 */
	SpoolPosition lastLine();

}
