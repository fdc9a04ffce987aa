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

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Set;

/**
 * Reads whole lines of a segment from an offset and packs the events of the readable ones
 * into one JSON array, up to a byte bound, so that a spool written in small lines is
 * still replayed in full bodies. Not thread-safe: one instance per spool.
 */
final class LinePacker {

	private byte[] buffer = new byte[64 * 1024];

	private byte[] packed = new byte[64 * 1024];

	/**
	 * Read the lines from an offset, stopping before a limit and before the lines pass a
	 * byte bound (one line is always read, even a longer one).
	 * @param path the segment file
	 * @param from the start of a line
	 * @param limit the offset to stop at, the end of a line
	 * @param maxBytes the bound on the lines' total size
	 * @param counted the starts of unreadable lines counted already (when the spool was
	 * opened), left out of {@link Packed#lostEvents()}
	 * @return the lines read, never empty
	 * @throws IOException if the file cannot be read or is shorter than the limit
	 */
	Packed read(Path path, long from, long limit, int maxBytes, Set<Long> counted) throws IOException {
		try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
			int window = (int) Math.min(limit - from, (long) maxBytes + 1);
			int read = readFully(channel, from, window);
			Packed result = pack(from, read, maxBytes, counted);
			if (result.lines() == 0) {
				// The first line alone is longer than the bound: read all of it
				int size = read;
				int scanned = 0;
				while (indexOfLineBreak(scanned, size) < 0 && from + size < limit) {
					scanned = size;
					int got = readFully(channel, from + size, (int) Math.min(limit - from - size, 64 * 1024), size);
					if (got <= 0) {
						break;
					}
					size += got;
				}
				// The bound lets the first line in and keeps the lines after it out
				result = pack(from, size, maxBytes, counted);
			}
			if (result.lines() == 0) {
				throw new EOFException(path + " ends before its last line break at " + limit);
			}
			return result;
		}
	}

	private int readFully(FileChannel channel, long position, int length) throws IOException {
		return readFully(channel, position, length, 0);
	}

	/**
	 * Read bytes into the buffer at an index, growing it as needed.
	 * @return how many bytes were read
	 */
	private int readFully(FileChannel channel, long position, int length, int index) throws IOException {
		if (this.buffer.length < index + length) {
			this.buffer = Arrays.copyOf(this.buffer, Math.max(index + length, this.buffer.length * 2));
		}
		ByteBuffer target = ByteBuffer.wrap(this.buffer, index, length);
		while (target.hasRemaining()) {
			if (channel.read(target, position + target.position() - index) < 0) {
				break;
			}
		}
		return target.position() - index;
	}

	private int indexOfLineBreak(int from, int to) {
		for (int i = from; i < to; i++) {
			if (this.buffer[i] == '\n') {
				return i;
			}
		}
		return -1;
	}

	/**
	 * Take whole lines from the start of the buffer while their total size stays within
	 * the bound, and pack the events of the readable ones.
	 */
	private Packed pack(long from, int available, int maxBytes, Set<Long> counted) {
		int lines = 0;
		int lineStart = 0;
		long total = 0;
		int events = 0;
		int size = 0;
		long lastLineStart = from;
		long lostEvents = 0;
		for (int i = 0; i < available; i++) {
			if (this.buffer[i] != '\n') {
				continue;
			}
			int length = i - lineStart;
			if (lines > 0 && total + length > maxBytes) {
				break;
			}
			lines++;
			total += length;
			EventLines.Check check = EventLines.check(this.buffer, lineStart, length);
			if (check.readable()) {
				if (check.events() > 0) {
					size = append(lineStart, length, size, events == 0);
					events += check.events();
					lastLineStart = from + lineStart;
				}
			}
			else if (!counted.contains(from + lineStart)) {
				lostEvents += check.events();
			}
			lineStart = i + 1;
		}
		if (events > 0) {
			ensure(size + 1);
			this.packed[size++] = ']';
		}
		byte[] body = (events > 0) ? Arrays.copyOf(this.packed, size) : new byte[0];
		return new Packed(lines, from + lineStart, body, events, lastLineStart, lostEvents);
	}

	/**
	 * Append the elements of a JSON array line (between its outer brackets) to the packed
	 * body, after a comma or, for the first line, an opening bracket.
	 */
	private int append(int lineStart, int length, int size, boolean first) {
		int open = lineStart;
		while (this.buffer[open] != '[') {
			open++;
		}
		int close = lineStart + length - 1;
		while (this.buffer[close] != ']') {
			close--;
		}
		int elements = close - open - 1;
		ensure(size + elements + 1);
		this.packed[size] = (byte) (first ? '[' : ',');
		System.arraycopy(this.buffer, open + 1, this.packed, size + 1, elements);
		return size + 1 + elements;
	}

	private void ensure(int capacity) {
		if (this.packed.length < capacity) {
			this.packed = Arrays.copyOf(this.packed, Math.max(capacity, this.packed.length * 2));
		}
	}

	/**
	 * Lines read from a segment.
	 *
	 * @param lines how many lines were read
	 * @param end the offset after the last line read
	 * @param body the events of the readable lines, as one JSON array (empty if none)
	 * @param events how many events the body holds
	 * @param lastLineStart where the last line with events starts
	 * @param lostEvents events of the lines that could not be read and were not counted
	 * before
	 */
	record Packed(int lines, long end, byte[] body, int events, long lastLineStart, long lostEvents) {

	}

}
