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

package io.isstreamer.streamer;

import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Offline mode: a CSV file any CSV reader can read back, appended to, never truncated.
 */
class OfflineModeTests {

	@TempDir
	Path directory;

	@Test
	void csvRoundTripsThroughACsvParser() throws Exception {
		Path file = this.directory.resolve("out.csv");
		try (Streamer streamer = Streamer.builder().offline(true).offlineFile(file).build()) {
			streamer.log("plain", "hello", 1_700_000_000.25);
			streamer.log("comma, key", "a,b", 1_700_000_001.0);
			streamer.log("quote", "say \"hi\"", 1_700_000_002.0);
			streamer.log("lines", "one\ntwo\r\nthree", 1_700_000_003.0);
			streamer.log("number", 42.5, 1_700_000_004.0);
			streamer.log("flag", true, 1_700_000_005.0);
			assertThat(streamer.flush()).isTrue();
			assertThat(streamer.stats().serviceStatus()).isEqualTo(ServiceStatus.OFFLINE);
			assertThat(read(file)).containsExactly(List.of("1700000000.250000", "plain", "hello"),
					List.of("1700000001.000000", "comma, key", "a,b"),
					List.of("1700000002.000000", "quote", "say \"hi\""),
					List.of("1700000003.000000", "lines", "one\ntwo\r\nthree"),
					List.of("1700000004.000000", "number", "42.5"), List.of("1700000005.000000", "flag", "true"));
		}
	}

	@Test
	void offlineNeedsNoAccessKeyAndAppendsAcrossRuns() throws Exception {
		Path file = this.directory.resolve("runs.csv");
		try (Streamer first = Streamer.builder().offline(true).offlineFile(file).build()) {
			first.log("run", 1, 1_700_000_000.0);
		}
		try (Streamer second = Streamer.builder().offline(true).offlineFile(file).build()) {
			second.log("run", 2, 1_700_000_001.0);
		}
		assertThat(read(file)).extracting((row) -> row.get(2)).containsExactly("1", "2");
	}

	private static List<List<String>> read(Path file) throws Exception {
		try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
			return CSVFormat.RFC4180.parse(reader).getRecords().stream().map(CSVRecord::toList).toList();
		}
	}

}
