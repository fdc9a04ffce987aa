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
		SpooledBatch batch = this.spool.claim((key) -> true, Integer.MAX_VALUE);
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
		breakAfterThirdEventOfSecondLine();
		int replayed = 0;
		SpooledBatch batch;
		while ((batch = this.spool.claim((key) -> true, 1)) != null) {
			replayed += batch.eventCount();
			this.spool.acknowledge(batch);
		}
		assertThat(replayed).isEqualTo(14);
		assertThat(this.corrupt.stream().mapToLong(Long::longValue).sum()).isEqualTo(7);
		assertThat(this.spool.backlogEvents()).isZero();
	}

	@Test
	void damagedLineInsideAPackedClaimIsLeftOutOfTheBodyAndCountedOnceTheClaimIsAcknowledged() throws IOException {
		open();
		this.spool.append("b", "B", body(5), 5);
		this.spool.append("b", "B", body(7), 7);
		this.spool.append("b", "B", body(9), 9);
		cutClosingBracketOfSecondLine();
		SpooledBatch batch = this.spool.claim((key) -> true, Integer.MAX_VALUE);
		assertThat(batch.eventCount()).isEqualTo(14);
		assertThat(new String(batch.body(), StandardCharsets.UTF_8))
			.isEqualTo(new String(body(5), StandardCharsets.UTF_8).replace("]", ",")
					+ new String(body(9), StandardCharsets.UTF_8).substring(1));
		assertThat(this.spool.claimedEvents()).isEqualTo(14);
		this.spool.acknowledge(batch);
		assertThat(this.corrupt).containsExactly(7L);
		assertThat(this.spool.backlogEvents()).isZero();
		assertThat(this.spool.sizeBytes()).isZero();
	}

	@Test
	void damagedLineInsideAReleasedClaimIsCountedOnceWhateverHowOftenItIsClaimed() throws IOException {
		open();
		this.spool.append("b", "B", body(5), 5);
		this.spool.append("b", "B", body(7), 7);
		this.spool.append("b", "B", body(9), 9);
		cutClosingBracketOfSecondLine();
		SpooledBatch first = this.spool.claim((key) -> true, Integer.MAX_VALUE);
		assertThat(this.spool.release(first)).isTrue();
		SpooledBatch again = this.spool.claim((key) -> true, Integer.MAX_VALUE);
		assertThat(again.body()).isEqualTo(first.body());
		assertThat(this.spool.claimedEvents()).isEqualTo(14);
		assertThat(this.spool.backlogEvents()).isNotNegative();
		this.spool.acknowledge(again);
		assertThat(this.corrupt).containsExactly(7L);
		assertThat(this.spool.backlogEvents()).isZero();
	}

	@Test
	void lineDamagedAfterItWasClaimedAndReleasedIsCountedWhenItIsDone() throws IOException {
		open();
		this.spool.append("b", "B", body(5), 5);
		this.spool.append("b", "B", body(7), 7);
		this.spool.append("b", "B", body(9), 9);
		SpooledBatch first = this.spool.claim((key) -> true, Integer.MAX_VALUE);
		assertThat(first.eventCount()).isEqualTo(21);
		this.spool.release(first);
		cutClosingBracketOfSecondLine();
		SpooledBatch again = this.spool.claim((key) -> true, Integer.MAX_VALUE);
		assertThat(again.eventCount()).isEqualTo(14);
		this.spool.append("b", "B", body(3), 3);
		this.spool.acknowledge(again);
		assertThat(this.corrupt).containsExactly(7L);
		assertThat(this.spool.backlogEvents()).isEqualTo(3);
	}

	@Test
	void lineOfAFileFoundAtOpenDamagedAfterwardsIsCountedWhenItIsSkipped() throws IOException {
		open();
		this.spool.append("b", "B", body(5), 5);
		this.spool.append("b", "B", body(7), 7);
		this.spool.append("b", "B", body(9), 9);
		this.spool.close();
		open();
		assertThat(this.spool.recoveredEvents()).isEqualTo(21);
		cutClosingBracketOfSecondLine();
		SpooledBatch first = this.spool.claim((key) -> true, 1);
		SpooledBatch third = this.spool.claim((key) -> true, 1);
		assertThat(third.eventCount()).isEqualTo(9);
		this.spool.acknowledge(first);
		this.spool.release(third);
		// The durable offset passed the damaged line: it is counted now or never
		assertThat(this.corrupt).containsExactly(7L);
		assertThat(this.spool.backlogEvents()).isEqualTo(9);
		this.spool.close();
		open();
		assertThat(this.spool.recoveredEvents()).isEqualTo(9);
		assertThat(this.corrupt).containsExactly(7L);
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
		SpooledBatch outForReplay = this.spool.claim((key) -> true, Integer.MAX_VALUE);
		assertThat(outForReplay.eventCount()).isEqualTo(5);
		this.spool.append("b", "B", body(5), 5);
		assertThat(this.corrupt).containsExactly(5L);
		this.spool.acknowledge(outForReplay);
		assertThat(this.spool.backlogEvents()).isEqualTo(10);
		assertThat(this.spool.claimedEvents()).isZero();
	}

	private Spool open() throws IOException {
		this.spool = Spool.open(this.directory.resolve("spool"), Spool.DEFAULT_MAX_BYTES,
				(bucketKey, events, reason) -> {
					assertThat(reason).isEqualTo(DropReason.SPOOL_CORRUPT);
					this.corrupt.add(events);
				});
		return this.spool;
	}

	private void breakAfterThirdEventOfSecondLine() throws IOException {
		// The line reads as three events that began: four more are found lost only when
		// the file is done
		overwriteInSecondLine(3 * event(0).length() + 1, "}");
	}

	private void cutClosingBracketOfSecondLine() throws IOException {
		// Every event of the line began: all seven are counted lost when it is read
		overwriteInSecondLine(body(7).length - 1, " ");
	}

	private void overwriteInSecondLine(int index, String replacement) throws IOException {
		Path segment;
		try (Stream<Path> files = Files.walk(this.directory)) {
			segment = files.filter((file) -> file.toString().endsWith(SpoolLayout.SEGMENT_SUFFIX))
				.findFirst()
				.orElseThrow();
		}
		int second = Files.readString(segment).indexOf('\n') + 1;
		try (FileChannel channel = FileChannel.open(segment, StandardOpenOption.WRITE)) {
			channel.write(ByteBuffer.wrap(replacement.getBytes(StandardCharsets.UTF_8)), second + index);
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
