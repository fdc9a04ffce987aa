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
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import io.isstreamer.streamer.DropReason;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Tests for {@link Spool}.
 */
class SpoolTests {

	private static final int LINE_BYTES = 50;

	@TempDir
	Path temp;

	private Path directory;

	private final List<Long> recovered = new ArrayList<>();

	private final List<Drop> drops = new ArrayList<>();

	private final SpoolListener listener = new SpoolListener() {

		@Override
		public void recovered(long events) {
			SpoolTests.this.recovered.add(events);
		}

		@Override
		public void dropped(String bucketKey, long events, DropReason reason) {
			SpoolTests.this.drops.add(new Drop(bucketKey, events, reason));
		}

	};

	private final FaultyFileOperations files = new FaultyFileOperations();

	private final List<Spool> opened = new ArrayList<>();

	@AfterEach
	void closeSpools() {
		this.opened.forEach(Spool::close);
	}

	@Test
	void appendedBatchIsClaimedWithItsBytesBucketAndEventCount() throws IOException {
		Spool spool = open();
		byte[] body = body("a", "b");
		assertThat(spool.append("key-a", "Bucket A", body, 2)).isEqualTo(new SpoolPosition(1, 0));
		assertThat(spool.backlogEvents()).isEqualTo(2);
		SpooledBatch batch = spool.claim((key) -> true, Integer.MAX_VALUE);
		assertThat(batch).isNotNull();
		assertThat(batch.bucketKey()).isEqualTo("key-a");
		assertThat(batch.bucketName()).isEqualTo("Bucket A");
		assertThat(batch.body()).isEqualTo(body);
		assertThat(batch.eventCount()).isEqualTo(2);
		assertThat(batch.lastLine()).isEqualTo(new SpoolPosition(1, 0));
		assertThat(spool.backlogEvents()).isZero();
		assertThat(spool.claimedEvents()).isEqualTo(2);
		assertThat(spool.sizeBytes()).isEqualTo(body.length + 1);
		assertThat(spool.recoveredEvents()).isZero();
	}

	@Test
	void appendReturnsWhereEachLineStarts() throws IOException {
		Spool spool = open();
		byte[] first = body("a");
		assertThat(spool.append("key-a", "Bucket A", first, 1)).isEqualTo(new SpoolPosition(1, 0));
		assertThat(spool.append("key-a", "Bucket A", body("b"), 1)).isEqualTo(new SpoolPosition(1, first.length + 1));
		assertThat(spool.append("key-b", "Bucket B", body("c"), 1)).isEqualTo(new SpoolPosition(2, 0));
	}

	@Test
	void linesOnDiskAreExactlyTheBatchesEachAJsonArrayEndingWithALineBreak() throws IOException {
		Spool spool = open();
		byte[] first = body("a", "b");
		byte[] second = body("c");
		byte[] third = body("d", "e", "f");
		spool.append("key-a", "Bucket A", first, 2);
		spool.append("key-b", "Bucket B", second, 1);
		spool.append("key-a", "Bucket A", third, 3);
		spool.close();
		List<Path> segments = segmentFiles();
		assertThat(segments).hasSize(2);
		assertThat(Files.readString(segments.get(0))).isEqualTo(line(first) + line(third));
		assertThat(Files.readString(segments.get(1))).isEqualTo(line(second));
		assertThat(linesOnDisk()).containsExactly(text(first), text(third), text(second))
			.allSatisfy((line) -> assertThat(EventLines.check(bytes(line), bytes(line).length).readable()).isTrue());
	}

	@Test
	void batchesLargerThanTheReadBufferAreReadBackWholeBeforeAndAfterARestart() throws IOException {
		Spool spool = open();
		String[] values = new String[3000];
		Arrays.fill(values, "v".repeat(100));
		byte[] large = body(values);
		assertThat(large.length).isGreaterThan(4 * 64 * 1024);
		spool.append("key-a", "Bucket A", large, values.length);
		spool.append("key-a", "Bucket A", body("small"), 1);
		SpooledBatch claimed = spool.claim((key) -> true, 1);
		assertThat(claimed.body()).isEqualTo(large);
		assertThat(claimed.eventCount()).isEqualTo(values.length);
		spool.close();
		Spool reopened = open();
		assertThat(reopened.recoveredEvents()).isEqualTo(values.length + 1);
		assertThat(drain(reopened)).containsExactly(text(large), text(body("small")));
	}

	@Test
	void claimedLinesAreNotHandedOutAgainUntilReleased() throws IOException {
		Spool spool = open();
		spool.append("key-a", "Bucket A", body("a"), 1);
		spool.append("key-a", "Bucket A", body("b"), 1);
		SpooledBatch first = spool.claim((key) -> true, 1);
		SpooledBatch second = spool.claim((key) -> true, 1);
		assertThat(first.body()).isEqualTo(body("a"));
		assertThat(second.body()).isEqualTo(body("b"));
		assertThat(spool.claim((key) -> true, Integer.MAX_VALUE)).isNull();
		assertThat(spool.backlogEvents()).isZero();
		assertThat(spool.claimedEvents()).isEqualTo(2);
		assertThat(spool.release(first)).isTrue();
		assertThat(spool.backlogEvents()).isOne();
		assertThat(spool.claimedEvents()).isOne();
		SpooledBatch again = spool.claim((key) -> true, 1);
		assertThat(again.body()).isEqualTo(body("a"));
		assertThat(spool.claim((key) -> true, Integer.MAX_VALUE)).isNull();
	}

	@Test
	void acknowledgingEveryClaimDeletesTheFilesAndEmptiesTheBacklog() throws IOException {
		Spool spool = open();
		spool.append("key-a", "Bucket A", body("a"), 1);
		spool.append("key-a", "Bucket A", body("b", "c"), 2);
		spool.acknowledge(spool.claim((key) -> true, 1));
		assertThat(segmentFiles()).hasSize(1);
		assertThat(filesNamed(SpoolLayout.ACK_SUFFIX)).hasSize(1);
		spool.acknowledge(spool.claim((key) -> true, 1));
		assertThat(spool.claim((key) -> true, Integer.MAX_VALUE)).isNull();
		assertThat(segmentFiles()).isEmpty();
		assertThat(filesNamed(SpoolLayout.ACK_SUFFIX)).isEmpty();
		assertThat(filesNamed(SpoolLayout.TEMP_SUFFIX)).isEmpty();
		assertThat(spool.backlogEvents()).isZero();
		assertThat(spool.claimedEvents()).isZero();
		assertThat(spool.sizeBytes()).isZero();
	}

	@Test
	void acknowledgingAClaimTwiceChangesNothing() throws IOException {
		Spool spool = open();
		spool.append("key-a", "Bucket A", body("a"), 1);
		spool.append("key-a", "Bucket A", body("b"), 1);
		SpooledBatch first = spool.claim((key) -> true, 1);
		SpooledBatch second = spool.claim((key) -> true, 1);
		spool.acknowledge(first);
		spool.acknowledge(first);
		assertThat(spool.release(first)).isTrue();
		assertThat(spool.claimedEvents()).isOne();
		assertThat(spool.backlogEvents()).isZero();
		spool.acknowledge(second);
		assertThat(spool.claimedEvents()).isZero();
		assertThat(segmentFiles()).isEmpty();
	}

	@Test
	void claimOfAnotherSpoolIsRefused() throws IOException {
		Spool spool = open();
		spool.append("key-a", "Bucket A", body("a"), 1);
		SpooledBatch batch = spool.claim((key) -> true, 1);
		Spool other = Spool.open(this.temp.resolve("other"), Spool.DEFAULT_MAX_BYTES, this.listener);
		this.opened.add(other);
		assertThatIllegalArgumentException().isThrownBy(() -> other.acknowledge(batch));
		assertThatIllegalArgumentException().isThrownBy(() -> other.release(batch));
		assertThat(spool.claimedEvents()).isOne();
	}

	@Test
	void claimsTheOldestLinesFirstAcrossBucketsAndFiles() throws IOException {
		Spool spool = open(Spool.DEFAULT_MAX_BYTES, 1);
		spool.append("key-a", "Bucket A", body("a1"), 1);
		spool.append("key-b", "Bucket B", body("b1"), 1);
		spool.append("key-a", "Bucket A", body("a2"), 1);
		spool.append("key-c", "Bucket C", body("c1"), 1);
		spool.append("key-b", "Bucket B", body("b2"), 1);
		assertThat(segmentFiles()).hasSize(5);
		assertThat(drain(spool)).containsExactly(text(body("a1")), text(body("b1")), text(body("a2")), text(body("c1")),
				text(body("b2")));
	}

	@Test
	void claimNeverPacksLinesOfTwoFilesOrTwoBucketsIntoOneBody() throws IOException {
		Spool spool = open(Spool.DEFAULT_MAX_BYTES, 1);
		spool.append("key-a", "Bucket A", body("a1"), 1);
		spool.append("key-a", "Bucket A", body("a2"), 1);
		spool.append("key-b", "Bucket B", body("b1"), 1);
		assertThat(spool.claim((key) -> true, Integer.MAX_VALUE).body()).isEqualTo(body("a1"));
		assertThat(spool.claim((key) -> true, Integer.MAX_VALUE).body()).isEqualTo(body("a2"));
		assertThat(spool.claim((key) -> true, Integer.MAX_VALUE).body()).isEqualTo(body("b1"));
	}

	@Test
	void claimSealsTheFileBeingAppendedToSoThatNewBatchesGoToANewFile() throws IOException {
		Spool spool = open();
		spool.append("key-a", "Bucket A", body("a1"), 1);
		SpooledBatch first = spool.claim((key) -> true, 1);
		assertThat(spool.append("key-a", "Bucket A", body("a2"), 1)).isEqualTo(new SpoolPosition(2, 0));
		assertThat(segmentFiles()).hasSize(2);
		spool.acknowledge(first);
		assertThat(segmentFiles()).hasSize(1);
		assertThat(drain(spool)).containsExactly(text(body("a2")));
	}

	@Test
	void filterThatExcludesABucketSkipsItsFilesAndClaimsTheNextAllowedLine() throws IOException {
		Spool spool = open(Spool.DEFAULT_MAX_BYTES, 1);
		spool.append("key-a", "Bucket A", body("a1"), 1);
		spool.append("key-b", "Bucket B", body("b1"), 1);
		spool.append("key-a", "Bucket A", body("a2"), 1);
		spool.append("key-b", "Bucket B", body("b2"), 1);
		SpooledBatch batch = spool.claim((key) -> !key.equals("key-a"), Integer.MAX_VALUE);
		assertThat(batch.bucketKey()).isEqualTo("key-b");
		assertThat(batch.body()).isEqualTo(body("b1"));
		spool.acknowledge(batch);
		assertThat(spool.claim((key) -> !key.equals("key-a"), Integer.MAX_VALUE).body()).isEqualTo(body("b2"));
		assertThat(spool.claim((key) -> false, Integer.MAX_VALUE)).isNull();
		assertThat(drain(spool)).containsExactly(text(body("a1")), text(body("a2")));
	}

	@Test
	void reopenedSpoolCountsItsBacklogAsRecoveredAndReplaysAfterTheLastAcknowledgedLine() throws IOException {
		Spool spool = open();
		spool.append("key-a", "Bucket A", body("a1"), 1);
		spool.append("key-a", "Bucket A", body("a2", "a3"), 2);
		spool.append("key-b", "Bucket B", body("b1", "b2", "b3"), 3);
		spool.acknowledge(spool.claim((key) -> true, 1));
		spool.close();
		Spool reopened = open();
		assertThat(this.recovered).containsExactly(0L, 5L);
		assertThat(reopened.recoveredEvents()).isEqualTo(5);
		assertThat(reopened.backlogEvents()).isEqualTo(5);
		SpooledBatch batch = reopened.claim((key) -> true, 1);
		assertThat(batch.bucketName()).isEqualTo("Bucket A");
		assertThat(batch.eventCount()).isEqualTo(2);
		reopened.release(batch);
		assertThat(drain(reopened)).containsExactly(text(body("a2", "a3")), text(body("b1", "b2", "b3")));
		assertThat(this.drops).isEmpty();
	}

	@Test
	void replayPositionIsRecordedAtEachAcknowledgementSoAKilledProcessRepeatsNothingAcknowledged() throws IOException {
		Spool spool = open();
		spool.append("key-a", "Bucket A", body("a1"), 1);
		spool.append("key-a", "Bucket A", body("a2"), 1);
		spool.append("key-a", "Bucket A", body("a3"), 1);
		spool.acknowledge(spool.claim((key) -> true, 1));
		spool.acknowledge(spool.claim((key) -> true, 1));
		assertThat(Files.readString(filesNamed(SpoolLayout.ACK_SUFFIX).get(0)))
			.isEqualTo((2 * (body("a1").length + 1)) + "\n");
		// What a kill -9 leaves: the files as they are, without close()
		Path copy = this.temp.resolve("copy");
		copyWithoutLock(this.directory, copy);
		Spool afterCrash = Spool.open(copy, Spool.DEFAULT_MAX_BYTES, this.listener);
		this.opened.add(afterCrash);
		assertThat(afterCrash.recoveredEvents()).isOne();
		assertThat(drain(afterCrash)).containsExactly(text(body("a3")));
	}

	@Test
	void claimsStillOutWhenTheSpoolClosesAreReplayedByTheNextRun() throws IOException {
		Spool spool = open();
		spool.append("key-a", "Bucket A", body("a1"), 1);
		spool.append("key-a", "Bucket A", body("a2"), 1);
		spool.claim((key) -> true, 1);
		spool.claim((key) -> true, 1);
		spool.close();
		Spool reopened = open();
		assertThat(reopened.recoveredEvents()).isEqualTo(2);
		assertThat(drain(reopened)).containsExactly(text(body("a1")), text(body("a2")));
	}

	@Test
	void newRunNeverAppendsToAFileOfAnEarlierRun() throws IOException {
		Spool spool = open();
		spool.append("key-a", "Bucket A", body("a1"), 1);
		spool.close();
		Path earlier = segmentFiles().get(0);
		String content = Files.readString(earlier);
		Spool reopened = open();
		assertThat(reopened.append("key-a", "Bucket A", body("a2"), 1)).isEqualTo(new SpoolPosition(2, 0));
		assertThat(segmentFiles()).hasSize(2).startsWith(earlier);
		assertThat(Files.readString(earlier)).isEqualTo(content);
		assertThat(drain(reopened)).containsExactly(text(body("a1")), text(body("a2")));
	}

	@Test
	void tornLastLineIsSkippedAndCountedAsCorruptWhileEarlierLinesAreReplayed() throws IOException {
		Spool spool = open();
		spool.append("key-a", "Bucket A", body("a1", "a2"), 2);
		spool.append("key-a", "Bucket A", body("a3", "a4", "a5"), 3);
		spool.close();
		Path segment = segmentFiles().get(0);
		byte[] content = Files.readAllBytes(segment);
		// A crash in mid-write: the last line lost its end, inside its third event
		Files.write(segment, Arrays.copyOf(content, content.length - 5));
		Spool reopened = open();
		assertThat(this.recovered).containsExactly(0L, 5L);
		assertThat(this.drops).containsExactly(new Drop("key-a", 3, DropReason.SPOOL_CORRUPT));
		assertThat(reopened.recoveredEvents()).isEqualTo(2);
		assertThat(reopened.backlogEvents()).isEqualTo(2);
		assertThat(drain(reopened)).containsExactly(text(body("a1", "a2")));
		assertThat(segmentFiles()).isEmpty();
		assertThat(this.drops).hasSize(1);
	}

	@Test
	void fileWithOnlyATornLineIsCountedAndRemovedAtOpen() throws IOException {
		Spool spool = open();
		spool.append("key-a", "Bucket A", body("a1", "a2"), 2);
		spool.close();
		Path segment = segmentFiles().get(0);
		byte[] content = Files.readAllBytes(segment);
		Files.write(segment, Arrays.copyOf(content, content.length - 2));
		Spool reopened = open();
		assertThat(this.recovered).containsExactly(0L, 2L);
		assertThat(this.drops).containsExactly(new Drop("key-a", 2, DropReason.SPOOL_CORRUPT));
		assertThat(reopened.backlogEvents()).isZero();
		assertThat(reopened.sizeBytes()).isZero();
		assertThat(segmentFiles()).isEmpty();
		assertThat(reopened.claim((key) -> true, Integer.MAX_VALUE)).isNull();
	}

	@Test
	void unreadableLinesInTheMiddleAreSkippedAndCountedOncePerLine() throws IOException {
		Spool spool = open();
		spool.append("key-a", "Bucket A", body("a1"), 1);
		spool.close();
		Path segment = segmentFiles().get(0);
		Files.writeString(segment, "not json at all\n{\"key\":\"k\",\"value\":1}\n" + line(body("a2", "a3")),
				StandardOpenOption.APPEND);
		Spool reopened = open();
		assertThat(this.recovered).containsExactly(0L, 5L);
		assertThat(this.drops).containsExactly(new Drop("key-a", 2, DropReason.SPOOL_CORRUPT));
		assertThat(reopened.recoveredEvents()).isEqualTo(3);
		assertThat(drain(reopened)).containsExactly(text(body("a1")), text(body("a2", "a3")));
		assertThat(this.drops).hasSize(1);
	}

	@Test
	void unreadableLinesAreLeftOutOfAPackedBody() throws IOException {
		Spool spool = open();
		spool.append("key-a", "Bucket A", body("a1"), 1);
		spool.close();
		Files.writeString(segmentFiles().get(0), "not json at all\n" + line(body("a2", "a3")),
				StandardOpenOption.APPEND);
		Spool reopened = open();
		SpooledBatch batch = reopened.claim((key) -> true, Integer.MAX_VALUE);
		assertThat(batch.body()).isEqualTo(body("a1", "a2", "a3"));
		assertThat(batch.eventCount()).isEqualTo(3);
		reopened.acknowledge(batch);
		assertThat(segmentFiles()).isEmpty();
		assertThat(this.drops).containsExactly(new Drop("key-a", 1, DropReason.SPOOL_CORRUPT));
	}

	@Test
	void sizeLimitRemovesTheOldestFileAndCountsItsUnacknowledgedEventsAsSpoolFull() throws IOException {
		Spool spool = open(6 * LINE_BYTES, 2 * LINE_BYTES);
		spool.append("key-a", "Bucket A", sized("a1"), 1);
		spool.append("key-a", "Bucket A", sized("a2"), 1);
		spool.append("key-b", "Bucket B", sized("b1"), 1);
		spool.append("key-b", "Bucket B", sized("b2"), 1);
		spool.append("key-a", "Bucket A", sized("a3"), 1);
		spool.append("key-a", "Bucket A", sized("a4"), 1);
		spool.acknowledge(spool.claim((key) -> true, 1));
		assertThat(spool.sizeBytes()).isEqualTo(6 * LINE_BYTES);
		assertThat(this.drops).isEmpty();
		assertThat(spool.append("key-b", "Bucket B", sized("b3"), 1)).isNotNull();
		// The oldest file held a1 (acknowledged) and a2
		assertThat(this.drops).containsExactly(new Drop("key-a", 1, DropReason.SPOOL_FULL));
		assertThat(spool.sizeBytes()).isEqualTo(5 * LINE_BYTES);
		assertThat(sizeOnDisk()).isEqualTo(5 * LINE_BYTES);
		assertThat(spool.backlogEvents()).isEqualTo(5);
		assertThat(drain(spool)).containsExactly(text(sized("b1")), text(sized("b2")), text(sized("a3")),
				text(sized("a4")), text(sized("b3")));
	}

	@Test
	void lowerSizeLimitAtOpenRemovesTheOldestFiles() throws IOException {
		Spool spool = open(Spool.DEFAULT_MAX_BYTES, LINE_BYTES);
		spool.append("key-a", "Bucket A", sized("a1"), 1);
		spool.append("key-a", "Bucket A", sized("a2"), 1);
		spool.append("key-a", "Bucket A", sized("a3"), 1);
		spool.close();
		Spool reopened = open(2 * LINE_BYTES, LINE_BYTES);
		assertThat(this.recovered).containsExactly(0L, 3L);
		assertThat(this.drops).containsExactly(new Drop("key-a", 1, DropReason.SPOOL_FULL));
		assertThat(reopened.sizeBytes()).isEqualTo(2 * LINE_BYTES);
		assertThat(reopened.backlogEvents()).isEqualTo(2);
		assertThat(drain(reopened)).containsExactly(text(sized("a2")), text(sized("a3")));
	}

	@Test
	void batchLargerThanTheSizeLimitIsRefused() throws IOException {
		Spool spool = open(LINE_BYTES - 1, LINE_BYTES);
		assertThat(spool.append("key-a", "Bucket A", sized("a1"), 1)).isNull();
		assertThat(spool.appendClaimed("key-a", "Bucket A", sized("a2"), 1)).isNull();
		assertThat(spool.sizeBytes()).isZero();
		assertThat(spool.backlogEvents()).isZero();
		assertThat(spool.claimedEvents()).isZero();
		assertThat(segmentFiles()).isEmpty();
		assertThat(this.drops).isEmpty();
	}

	@Test
	void batchWithALineBreakOrWithoutEventsIsRefused() throws IOException {
		Spool spool = open();
		assertThat(spool.append("key-a", "Bucket A", bytes("[{\"key\":\"k\",\n\"value\":1}]"), 1)).isNull();
		assertThat(spool.append("key-a", "Bucket A", new byte[0], 0)).isNull();
		assertThat(spool.append("key-a", "Bucket A", body("a"), 0)).isNull();
		assertThat(segmentFiles()).isEmpty();
		assertThat(spool.claim((key) -> true, Integer.MAX_VALUE)).isNull();
	}

	@Test
	void batchIsAppendedFromTheStartOfALargerBuffer() throws IOException {
		Spool spool = open();
		byte[] body = body("a1");
		byte[] buffer = Arrays.copyOf(body, body.length + 10);
		Arrays.fill(buffer, body.length, buffer.length, (byte) '\n');
		assertThat(spool.append("key-a", "Bucket A", buffer, body.length, 1)).isNotNull();
		assertThat(linesOnDisk()).containsExactly(text(body));
	}

	@Test
	void secondOpenOfTheSameDirectoryFailsWhileTheFirstIsOpenAndWorksAfterClose() throws IOException {
		Spool first = open();
		assertThatIOException().isThrownBy(this::open)
			.withMessageContaining(this.directory.toString())
			.withMessageContaining("in use");
		first.close();
		Spool second = open();
		assertThat(second.append("key-a", "Bucket A", body("a1"), 1)).isNotNull();
	}

	@Test
	void directoryAndFilesAreOwnerOnly() throws IOException {
		assumeTrue(this.temp.getFileSystem().supportedFileAttributeViews().contains("posix"));
		Spool spool = open();
		spool.append("key-a", "Bucket A", body("a1"), 1);
		spool.append("key-a", "Bucket A", body("a2"), 1);
		spool.acknowledge(spool.claim((key) -> true, 1));
		assertThat(permissions(this.directory)).isEqualTo("rwx------");
		assertThat(permissions(this.directory.resolve(SpoolLayout.LOCK_FILE))).isEqualTo("rw-------");
		Path bucketDirectory = this.directory.resolve(SpoolLayout.bucketDirectoryName("key-a"));
		assertThat(permissions(bucketDirectory)).isEqualTo("rwx------");
		try (Stream<Path> bucketFiles = Files.list(bucketDirectory)) {
			assertThat(bucketFiles.map((file) -> file.getFileName().toString())).containsExactlyInAnyOrder(
					SpoolLayout.BUCKET_FILE, SpoolLayout.segmentFileName(1), SpoolLayout.ackFileName(1));
		}
		try (Stream<Path> bucketFiles = Files.list(bucketDirectory)) {
			assertThat(bucketFiles)
				.allSatisfy((file) -> assertThat(permissions(file)).as(file.toString()).isEqualTo("rw-------"));
		}
	}

	@Test
	void progressAndBucketFilesAreReplacedDurablyAndLeaveNoTemporaryFile() throws IOException {
		Spool spool = open();
		spool.append("key-a", "Bucket A", body("a1"), 1);
		spool.append("key-a", "Bucket A", body("a2"), 1);
		spool.acknowledge(spool.claim((key) -> true, 1));
		Path bucketDirectory = this.directory.resolve(SpoolLayout.bucketDirectoryName("key-a"));
		assertThat(this.files.durableWrites).containsExactly(bucketDirectory.resolve(SpoolLayout.BUCKET_FILE),
				bucketDirectory.resolve(SpoolLayout.ackFileName(1)));
		assertThat(filesNamed(SpoolLayout.TEMP_SUFFIX)).isEmpty();
		assertThat(SpoolLayout.readBucketFile(Files.readAllBytes(bucketDirectory.resolve(SpoolLayout.BUCKET_FILE))))
			.isEqualTo(new SpoolLayout.BucketIdentity("key-a", "Bucket A"));
	}

	@Test
	void temporaryFileLeftByACrashIsRemovedAtOpenAndTheOldProgressHolds() throws IOException {
		Spool spool = open();
		spool.append("key-a", "Bucket A", body("a1"), 1);
		spool.append("key-a", "Bucket A", body("a2"), 1);
		spool.acknowledge(spool.claim((key) -> true, 1));
		spool.close();
		Path ack = filesNamed(SpoolLayout.ACK_SUFFIX).get(0);
		Path leftOver = ack.resolveSibling(ack.getFileName() + SpoolLayout.TEMP_SUFFIX);
		Files.writeString(leftOver, "99");
		Spool reopened = open();
		assertThat(filesNamed(SpoolLayout.TEMP_SUFFIX)).isEmpty();
		assertThat(drain(reopened)).containsExactly(text(body("a2")));
	}

	@Test
	void failedProgressWriteStillAcknowledgesTheClaimButItsLinesAreReplayedAfterARestart() throws IOException {
		Spool spool = open();
		spool.append("key-a", "Bucket A", body("a1"), 1);
		spool.append("key-a", "Bucket A", body("a2"), 1);
		this.files.failDurableWrites = true;
		spool.acknowledge(spool.claim((key) -> true, 1));
		assertThat(spool.claimedEvents()).isZero();
		assertThat(spool.claim((key) -> true, 1).body()).isEqualTo(body("a2"));
		this.files.failDurableWrites = false;
		spool.close();
		Spool reopened = open();
		assertThat(drain(reopened)).containsExactly(text(body("a1")), text(body("a2")));
	}

	@Test
	void failedWriteReturnsNullLeavesNoTornLineAndLaterAppendsWork() throws IOException {
		Spool spool = open();
		assertThat(spool.append("key-a", "Bucket A", body("a1"), 1)).isNotNull();
		this.files.failWrites = true;
		assertThat(spool.append("key-a", "Bucket A", body("a2", "a3"), 2)).isNull();
		assertThat(spool.appendClaimed("key-a", "Bucket A", body("a2", "a3"), 2)).isNull();
		assertThat(spool.backlogEvents()).isOne();
		assertThat(spool.claimedEvents()).isZero();
		this.files.failWrites = false;
		assertThat(spool.append("key-a", "Bucket A", body("a4"), 1)).isNotNull();
		assertThat(linesOnDisk()).containsExactly(text(body("a1")), text(body("a4")));
		assertThat(sizeOnDisk()).isEqualTo(spool.sizeBytes());
		spool.close();
		Spool reopened = open();
		assertThat(reopened.recoveredEvents()).isEqualTo(2);
		assertThat(drain(reopened)).containsExactly(text(body("a1")), text(body("a4")));
		assertThat(this.drops).isEmpty();
	}

	@Test
	void failedFileCreationReturnsNullAndLaterAppendsWork() throws IOException {
		Spool spool = open();
		this.files.failCreates = true;
		assertThat(spool.append("key-a", "Bucket A", body("a1"), 1)).isNull();
		this.files.failCreates = false;
		assertThat(spool.append("key-a", "Bucket A", body("a2"), 1)).isNotNull();
		assertThat(drain(spool)).containsExactly(text(body("a2")));
	}

	@Test
	void removedBucketDirectoryIsCreatedAgainAndItsLostEventsAreCounted() throws IOException {
		Spool spool = open();
		spool.append("key-a", "Bucket A", body("a1", "a2"), 2);
		deleteRecursively(this.directory.resolve(SpoolLayout.bucketDirectoryName("key-a")));
		assertThat(spool.append("key-a", "Bucket A", body("a3"), 1)).isNotNull();
		assertThat(this.drops).containsExactly(new Drop("key-a", 2, DropReason.SPOOL_CORRUPT));
		assertThat(spool.backlogEvents()).isOne();
		spool.close();
		Spool reopened = open();
		SpooledBatch batch = reopened.claim((key) -> true, 1);
		assertThat(batch.bucketName()).isEqualTo("Bucket A");
		reopened.release(batch);
		assertThat(drain(reopened)).containsExactly(text(body("a3")));
	}

	@Test
	void fileRemovedBehindTheSpoolsBackIsCountedAsCorruptWhenClaimed() throws IOException {
		Spool spool = open(Spool.DEFAULT_MAX_BYTES, 1);
		spool.append("key-a", "Bucket A", body("a1", "a2"), 2);
		spool.append("key-a", "Bucket A", body("a3"), 1);
		Files.delete(segmentFiles().get(0));
		assertThat(spool.claim((key) -> true, Integer.MAX_VALUE).body()).isEqualTo(body("a3"));
		assertThat(this.drops).containsExactly(new Drop("key-a", 2, DropReason.SPOOL_CORRUPT));
		assertThat(spool.backlogEvents()).isZero();
		assertThat(spool.sizeBytes()).isEqualTo(body("a3").length + 1);
	}

	@Test
	void readOnlyDirectoryMakesAppendReturnNullUntilItIsWritableAgain() throws IOException {
		assumeTrue(this.temp.getFileSystem().supportedFileAttributeViews().contains("posix"));
		assumeFalse("root".equals(System.getProperty("user.name")), "root may write to read-only directories");
		Spool spool = open();
		Files.setPosixFilePermissions(this.directory, PosixFilePermissions.fromString("r-x------"));
		try {
			assertThat(spool.append("key-a", "Bucket A", body("a1"), 1)).isNull();
		}
		finally {
			Files.setPosixFilePermissions(this.directory, PosixFilePermissions.fromString("rwx------"));
		}
		assertThat(spool.append("key-a", "Bucket A", body("a2"), 1)).isNotNull();
		assertThat(drain(spool)).containsExactly(text(body("a2")));
	}

	@Test
	void bucketKeyWithUnsafeCharactersGetsASafeDirectoryAndIsKeptAcrossARestart() throws IOException {
		String key = "../a/b\\c*d e?<>|\u0001";
		Spool spool = open();
		spool.append(key, "Bücket ünsafe", body("a1"), 1);
		spool.append("Key", "Upper", body("u1"), 1);
		spool.append("key", "Lower", body("l1"), 1);
		spool.close();
		try (Stream<Path> entries = Files.list(this.directory)) {
			assertThat(entries.filter(Files::isDirectory).map((path) -> path.getFileName().toString())).hasSize(3)
				.allMatch((name) -> name.matches("[A-Za-z0-9_][A-Za-z0-9_-]*-[0-9a-f]{32}"));
		}
		Spool reopened = open();
		SpooledBatch batch = reopened.claim((bucketKey) -> true, Integer.MAX_VALUE);
		assertThat(batch.bucketKey()).isEqualTo(key);
		assertThat(batch.bucketName()).isEqualTo("Bücket ünsafe");
		reopened.acknowledge(batch);
		assertThat(reopened.claim((bucketKey) -> true, Integer.MAX_VALUE).bucketName()).isEqualTo("Upper");
		assertThat(reopened.claim((bucketKey) -> true, Integer.MAX_VALUE).bucketName()).isEqualTo("Lower");
	}

	@Test
	void latestBucketNameIsReplayed() throws IOException {
		Spool spool = open();
		spool.append("key-a", "Old name", body("a1"), 1);
		spool.append("key-a", "New name", body("a2"), 1);
		assertThat(spool.claim((key) -> true, 1).bucketName()).isEqualTo("New name");
		spool.close();
		assertThat(open().claim((key) -> true, 1).bucketName()).isEqualTo("New name");
	}

	@Test
	void closeTwiceIsFineAndAClosedSpoolRefusesBatches() throws IOException {
		Spool spool = open();
		spool.append("key-a", "Bucket A", body("a1"), 1);
		spool.close();
		spool.close();
		assertThat(spool.append("key-a", "Bucket A", body("a2"), 1)).isNull();
		assertThat(spool.appendClaimed("key-a", "Bucket A", body("a3"), 1)).isNull();
		assertThat(spool.claim((key) -> true, Integer.MAX_VALUE)).isNull();
		assertThat(linesOnDisk()).containsExactly(text(body("a1")));
	}

	@Test
	void boundsMustBePositive() {
		Path directory = this.temp.resolve("spool");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> Spool.open(directory, 0, this.listener, 1, new SpoolFileOperations()));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> Spool.open(directory, 1, this.listener, 0, new SpoolFileOperations()));
	}

	private Spool open() throws IOException {
		return open(Spool.DEFAULT_MAX_BYTES, Spool.DEFAULT_SEGMENT_BYTES);
	}

	private Spool open(long maxBytes, long segmentBytes) throws IOException {
		this.directory = this.temp.resolve("spool");
		Spool spool = Spool.open(this.directory, maxBytes, this.listener, segmentBytes, this.files);
		this.opened.add(spool);
		return spool;
	}

	/**
	 * Claim and acknowledge every line, one at a time.
	 * @param spool the spool
	 * @return the lines
	 */
	private List<String> drain(Spool spool) {
		List<String> bodies = new ArrayList<>();
		SpooledBatch batch;
		while ((batch = spool.claim((key) -> true, 1)) != null) {
			bodies.add(new String(batch.body(), StandardCharsets.UTF_8));
			spool.acknowledge(batch);
		}
		return bodies;
	}

	private List<Path> segmentFiles() throws IOException {
		return filesNamed(SpoolLayout.SEGMENT_SUFFIX);
	}

	private List<Path> filesNamed(String suffix) throws IOException {
		if (!Files.exists(this.directory)) {
			return List.of();
		}
		try (Stream<Path> files = Files.walk(this.directory)) {
			return files.filter((path) -> path.getFileName().toString().endsWith(suffix))
				.sorted(Comparator.comparing(Path::getFileName))
				.toList();
		}
	}

	private List<String> linesOnDisk() throws IOException {
		List<String> lines = new ArrayList<>();
		for (Path segment : segmentFiles()) {
			String content = Files.readString(segment);
			assertThat(content).endsWith("\n");
			lines.addAll(content.lines().toList());
		}
		return lines;
	}

	private long sizeOnDisk() throws IOException {
		long size = 0;
		for (Path segment : segmentFiles()) {
			size += Files.size(segment);
		}
		return size;
	}

	private static String permissions(Path path) {
		try {
			return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static void copyWithoutLock(Path from, Path to) throws IOException {
		try (Stream<Path> files = Files.walk(from)) {
			for (Path file : files.toList()) {
				if (!file.getFileName().toString().equals(SpoolLayout.LOCK_FILE)) {
					Files.copy(file, to.resolve(from.relativize(file).toString()));
				}
			}
		}
	}

	private static void deleteRecursively(Path directory) throws IOException {
		try (Stream<Path> files = Files.walk(directory)) {
			for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
				Files.delete(file);
			}
		}
	}

	private static byte[] body(String... values) {
		StringBuilder json = new StringBuilder("[");
		for (String value : values) {
			json.append((json.length() > 1) ? "," : "");
			json.append("{\"key\":\"k\",\"value\":\"").append(value).append("\",\"epoch\":1700000000.000001}");
		}
		return bytes(json.append(']').toString());
	}

	/**
	 * Return a batch of one event whose line (with its line break) is
	 * {@value #LINE_BYTES} bytes.
	 * @param value the value of the event
	 * @return the batch
	 */
	private static byte[] sized(String value) {
		String start = "[{\"key\":\"k\",\"value\":\"" + value;
		String end = "\",\"epoch\":1}]";
		return bytes(start + "x".repeat(LINE_BYTES - 1 - start.length() - end.length()) + end);
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	private static String text(byte[] bytes) {
		return new String(bytes, StandardCharsets.UTF_8);
	}

	private static String line(byte[] body) {
		return text(body) + "\n";
	}

	record Drop(String bucketKey, long events, DropReason reason) {

	}

	/**
	 * File operations that fail on demand, as a full disk would, and record the files
	 * replaced durably.
	 */
	static class FaultyFileOperations extends SpoolFileOperations {

		final List<Path> durableWrites = new ArrayList<>();

		volatile boolean failWrites;

		volatile boolean failCreates;

		volatile boolean failDurableWrites;

		@Override
		void writeDurably(Path target, byte[] content) throws IOException {
			if (this.failDurableWrites) {
				throw new IOException("No space left on device");
			}
			super.writeDurably(target, content);
			this.durableWrites.add(target);
		}

		@Override
		long write(FileChannel channel, ByteBuffer[] sources) throws IOException {
			if (this.failWrites) {
				// Half the line reaches the file before the device is full
				ByteBuffer half = sources[0].duplicate();
				half.limit(half.position() + half.remaining() / 2);
				channel.write(half);
				throw new IOException("No space left on device");
			}
			return super.write(channel, sources);
		}

		@Override
		FileChannel createSegment(Path path) throws IOException {
			if (this.failCreates) {
				throw new FileSystemException(path.toString(), null, "No space left on device");
			}
			return super.createSegment(path);
		}

	}

}
