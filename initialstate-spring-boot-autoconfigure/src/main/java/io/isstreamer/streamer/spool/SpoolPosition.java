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

import org.jspecify.annotations.Nullable;

/**
 * Where a line starts in a bucket's part of the spool: the segment file's sequence number
 * and the byte offset in it. Within one bucket, later lines have greater positions.
 *
 * @param segment the segment's sequence number
 * @param offset the offset of the line's first byte
 */
public record SpoolPosition(long segment, long offset) implements Comparable<SpoolPosition> {

	@Override
	public int compareTo(SpoolPosition other) {
		int bySegment = Long.compare(this.segment, other.segment);
		return (bySegment != 0) ? bySegment : Long.compare(this.offset, other.offset);
	}

	/**
	 * Return the later of two positions.
	 * @param other the other position, or {@code null}
	 * @return the later one
	 */
	public SpoolPosition max(@Nullable SpoolPosition other) {
		return (other == null || compareTo(other) >= 0) ? this : other;
	}

}
