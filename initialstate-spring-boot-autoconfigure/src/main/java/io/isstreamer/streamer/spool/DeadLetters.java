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

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;

import io.isstreamer.streamer.support.RateLimitedLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;

/**
 * The file of events the service refused on their own ({@code dead-letters.jsonl} beside
 * the spool): one JSON object per line with the time, the bucket, the service's answer
 * and the event as it was sent, so that someone can see what was wrong and post it again
 * by hand. The file is owner-only and bounded: past its size it is moved to
 * {@code dead-letters.1.jsonl}, replacing the one before. Used by the sender thread only.
 */
public final class DeadLetters {

	/**
	 * Name of the file in the spool directory.
	 */
	public static final String FILE_NAME = "dead-letters.jsonl";

	static final String PREVIOUS_FILE_NAME = "dead-letters.1.jsonl";

	/**
	 * Size past which the file is moved aside.
	 */
	static final long MAX_BYTES = 8L * 1024 * 1024;

	private static final Logger logger = LoggerFactory.getLogger(DeadLetters.class);

	private static final JsonFactory JSON = JsonFactory.builder().build();

	private final Path file;

	private final long maxBytes;

	private final SpoolFileOperations files;

	private final RateLimitedLog warnings = new RateLimitedLog(logger, Duration.ofMinutes(1));

	/**
	 * Create the dead letters of a spool directory.
	 * @param directory the spool directory
	 */
	public DeadLetters(Path directory) {
		this(directory, MAX_BYTES, new SpoolFileOperations());
	}

	DeadLetters(Path directory, long maxBytes, SpoolFileOperations files) {
		this.file = directory.resolve(FILE_NAME);
		this.maxBytes = maxBytes;
		this.files = files;
	}

	/**
	 * Return the file.
	 * @return the path
	 */
	public Path file() {
		return this.file;
	}

	/**
	 * Keep one refused event.
	 * @param bucketKey its bucket
	 * @param status the HTTP status of the refusal
	 * @param message the service's answer
	 * @param event the event as sent: a JSON array holding it
	 * @return whether it was written
	 */
	public boolean write(String bucketKey, int status, String message, byte[] event) {
		byte[] line = line(bucketKey, status, message, event);
		try {
			if (Files.exists(this.file) && Files.size(this.file) + line.length > this.maxBytes) {
				Files.move(this.file, this.file.resolveSibling(PREVIOUS_FILE_NAME),
						StandardCopyOption.REPLACE_EXISTING);
			}
			try (FileChannel channel = this.files.openForAppend(this.file)) {
				ByteBuffer buffer = ByteBuffer.wrap(line);
				while (buffer.hasRemaining()) {
					channel.write(buffer);
				}
			}
			return true;
		}
		catch (IOException ex) {
			this.warnings.warn("Could not write the refused event to {} ({})", this.file, ex.toString());
			return false;
		}
	}

	private static byte[] line(String bucketKey, int status, String message, byte[] event) {
		ByteArrayOutputStream out = new ByteArrayOutputStream(event.length + message.length() + 128);
		try (JsonGenerator generator = JSON.createGenerator(ObjectWriteContext.empty(), out)) {
			generator.writeStartObject();
			generator.writeStringProperty("time", Instant.now().toString());
			generator.writeStringProperty("bucketKey", bucketKey);
			generator.writeNumberProperty("status", status);
			generator.writeStringProperty("message", message);
			generator.writeName("events");
			generator.writeRawValue(new String(event, StandardCharsets.UTF_8));
			generator.writeEndObject();
		}
		out.write('\n');
		return out.toByteArray();
	}

}
