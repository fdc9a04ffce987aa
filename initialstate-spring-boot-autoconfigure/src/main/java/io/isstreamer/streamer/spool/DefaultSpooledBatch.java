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
 * A {@link SpooledBatch} with the place of its line in the spool, so that
 * {@link Spool#acknowledge} knows what to advance.
 */
final class DefaultSpooledBatch implements SpooledBatch {

	private final String bucketKey;

	private final String bucketName;

	private final byte[] body;

	private final int eventCount;

	private final long sequence;

	private final long offset;

	private final long nextOffset;

	DefaultSpooledBatch(String bucketKey, String bucketName, byte[] body, int eventCount, long sequence, long offset,
			long nextOffset) {
		this.bucketKey = bucketKey;
		this.bucketName = bucketName;
		this.body = body;
		this.eventCount = eventCount;
		this.sequence = sequence;
		this.offset = offset;
		this.nextOffset = nextOffset;
	}

	@Override
	public String bucketKey() {
		return this.bucketKey;
	}

	@Override
	public String bucketName() {
		return this.bucketName;
	}

	@Override
	public byte[] body() {
		return this.body;
	}

	@Override
	public int eventCount() {
		return this.eventCount;
	}

	long sequence() {
		return this.sequence;
	}

	long offset() {
		return this.offset;
	}

	long nextOffset() {
		return this.nextOffset;
	}

	@Override
	public String toString() {
		return "SpooledBatch[bucketKey=" + this.bucketKey + ", events=" + this.eventCount + ", bytes="
				+ this.body.length + ", segment=" + this.sequence + ", offset=" + this.offset + "]";
	}

}
