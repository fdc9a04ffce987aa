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
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;

/**
 * One segment file of a bucket and where its replay stands. Offsets are in bytes from the
 * start of the file and always at the start of a line. Lines before {@link #acknowledged}
 * were delivered; after it, a line is waiting, out in a claim, or delivered out of order
 * (in {@link #delivered}).
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
	 * Start of the first line not delivered yet; recorded in the ack file.
	 */
	long acknowledged;

	/**
	 * Starts of the lines that could not be read when the spool was opened, counted then:
	 * a line damaged later is counted when it is read.
	 */
	final Set<Long> countedUnreadable = new HashSet<>();

	/**
	 * Events in the lines not delivered yet, those out in claims included.
	 */
	long unacknowledgedEvents;

	/**
	 * Start of the first line never handed out in this run.
	 */
	long cursor;

	/**
	 * Ranges handed out and released again, to be handed out before the cursor moves on:
	 * start to end.
	 */
	final TreeMap<Long, Long> released = new TreeMap<>();

	/**
	 * Lines appended and claimed at once, ahead of the cursor, which it skips: start to
	 * end.
	 */
	final TreeMap<Long, Long> claimedAhead = new TreeMap<>();

	/**
	 * Ranges delivered while an earlier line was still out: start to end.
	 */
	final TreeMap<Long, Long> delivered = new TreeMap<>();

	/**
	 * Claims out now.
	 */
	int outstanding;

	/**
	 * Events in the claims out now.
	 */
	long claimedEvents;

	/**
	 * Removed (replayed, size bound, gone from disk): claims still out are orphans.
	 */
	boolean discarded;

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

	/**
	 * Whether a line waits to be handed out.
	 * @return whether a claim can be made from this segment
	 */
	boolean hasClaimable() {
		skipClaimedAhead();
		return !this.released.isEmpty() || this.cursor < this.end;
	}

	/**
	 * Move the cursor past lines claimed when they were appended.
	 */
	void skipClaimedAhead() {
		// delivered ranges merged into the acknowledged offset are behind it now
		this.cursor = Math.max(this.cursor, this.acknowledged);
		boolean moved = true;
		while (moved) {
			moved = false;
			Map.Entry<Long, Long> ahead;
			while ((ahead = this.claimedAhead.firstEntry()) != null && ahead.getKey() <= this.cursor) {
				this.claimedAhead.pollFirstEntry();
				moved |= ahead.getValue() > this.cursor;
				this.cursor = Math.max(this.cursor, ahead.getValue());
			}
			// lines delivered out of order before a restart are not handed out again
			Map.Entry<Long, Long> done = this.delivered.floorEntry(this.cursor);
			if (done != null && done.getKey() == this.cursor && done.getValue() > this.cursor) {
				this.cursor = done.getValue();
				moved = true;
			}
		}
	}

	/**
	 * Whether the line starting at an offset was delivered.
	 * @param offset the start of a line
	 * @return whether delivered
	 */
	boolean isDelivered(long offset) {
		if (offset < this.acknowledged) {
			return true;
		}
		Map.Entry<Long, Long> done = this.delivered.floorEntry(offset);
		return done != null && done.getValue() > offset;
	}

	/**
	 * Return where reading from the cursor must stop: the end, or the next line claimed
	 * ahead.
	 * @return the limit
	 */
	long cursorLimit() {
		long limit = this.end;
		Map.Entry<Long, Long> ahead = this.claimedAhead.firstEntry();
		if (ahead != null) {
			limit = Math.min(limit, ahead.getKey());
		}
		Long done = this.delivered.higherKey(this.cursor);
		return (done != null) ? Math.min(limit, done) : limit;
	}

	/**
	 * Record a delivered range and move the acknowledged offset over every delivered
	 * range it reaches.
	 * @param start the range's first byte
	 * @param rangeEnd the offset after it
	 * @return whether the acknowledged offset moved
	 */
	boolean markDelivered(long start, long rangeEnd) {
		this.delivered.put(start, rangeEnd);
		boolean moved = false;
		Map.Entry<Long, Long> next;
		while ((next = this.delivered.firstEntry()) != null && next.getKey() <= this.acknowledged) {
			this.delivered.pollFirstEntry();
			if (next.getValue() > this.acknowledged) {
				this.acknowledged = next.getValue();
				moved = true;
			}
		}
		return moved;
	}

	/**
	 * Whether every line starting at or before an offset was delivered: delivered ranges
	 * that reach the acknowledged offset are always merged into it.
	 * @param offset the offset
	 * @return whether delivered
	 */
	boolean isDeliveredThrough(long offset) {
		return offset < this.acknowledged;
	}

	@Override
	public String toString() {
		return this.path.toString();
	}

}
