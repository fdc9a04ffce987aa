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

import java.nio.channels.FileChannel;
import java.nio.file.Path;

import org.jspecify.annotations.Nullable;

/**
 * One segment file of a bucket and where its replay stands. Offsets are in bytes from the
 * start of the file and always at the start of a line.
 */
final class SpoolSegment {

	final long sequence;

	final SpoolBucket bucket;

	final Path path;

	final Path ackPath;

	/**
	 * Open while this is its bucket's segment for appends; {@code null} once sealed.
	 */
	@Nullable FileChannel channel;

	/**
	 * Bytes in the file, a torn tail included.
	 */
	long size;

	/**
	 * End of the last complete line: replay reads up to here.
	 */
	long end;

	/**
	 * Start of the first line the service has not accepted yet.
	 */
	long acknowledged;

	/**
	 * Lines before this offset were checked when the spool was opened, and those that
	 * could not be read were counted then.
	 */
	long checkedEnd;

	/**
	 * Events in the lines from {@link #acknowledged} to {@link #end}.
	 */
	long unacknowledgedEvents;

	SpoolSegment(long sequence, SpoolBucket bucket, Path path, Path ackPath) {
		this.sequence = sequence;
		this.bucket = bucket;
		this.path = path;
		this.ackPath = ackPath;
	}

	boolean isWritable() {
		return this.channel != null;
	}

	boolean isFullyAcknowledged() {
		return this.acknowledged >= this.end;
	}

	@Override
	public String toString() {
		return this.path.toString();
	}

}
