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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import io.isstreamer.streamer.DropReason;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Faults found by the fault suite in what the spool reads back: every line it wrote can
 * be replayed, and a line damaged after it was written is counted exactly once.
 */
@Timeout(30)
class SpoolReadBackTests {

	@TempDir
	Path directory;

	private final List<Long> corrupt = new ArrayList<>();

	private Spool spool;

	@AfterEach
	void closeSpool() {
		if (this.spool != null) {
			this.spool.close();
		}
	}

	@Test
	void lineWithANumberLongerThanJacksonsDefaultLimitIsReplayed() throws IOException {
		String number = "1." + "2".repeat(1500);
		byte[] body = ("[{\"key\":\"k\",\"value\":" + number + ",\"epoch\":1.000000}]")
			.getBytes(StandardCharsets.UTF_8);
		open().append("b", "B", body, 1);
		SpooledBatch batch = this.spool.peek((key) -> true);
		assertThat(batch).isNotNull();
		assertThat(batch.body()).isEqualTo(body);
		assertThat(this.corrupt).isEmpty();
	}

	@Test
	void lineDamagedAfterItWasWrittenInThisRunIsCountedExactlyOnceAndLeavesTheBacklog() throws IOException {
		open();
		this.spool.append("b", "B", body(5), 5);
		this.spool.append("b", "B", body(7), 7);
		this.spool.append("b", "B", body(9), 9);
		assertThat(this.spool.backlogEvents()).isEqualTo(21);
		damageSecondLine();
		int replayed = 0;
		SpooledBatch batch;
		while ((batch = this.spool.peek((key) -> true)) != null) {
			replayed += batch.eventCount();
			this.spool.acknowledge(batch);
		}
		assertThat(replayed).isEqualTo(14);
		assertThat(this.corrupt.stream().mapToLong(Long::longValue).sum()).isEqualTo(7);
		assertThat(this.spool.backlogEvents()).isZero();
	}

	@Test
	void sizeLimitSparesTheFileWhoseLineIsOutForReplayAndCountsEachEventOnce() throws IOException {
		int lineBytes = body(5).length + 1;
		this.spool = Spool.open(this.directory.resolve("spool"), 3L * lineBytes, (bucketKey, events, reason) -> {
			assertThat(reason).isEqualTo(DropReason.SPOOL_FULL);
			this.corrupt.add(events);
		}, lineBytes, new SpoolFileOperations());
		this.spool.append("b", "B", body(5), 5);
		this.spool.append("b", "B", body(5), 5);
		this.spool.append("b", "B", body(5), 5);
		SpooledBatch outForReplay = this.spool.peek((key) -> true);
		this.spool.append("b", "B", body(5), 5);
		assertThat(this.corrupt).containsExactly(5L);
		this.spool.acknowledge(outForReplay);
		assertThat(this.spool.backlogEvents()).isEqualTo(10);
	}

	private Spool open() throws IOException {
		this.spool = Spool.open(this.directory.resolve("spool"), Spool.DEFAULT_MAX_BYTES,
				(bucketKey, events, reason) -> {
					assertThat(reason).isEqualTo(DropReason.SPOOL_CORRUPT);
					this.corrupt.add(events);
				});
		return this.spool;
	}

	private void damageSecondLine() throws IOException {
		Path segment;
		try (Stream<Path> files = Files.walk(this.directory)) {
			segment = files.filter((file) -> file.toString().endsWith(SpoolLayout.SEGMENT_SUFFIX))
				.findFirst()
				.orElseThrow();
		}
		int second = Files.readString(segment).indexOf('\n') + 1;
		try (FileChannel channel = FileChannel.open(segment, StandardOpenOption.WRITE)) {
			// break the array after its third event: the line reads as three events that
			// began
			channel.write(ByteBuffer.wrap("}".getBytes(StandardCharsets.UTF_8)), second + 3 * event(0).length() + 1);
		}
	}

	private static byte[] body(int events) {
		StringBuilder body = new StringBuilder("[");
		for (int i = 0; i < events; i++) {
			body.append((i > 0) ? "," : "").append(event(i));
		}
		return body.append("]").toString().getBytes(StandardCharsets.UTF_8);
	}

	private static String event(int i) {
		return "{\"key\":\"k\",\"value\":" + i + ",\"epoch\":1.000000}";
	}

}
