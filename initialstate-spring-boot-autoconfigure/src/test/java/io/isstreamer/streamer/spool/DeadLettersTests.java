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
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static io.isstreamer.streamer.spool.EventBodies.body;
import static io.isstreamer.streamer.spool.EventBodies.values;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Tests for {@link DeadLetters}.
 */
class DeadLettersTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@TempDir
	Path directory;

	@Test
	void refusedEventIsWrittenAsOneJsonLineWithTimeBucketStatusMessageAndTheEventAsSent() throws IOException {
		DeadLetters deadLetters = new DeadLetters(this.directory);
		assertThat(deadLetters.file()).isEqualTo(this.directory.resolve("dead-letters.jsonl"));
		Instant before = Instant.now();
		assertThat(deadLetters.write("key-a", 400, "Bad \"value\"\nsee docs", body("v1"))).isTrue();
		Instant after = Instant.now();
		List<String> lines = Files.readAllLines(deadLetters.file());
		assertThat(lines).hasSize(1);
		assertThat(Files.readString(deadLetters.file())).endsWith("}\n");
		JsonNode line = JSON.readTree(lines.get(0));
		assertThat(line.propertyNames()).containsExactly("time", "bucketKey", "status", "message", "events");
		assertThat(Instant.parse(line.get("time").asString())).isBetween(before, after);
		assertThat(line.get("bucketKey").asString()).isEqualTo("key-a");
		assertThat(line.get("status").asInt()).isEqualTo(400);
		assertThat(line.get("message").asString()).isEqualTo("Bad \"value\"\nsee docs");
		assertThat(line.get("events")).isEqualTo(JSON.readTree(body("v1")));
	}

	@Test
	void eachRefusedEventIsAppendedOnItsOwnLine() throws IOException {
		DeadLetters deadLetters = new DeadLetters(this.directory);
		deadLetters.write("key-a", 400, "first", body("v1"));
		deadLetters.write("key-b", 422, "second", body("v2"));
		deadLetters.write("key-a", 400, "third", body("v3"));
		assertThat(eventValues(deadLetters.file())).containsExactly("v1", "v2", "v3");
	}

	@Test
	void fileIsOwnerOnly() throws IOException {
		assumeTrue(this.directory.getFileSystem().supportedFileAttributeViews().contains("posix"));
		DeadLetters deadLetters = new DeadLetters(this.directory);
		deadLetters.write("key-a", 400, "refused", body("v1"));
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(deadLetters.file())))
			.isEqualTo("rw-------");
	}

	@Test
	void fileIsMovedAsideWhenTheNextLineWouldPassTheBoundAndOnlyOneOldFileIsKept() throws IOException {
		DeadLetters measure = new DeadLetters(this.directory.resolve("measure"), DeadLetters.MAX_BYTES,
				new SpoolFileOperations());
		Files.createDirectories(this.directory.resolve("measure"));
		measure.write("key-a", 400, "refused", body("v0"));
		long line = Files.size(measure.file());
		// Room for two lines whatever the length of the time, not for three
		long maxBytes = 2 * line + 20;
		DeadLetters deadLetters = new DeadLetters(this.directory, maxBytes, new SpoolFileOperations());
		Path previous = this.directory.resolve(DeadLetters.PREVIOUS_FILE_NAME);
		deadLetters.write("key-a", 400, "refused", body("v1"));
		deadLetters.write("key-a", 400, "refused", body("v2"));
		assertThat(previous).doesNotExist();
		deadLetters.write("key-a", 400, "refused", body("v3"));
		assertThat(eventValues(previous)).containsExactly("v1", "v2");
		assertThat(eventValues(deadLetters.file())).containsExactly("v3");
		deadLetters.write("key-a", 400, "refused", body("v4"));
		deadLetters.write("key-a", 400, "refused", body("v5"));
		assertThat(eventValues(previous)).containsExactly("v3", "v4");
		assertThat(eventValues(deadLetters.file())).containsExactly("v5");
		assertThat(Files.size(deadLetters.file())).isLessThanOrEqualTo(maxBytes);
		assertThat(Files.size(previous)).isLessThanOrEqualTo(maxBytes);
		try (Stream<Path> files = Files.list(this.directory)) {
			assertThat(files.map((file) -> file.getFileName().toString())).containsExactlyInAnyOrder("measure",
					DeadLetters.FILE_NAME, DeadLetters.PREVIOUS_FILE_NAME);
		}
	}

	@Test
	void writeThatFailsReturnsFalse() {
		DeadLetters deadLetters = new DeadLetters(this.directory.resolve("missing"));
		assertThat(deadLetters.write("key-a", 400, "refused", body("v1"))).isFalse();
		assertThat(deadLetters.file()).doesNotExist();
	}

	private static List<String> eventValues(Path file) throws IOException {
		List<String> values = new ArrayList<>();
		for (String line : Files.readAllLines(file)) {
			values.addAll(values(JSON.writeValueAsBytes(JSON.readTree(line).get("events"))));
		}
		return values;
	}

}
