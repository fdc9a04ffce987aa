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

package io.isstreamer.streamer.transport;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The offline mode's output: rows of {@code epoch,key,value} appended to a CSV file (RFC
 * 4180 quoting), never truncating what earlier runs wrote (ISStreamer truncated it).
 * <p>
 * Hand-written rather than with a CSV library: three columns and one quoting rule do not
 * justify a dependency; the tests read the file back with Apache Commons CSV.
 */
public final class OfflineCsvWriter implements Closeable {

	private final Path file;

	private final BufferedWriter writer;

	/**
	 * Open the file for appending, creating it and its directory if needed.
	 * @param file the file
	 * @throws IOException if it cannot be opened
	 */
	public OfflineCsvWriter(Path file) throws IOException {
		this.file = file;
		Path parent = file.toAbsolutePath().getParent();
		if (parent != null) {
			Files.createDirectories(parent);
		}
		this.writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
				StandardOpenOption.APPEND, StandardOpenOption.WRITE);
	}

	/**
	 * Append one row.
	 * @param epoch the timestamp as decimal seconds
	 * @param key the key
	 * @param value the value as text
	 * @throws IOException if it cannot be written
	 */
	public void write(String epoch, String key, String value) throws IOException {
		this.writer.write(epoch);
		this.writer.write(',');
		writeField(key);
		this.writer.write(',');
		writeField(value);
		this.writer.write("\r\n");
	}

	/**
	 * Push buffered rows to the file.
	 * @throws IOException if they cannot be written
	 */
	public void flush() throws IOException {
		this.writer.flush();
	}

	/**
	 * Return the file.
	 * @return the file
	 */
	public Path file() {
		return this.file;
	}

	@Override
	public void close() throws IOException {
		this.writer.close();
	}

	private void writeField(String field) throws IOException {
		boolean quote = false;
		for (int i = 0; i < field.length() && !quote; i++) {
			char c = field.charAt(i);
			quote = c == ',' || c == '"' || c == '\r' || c == '\n';
		}
		if (!quote) {
			this.writer.write(field);
			return;
		}
		this.writer.write('"');
		this.writer.write(field.replace("\"", "\"\""));
		this.writer.write('"');
	}

}
