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
 * A {@link SpooledBatch} with the range of lines it was made of, so that
 * {@link Spool#acknowledge} and {@link Spool#release} know what to mark.
 */
final class DefaultSpooledBatch implements SpooledBatch {

	final Spool spool;

	final SpoolSegment segment;

	final long start;

	final long end;

	private final byte[] body;

	private final int eventCount;

	private final SpoolPosition lastLine;

	/**
	 * Events of the unreadable lines among the claim's lines, given up when it is
	 * acknowledged.
	 */
	final long lostEvents;

	boolean settled;

	DefaultSpooledBatch(Spool spool, SpoolSegment segment, long start, long end, long lastLineStart, byte[] body,
			int eventCount, long lostEvents) {
		this.spool = spool;
		this.segment = segment;
		this.start = start;
		this.end = end;
		this.body = body;
		this.eventCount = eventCount;
		this.lastLine = new SpoolPosition(segment.sequence, lastLineStart);
		this.lostEvents = lostEvents;
	}

	@Override
	public String bucketKey() {
		return this.segment.bucket.key;
	}

	@Override
	public String bucketName() {
		return this.segment.bucket.name;
	}

	@Override
	public byte[] body() {
		return this.body;
	}

	@Override
	public int eventCount() {
		return this.eventCount;
	}

	@Override
	public SpoolPosition lastLine() {
		return this.lastLine;
	}

	@Override
	public String toString() {
		return "SpooledBatch[bucketKey=" + bucketKey() + ", events=" + this.eventCount + ", bytes=" + this.body.length
				+ ", segment=" + this.segment.sequence + ", bytes " + this.start + "-" + this.end + "]";
	}

}
