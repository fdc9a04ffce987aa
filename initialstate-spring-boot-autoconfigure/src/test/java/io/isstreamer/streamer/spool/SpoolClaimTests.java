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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.isstreamer.streamer.DropReason;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static io.isstreamer.streamer.spool.EventBodies.body;
import static io.isstreamer.streamer.spool.EventBodies.values;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the claims of {@link Spool}: packing, several claims out at once, release,
 * acknowledgement in any order, write-ahead lines and the progress queries. Every
 * operation goes through {@link SpoolBooks}, which checks the books after it.
 */
class SpoolClaimTests {

	private static final int ALL = Integer.MAX_VALUE;

	@TempDir
	Path temp;

	private final SpoolBooks books = new SpoolBooks();

	@AfterEach
	void closeSpool() {
		this.books.close();
	}

	@Test
	void claimPacksConsecutiveLinesIntoOneJsonArrayOfTheirEventsInOrder() throws IOException {
		open();
		this.books.append("a", body("a1"), 1);
		this.books.append("a", body("a2", "a3"), 2);
		this.books.append("a", body("a4"), 1);
		SpoolPosition last = this.books.append("a", body("a5", "a6", "a7"), 3);
		SpooledBatch claim = this.books.claim((key) -> true, ALL);
		assertThat(values(claim.body())).containsExactly("a1", "a2", "a3", "a4", "a5", "a6", "a7");
		assertThat(claim.body()).isEqualTo(body("a1", "a2", "a3", "a4", "a5", "a6", "a7"));
		assertThat(claim.eventCount()).isEqualTo(7);
		assertThat(claim.lastLine()).isEqualTo(last);
		assertThat(this.books.claim((key) -> true, ALL)).isNull();
	}

	@Test
	void claimPacksLinesUpToMaxBytesAndNeverPastIt() throws IOException {
		List<List<String>> lines = new ArrayList<>();
		int allLinesBytes = 0;
		for (int i = 0; i < 20; i++) {
			List<String> values = new ArrayList<>();
			for (int event = 0; event <= i % 3; event++) {
				values.add("v" + i + "-" + event + "x".repeat((i * 7) % 23));
			}
			lines.add(values);
			allLinesBytes += body(values).length + 1;
		}
		for (int maxBytes = 1; maxBytes <= allLinesBytes + 1; maxBytes += 29) {
			this.books.open(this.temp.resolve("spool-" + maxBytes), Spool.DEFAULT_MAX_BYTES,
					Spool.DEFAULT_SEGMENT_BYTES, new SpoolFileOperations());
			for (List<String> line : lines) {
				this.books.append("a", body(line), line.size());
			}
			int next = 0;
			SpooledBatch claim;
			while ((claim = this.books.claim((key) -> true, maxBytes)) != null) {
				List<String> claimed = values(claim.body());
				int packed = wholeLinesFrom(lines, next, claimed);
				assertThat(claim.eventCount()).isEqualTo(claimed.size());
				if (claim.body().length > maxBytes) {
					assertThat(packed).as("lines in a body longer than %d bytes", maxBytes).isOne();
				}
				assertThat(packed).as("lines packed from line %d within %d bytes", next, maxBytes)
					.isGreaterThanOrEqualTo(linesFitting(lines, next, maxBytes));
				this.books.acknowledge(claim);
				next += packed;
			}
			assertThat(next).isEqualTo(lines.size());
		}
		assertThat(this.books.claim((key) -> true, allLinesBytes)).isNull();
		this.books.open(this.temp.resolve("spool-all"), Spool.DEFAULT_MAX_BYTES, Spool.DEFAULT_SEGMENT_BYTES,
				new SpoolFileOperations());
		for (List<String> line : lines) {
			this.books.append("a", body(line), line.size());
		}
		assertThat(values(this.books.claim((key) -> true, allLinesBytes).body()))
			.isEqualTo(lines.stream().flatMap(List::stream).toList());
	}

	@Test
	void claimWithABoundOfOneByteClaimsExactlyOneLine() throws IOException {
		open();
		this.books.append("a", body("a1"), 1);
		this.books.append("a", body("a2", "a3"), 2);
		this.books.append("a", body("a4"), 1);
		assertThat(values(this.books.claim((key) -> true, 1).body())).containsExactly("a1");
		assertThat(values(this.books.claim((key) -> true, 1).body())).containsExactly("a2", "a3");
		assertThat(values(this.books.claim((key) -> true, 1).body())).containsExactly("a4");
		assertThat(this.books.claim((key) -> true, 1)).isNull();
	}

	@Test
	void lineLongerThanTheBoundIsClaimedAloneAndTheLinesAroundItArePacked() throws IOException {
		open();
		byte[] small = body("s1");
		int bound = 3 * small.length;
		String large = "L".repeat(5 * bound);
		this.books.append("a", body("s1"), 1);
		this.books.append("a", body(large), 1);
		this.books.append("a", body("s2"), 1);
		this.books.append("a", body("s3"), 1);
		assertThat(values(this.books.claim((key) -> true, bound).body())).containsExactly("s1");
		SpooledBatch alone = this.books.claim((key) -> true, bound);
		assertThat(alone.body()).isEqualTo(body(large));
		assertThat(values(this.books.claim((key) -> true, bound).body())).containsExactly("s2", "s3");
	}

	@Test
	void severalClaimsFromOneBucketAreOutAtOnceEachWithTheNextLines() throws IOException {
		open();
		for (int i = 1; i <= 4; i++) {
			this.books.append("a", body("a" + i), 1);
		}
		List<SpooledBatch> claims = new ArrayList<>();
		for (int i = 1; i <= 4; i++) {
			SpooledBatch claim = this.books.claim((key) -> true, 1);
			assertThat(values(claim.body())).containsExactly("a" + i);
			claims.add(claim);
		}
		assertThat(this.books.claim((key) -> true, ALL)).isNull();
		assertThat(spool().claimedEvents()).isEqualTo(4);
		assertThat(spool().backlogEvents()).isZero();
		this.books.acknowledge(claims.get(2));
		this.books.acknowledge(claims.get(0));
		this.books.acknowledge(claims.get(3));
		assertThat(segmentFiles()).hasSize(1);
		this.books.acknowledge(claims.get(1));
		assertThat(segmentFiles()).isEmpty();
		assertThat(spool().claimedEvents()).isZero();
		assertThat(spool().sizeBytes()).isZero();
	}

	@Test
	void releasedLinesAreClaimedAgainBeforeLinesNotHandedOutYet() throws IOException {
		open();
		for (int i = 1; i <= 4; i++) {
			this.books.append("a", body("a" + i), 1);
		}
		SpooledBatch first = this.books.claim((key) -> true, 1);
		SpooledBatch second = this.books.claim((key) -> true, 1);
		assertThat(this.books.release(second)).isTrue();
		assertThat(spool().backlogEvents()).isEqualTo(3);
		assertThat(values(this.books.claim((key) -> true, 1).body())).containsExactly("a2");
		assertThat(this.books.release(first)).isTrue();
		assertThat(values(this.books.claim((key) -> true, 1).body())).containsExactly("a1");
		assertThat(values(this.books.claim((key) -> true, 1).body())).containsExactly("a3");
	}

	@Test
	void releasedPackedClaimIsHandedOutAgainWithinANewBound() throws IOException {
		open();
		for (int i = 1; i <= 4; i++) {
			this.books.append("a", body("a" + i), 1);
		}
		SpooledBatch packed = this.books.claim((key) -> true, ALL);
		assertThat(packed.eventCount()).isEqualTo(4);
		this.books.release(packed);
		assertThat(values(this.books.claim((key) -> true, 1).body())).containsExactly("a1");
		assertThat(values(this.books.claim((key) -> true, 1).body())).containsExactly("a2");
		assertThat(values(this.books.claim((key) -> true, ALL).body())).containsExactly("a3", "a4");
		assertThat(this.books.claim((key) -> true, ALL)).isNull();
	}

	@Test
	void acknowledgementOutOfOrderIsRecordedOnDiskSoARestartReplaysOnlyWhatWasNotDelivered() throws IOException {
		open();
		SpoolPosition first = this.books.append("a", body("a1"), 1);
		SpoolPosition second = this.books.append("a", body("a2"), 1);
		this.books.append("a", body("a3"), 1);
		SpooledBatch claim1 = this.books.claim((key) -> true, 1);
		SpooledBatch claim2 = this.books.claim((key) -> true, 1);
		this.books.acknowledge(claim2);
		// Kept for this run: the acknowledged lines are not handed out again
		SpooledBatch rest = this.books.claim((key) -> true, ALL);
		assertThat(values(rest.body())).containsExactly("a3");
		this.books.release(rest);
		assertThat(spool().isDeliveredThrough("a", first)).isFalse();
		assertThat(spool().isDeliveredThrough("a", second)).isFalse();
		// The durable offset cannot move past the first claim's line, but the range
		// delivered beyond it is recorded too
		assertThat(Files.readString(filesNamed(SpoolLayout.ACK_SUFFIX).get(0)))
			.isEqualTo("0\n" + second.offset() + " " + (second.offset() + body("a2").length + 1) + "\n");
		reopen();
		assertThat(values(this.books.claim((key) -> true, ALL).body())).containsExactly("a1");
		assertThat(values(this.books.claim((key) -> true, ALL).body())).containsExactly("a3");
	}

	@Test
	void acknowledgementOutOfOrderMovesTheDurableOffsetOnceTheGapIsFilled() throws IOException {
		open();
		SpoolPosition first = this.books.append("a", body("a1"), 1);
		SpoolPosition second = this.books.append("a", body("a2"), 1);
		SpoolPosition third = this.books.append("a", body("a3"), 1);
		SpooledBatch claim1 = this.books.claim((key) -> true, 1);
		SpooledBatch claim2 = this.books.claim((key) -> true, 1);
		this.books.acknowledge(claim2);
		this.books.acknowledge(claim1);
		assertThat(spool().isDeliveredThrough("a", first)).isTrue();
		assertThat(spool().isDeliveredThrough("a", second)).isTrue();
		assertThat(spool().isDeliveredThrough("a", third)).isFalse();
		assertThat(Files.readString(filesNamed(SpoolLayout.ACK_SUFFIX).get(0))).isEqualTo(third.offset() + "\n");
		reopen();
		assertThat(values(this.books.claim((key) -> true, ALL).body())).containsExactly("a3");
	}

	@Test
	void appendClaimedLineIsSkippedByClaimAndAcknowledgedLikeAClaim() throws IOException {
		open();
		this.books.append("a", body("a1"), 1);
		SpooledBatch ahead = this.books.appendClaimed("a", body("w1", "w2"), 2);
		this.books.append("a", body("a2"), 1);
		assertThat(ahead.body()).isEqualTo(body("w1", "w2"));
		assertThat(ahead.eventCount()).isEqualTo(2);
		assertThat(ahead.bucketKey()).isEqualTo("a");
		assertThat(ahead.lastLine()).isEqualTo(new SpoolPosition(1, body("a1").length + 1));
		assertThat(spool().claimedEvents()).isEqualTo(2);
		assertThat(spool().backlogEvents()).isEqualTo(2);
		SpooledBatch before = this.books.claim((key) -> true, ALL);
		assertThat(values(before.body())).containsExactly("a1");
		SpooledBatch after = this.books.claim((key) -> true, ALL);
		assertThat(values(after.body())).containsExactly("a2");
		assertThat(this.books.claim((key) -> true, ALL)).isNull();
		this.books.acknowledge(before);
		this.books.acknowledge(after);
		assertThat(segmentFiles()).hasSize(1);
		this.books.acknowledge(ahead);
		assertThat(segmentFiles()).isEmpty();
		assertThat(spool().claimedEvents()).isZero();
		assertThat(spool().backlogEvents()).isZero();
	}

	@Test
	void releasedAppendClaimedLineIsClaimedLikeAnyOther() throws IOException {
		open();
		SpooledBatch ahead = this.books.appendClaimed("a", body("w1"), 1);
		assertThat(this.books.claim((key) -> true, ALL)).isNull();
		assertThat(this.books.release(ahead)).isTrue();
		assertThat(spool().backlogEvents()).isOne();
		assertThat(spool().claimedEvents()).isZero();
		SpooledBatch again = this.books.claim((key) -> true, ALL);
		assertThat(again.body()).isEqualTo(body("w1"));
		this.books.acknowledge(again);
		assertThat(segmentFiles()).isEmpty();
	}

	@Test
	void appendClaimedLinesAreReplayedAfterARestartUnlessAcknowledged() throws IOException {
		open();
		SpooledBatch first = this.books.appendClaimed("a", body("w1"), 1);
		this.books.appendClaimed("a", body("w2"), 1);
		this.books.acknowledge(first);
		reopen();
		assertThat(this.books.recovered()).isOne();
		assertThat(values(this.books.claim((key) -> true, ALL).body())).containsExactly("w2");
	}

	@Test
	void acknowledgedAppendClaimedLinesLeaveNoFileOnceTheSpoolCloses() throws IOException {
		open();
		this.books.acknowledge(this.books.appendClaimed("a", body("w1"), 1));
		this.books.acknowledge(this.books.appendClaimed("a", body("w2"), 1));
		this.books.close();
		assertThat(segmentFiles()).isEmpty();
		reopen();
		assertThat(this.books.recovered()).isZero();
	}

	@Test
	void claimWhoseFileWasRemovedToMakeRoomCanBeAcknowledgedHarmlesslyButNotReleased() throws IOException {
		byte[] line = body("a1");
		open(3L * (line.length + 1), 1);
		this.books.append("a", body("a1"), 1);
		this.books.append("a", body("a2"), 1);
		this.books.append("a", body("a3"), 1);
		SpooledBatch claim1 = this.books.claim((key) -> true, 1);
		SpooledBatch claim2 = this.books.claim((key) -> true, 1);
		SpooledBatch claim3 = this.books.claim((key) -> true, 1);
		// Every file has a claim out: the oldest goes, and its events are with the caller
		this.books.append("a", body("a4"), 1);
		assertThat(this.books.drops()).isEmpty();
		assertThat(segmentFiles()).hasSize(3);
		long size = spool().sizeBytes();
		this.books.acknowledge(claim1);
		assertThat(spool().sizeBytes()).isEqualTo(size);
		assertThat(segmentFiles()).hasSize(3);
		assertThat(filesNamed(SpoolLayout.ACK_SUFFIX)).isEmpty();
		this.books.append("a", body("a5"), 1);
		// Now a file without claims out is spared: the file of a4 goes
		assertThat(this.books.drops()).containsExactly(new SpoolBooks.Drop("a", 1, DropReason.SPOOL_FULL));
		this.books.claim((key) -> true, 1);
		this.books.append("a", body("a6"), 1);
		assertThat(this.books.release(claim2)).isFalse();
		assertThat(spool().claimedEvents()).isEqualTo(2);
		assertThat(this.books.release(claim3)).isTrue();
		assertThat(values(this.books.claim((key) -> true, 1).body())).containsExactly("a3");
	}

	@Test
	void isDeliveredThroughIsTrueOnlyOnceEveryLineOfTheBucketUpToThePositionWasDelivered() throws IOException {
		open();
		SpoolPosition a1 = this.books.append("a", body("a1"), 1);
		SpoolPosition b1 = this.books.append("b", body("b1"), 1);
		SpoolPosition a2 = this.books.append("a", body("a2"), 1);
		SpooledBatch claimA1 = this.books.claim("a"::equals, 1);
		// The claim sealed the first file of bucket a: a3 goes to a new one
		SpoolPosition a3 = this.books.append("a", body("a3"), 1);
		assertThat(a3.segment()).isGreaterThan(a1.segment());
		assertThat(spool().isDeliveredThrough("a", a1)).isFalse();
		this.books.acknowledge(claimA1);
		assertThat(spool().isDeliveredThrough("a", a1)).isTrue();
		assertThat(spool().isDeliveredThrough("a", a2)).isFalse();
		assertThat(spool().isDeliveredThrough("a", a3)).isFalse();
		assertThat(spool().isDeliveredThrough("b", b1)).isFalse();
		this.books.acknowledge(this.books.claim("a"::equals, 1));
		assertThat(spool().isDeliveredThrough("a", a2)).isTrue();
		assertThat(spool().isDeliveredThrough("a", a3)).isFalse();
		this.books.acknowledge(this.books.claim("a"::equals, 1));
		assertThat(spool().isDeliveredThrough("a", a3)).isTrue();
		assertThat(spool().isDeliveredThrough("b", b1)).isFalse();
		this.books.release(this.books.claim("b"::equals, 1));
		assertThat(spool().isDeliveredThrough("b", b1)).isFalse();
	}

	@Test
	void isDeliveredThroughIsTrueForLinesGivenUpToMakeRoom() throws IOException {
		byte[] line = body("a1");
		open(2L * (line.length + 1), 1);
		SpoolPosition a1 = this.books.append("a", body("a1"), 1);
		SpoolPosition a2 = this.books.append("a", body("a2"), 1);
		this.books.append("a", body("a3"), 1);
		assertThat(this.books.drops()).containsExactly(new SpoolBooks.Drop("a", 1, DropReason.SPOOL_FULL));
		assertThat(spool().isDeliveredThrough("a", a1)).isTrue();
		assertThat(spool().isDeliveredThrough("a", a2)).isFalse();
	}

	@Test
	void lastLineTellsWhereTheLatestLineOfEachBucketStartsAcrossARestart() throws IOException {
		open();
		assertThat(spool().lastLine("a")).isNull();
		assertThat(spool().lastLines()).isEmpty();
		this.books.append("a", body("a1"), 1);
		SpoolPosition b1 = this.books.append("b", body("b1"), 1);
		SpoolPosition a2 = this.books.append("a", body("a2"), 1);
		assertThat(spool().lastLine("a")).isEqualTo(a2);
		assertThat(spool().lastLine("b")).isEqualTo(b1);
		assertThat(spool().lastLine("c")).isNull();
		assertThat(spool().lastLines()).containsExactlyInAnyOrderEntriesOf(Map.of("a", a2, "b", b1));
		SpooledBatch packed = this.books.claim("a"::equals, ALL);
		assertThat(packed.lastLine()).isEqualTo(a2);
		SpooledBatch ahead = this.books.appendClaimed("a", body("w1"), 1);
		assertThat(spool().lastLine("a")).isEqualTo(ahead.lastLine());
		this.books.acknowledge(packed);
		SpoolPosition latest = ahead.lastLine();
		reopen();
		assertThat(spool().lastLine("a")).isEqualTo(latest);
		assertThat(spool().lastLines()).containsExactlyInAnyOrderEntriesOf(Map.of("a", latest, "b", b1));
		this.books.acknowledge(this.books.claim("a"::equals, ALL));
		assertThat(spool().lastLine("a")).isNull();
		assertThat(spool().lastLines()).containsOnlyKeys("b");
	}

	private void open() throws IOException {
		open(Spool.DEFAULT_MAX_BYTES, Spool.DEFAULT_SEGMENT_BYTES);
	}

	private void open(long maxBytes, long segmentBytes) throws IOException {
		this.books.open(directory(), maxBytes, segmentBytes, new SpoolFileOperations());
	}

	private void reopen() throws IOException {
		this.books.close();
		open();
	}

	private Spool spool() {
		return this.books.spool();
	}

	private Path directory() {
		return this.temp.resolve("spool");
	}

	/**
	 * Return how many whole lines, from a given one, make up the values of a claim.
	 */
	private static int wholeLinesFrom(List<List<String>> lines, int first, List<String> claimed) {
		List<String> expected = new ArrayList<>();
		int count = 0;
		while (expected.size() < claimed.size() && first + count < lines.size()) {
			expected.addAll(lines.get(first + count));
			count++;
		}
		assertThat(claimed).as("claimed from line %d", first).isEqualTo(expected);
		return count;
	}

	/**
	 * Return how many lines, from a given one, fit in a bound even with their line breaks
	 * counted: a packer must take at least these.
	 */
	private static int linesFitting(List<List<String>> lines, int first, int maxBytes) {
		int count = 0;
		long bytes = 0;
		while (first + count < lines.size()) {
			bytes += body(lines.get(first + count)).length + 1;
			if (bytes > maxBytes) {
				break;
			}
			count++;
		}
		return count;
	}

	private List<Path> segmentFiles() throws IOException {
		return filesNamed(SpoolLayout.SEGMENT_SUFFIX);
	}

	private List<Path> filesNamed(String suffix) throws IOException {
		if (!Files.exists(directory())) {
			return List.of();
		}
		try (Stream<Path> files = Files.walk(directory())) {
			return files.filter((path) -> path.getFileName().toString().endsWith(suffix)).sorted().toList();
		}
	}

}
