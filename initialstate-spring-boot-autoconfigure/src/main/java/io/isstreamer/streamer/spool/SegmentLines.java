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

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

import org.jspecify.annotations.Nullable;

/**
 * Reads the lines of a segment file with a reused buffer. Not thread-safe: one instance
 * per reading thread.
 */
final class SegmentLines {

	private static final int CHUNK_BYTES = 64 * 1024;

	private final ByteBuffer chunk = ByteBuffer.allocate(CHUNK_BYTES);

	private byte[] line = new byte[CHUNK_BYTES];

	private int length;

	/**
	 * Read lines from an offset to the end of the file.
	 * @param path the file
	 * @param from where to start, the start of a line
	 * @param handler told about each line; returns {@code false} to stop
	 * @throws IOException if the file could not be read
	 */
	void read(Path path, long from, LineHandler handler) throws IOException {
		try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
			long position = from;
			long lineStart = from;
			this.length = 0;
			while (true) {
				this.chunk.clear();
				int read = channel.read(this.chunk, position);
				if (read < 0) {
					break;
				}
				byte[] bytes = this.chunk.array();
				int start = 0;
				for (int i = 0; i < read; i++) {
					if (bytes[i] == '\n') {
						append(bytes, start, i - start);
						long next = position + i + 1;
						if (!handler.line(lineStart, next, this.line, this.length)) {
							return;
						}
						lineStart = next;
						this.length = 0;
						start = i + 1;
					}
				}
				append(bytes, start, read - start);
				position += read;
			}
			if (this.length > 0) {
				handler.tornLine(lineStart, this.line, this.length);
			}
		}
	}

	/**
	 * Read the line that starts at an offset.
	 * @param path the file
	 * @param offset the start of a complete line
	 * @return the line without its line break, or {@code null} if there is no complete
	 * line there
	 * @throws IOException if the file could not be read
	 */
	byte @Nullable [] readLine(Path path, long offset) throws IOException {
		byte[][] found = new byte[1][];
		read(path, offset, (start, next, bytes, length) -> {
			found[0] = Arrays.copyOf(bytes, length);
			return false;
		});
		return found[0];
	}

	private void append(byte[] bytes, int offset, int count) {
		if (this.length + count > this.line.length) {
			this.line = Arrays.copyOf(this.line, Math.max(this.line.length * 2, this.length + count));
		}
		System.arraycopy(bytes, offset, this.line, this.length, count);
		this.length += count;
	}

	/**
	 * Told about the lines of a segment.
	 */
	interface LineHandler {

		/**
		 * A complete line.
		 * @param start the offset of its first byte
		 * @param next the offset after its line break
		 * @param bytes a buffer holding the line (without its line break), reused after
		 * this call
		 * @param length the length of the line
		 * @return whether to read on
		 */
		boolean line(long start, long next, byte[] bytes, int length);

		/**
		 * The end of the file holds a line with no line break (a crash in mid-write).
		 * @param start the offset of its first byte
		 * @param bytes a buffer holding it
		 * @param length its length
		 */
		default void tornLine(long start, byte[] bytes, int length) {
		}

	}

}
