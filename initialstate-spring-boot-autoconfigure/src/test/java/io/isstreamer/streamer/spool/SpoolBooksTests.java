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
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import io.isstreamer.streamer.DropReason;
import io.isstreamer.streamer.spool.SpoolBooks.Drop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static io.isstreamer.streamer.spool.EventBodies.body;
import static io.isstreamer.streamer.spool.EventBodies.values;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests that the books of {@link Spool} balance exactly in every scenario that gives
 * events up: what the listener was told was recovered, less what it was told was dropped,
 * is what the spool holds, after every operation ({@link SpoolBooks} checks).
 */
class SpoolBooksTests {

	@TempDir
	Path temp;

	private final SpoolBooks books = new SpoolBooks();

	@AfterEach
	void closeSpool() {
		this.books.close();
	}

	@Test
	void recoveryWithTornAndUnreadableLinesCountsEveryEventFoundAndBalancesWhileDraining() throws IOException {
		open(Spool.DEFAULT_MAX_BYTES, Spool.DEFAULT_SEGMENT_BYTES);
		this.books.append("a", body("a1", "a2"), 2);
		this.books.append("a", body("a3", "a4", "a5"), 3);
		this.books.append("b", body("b1", "b2"), 2);
		this.books.close();
		Files.writeString(segment("a"), "garbage\n", StandardOpenOption.APPEND);
		byte[] b = Files.readAllBytes(segment("b"));
		Files.write(segment("b"), Arrays.copyOf(b, b.length - 2));
		open(Spool.DEFAULT_MAX_BYTES, Spool.DEFAULT_SEGMENT_BYTES);
		assertThat(this.books.recovered()).isEqualTo(5 + 1 + 2);
		assertThat(this.books.drops()).containsExactlyInAnyOrder(new Drop("a", 1, DropReason.SPOOL_CORRUPT),
				new Drop("b", 2, DropReason.SPOOL_CORRUPT));
		assertThat(spool().backlogEvents()).isEqualTo(5);
		drain();
		assertThat(this.books.dropped()).isEqualTo(3);
	}

	@Test
	void lowerSizeBoundAtReopenCountsTheTrimmedEventsOnceAsSpoolFull() throws IOException {
		int line = body("a1").length + 1;
		open(Spool.DEFAULT_MAX_BYTES, line);
		this.books.append("a", body("a1"), 1);
		this.books.append("b", body("b1"), 1);
		this.books.append("a", body("a2"), 1);
		this.books.append("b", body("b2"), 1);
		this.books.append("a", body("a3"), 1);
		this.books.close();
		open(2L * line, line);
		assertThat(this.books.recovered()).isEqualTo(5);
		assertThat(this.books.drops()).containsExactly(new Drop("a", 1, DropReason.SPOOL_FULL),
				new Drop("b", 1, DropReason.SPOOL_FULL), new Drop("a", 1, DropReason.SPOOL_FULL));
		assertThat(spool().backlogEvents()).isEqualTo(2);
		this.books.close();
		open(2L * line, line);
		assertThat(this.books.recovered()).isEqualTo(2);
		assertThat(this.books.drops()).isEmpty();
		this.books.close();
		open(Spool.DEFAULT_MAX_BYTES, line);
		assertThat(this.books.recovered()).isEqualTo(2);
		assertThat(this.books.drops()).isEmpty();
		assertThat(drain()).containsExactly("b2", "a3");
	}

	@Test
	void trimmedFileWithAnUnreadableLineCountsItOnceAsCorruptAndTheRestAsSpoolFull() throws IOException {
		open(Spool.DEFAULT_MAX_BYTES, Spool.DEFAULT_SEGMENT_BYTES);
		this.books.append("a", body("a1"), 1);
		this.books.append("b", body("b1"), 1);
		this.books.close();
		Files.writeString(segment("a"), "[{\"broken\n" + new String(body("a2", "a3")) + "\n",
				StandardOpenOption.APPEND);
		long bSize = Files.size(segment("b"));
		open(bSize, Spool.DEFAULT_SEGMENT_BYTES);
		assertThat(this.books.recovered()).isEqualTo(5);
		assertThat(this.books.drops()).containsExactly(new Drop("a", 1, DropReason.SPOOL_CORRUPT),
				new Drop("a", 3, DropReason.SPOOL_FULL));
		assertThat(drain()).containsExactly("b1");
	}

	@Test
	void sizeBoundDropsWhileClaimsAreOutCountOnlyTheEventsNotOut() throws IOException {
		int line = body("a1").length + 1;
		open(4L * line, line);
		this.books.append("a", body("a1"), 1);
		this.books.append("b", body("b1"), 1);
		this.books.append("a", body("a2"), 1);
		this.books.append("b", body("b2"), 1);
		SpooledBatch a1 = this.books.claim((key) -> true, 1);
		SpooledBatch b1 = this.books.claim((key) -> true, 1);
		// Files without claims out go first
		this.books.append("a", body("a3"), 1);
		this.books.append("b", body("b3"), 1);
		assertThat(this.books.drops()).containsExactly(new Drop("a", 1, DropReason.SPOOL_FULL),
				new Drop("b", 1, DropReason.SPOOL_FULL));
		SpooledBatch a3 = this.books.claim((key) -> true, 1);
		SpooledBatch b3 = this.books.claim((key) -> true, 1);
		assertThat(values(a3.body())).containsExactly("a3");
		assertThat(values(b3.body())).containsExactly("b3");
		// Every file has a claim out: the oldest goes, and nothing is counted dropped
		this.books.append("a", body("a4"), 1);
		assertThat(this.books.drops()).hasSize(2);
		assertThat(this.books.release(a1)).isFalse();
		this.books.acknowledge(b1);
		this.books.acknowledge(a3);
		assertThat(this.books.release(b3)).isTrue();
		assertThat(drain()).containsExactly("b3", "a4");
		assertThat(spool().backlogEvents()).isZero();
		assertThat(spool().claimedEvents()).isZero();
	}

	@Test
	void claimsOutAtCloseAreRecoveredOnceByTheNextRun() throws IOException {
		open(Spool.DEFAULT_MAX_BYTES, Spool.DEFAULT_SEGMENT_BYTES);
		this.books.append("a", body("a1"), 1);
		this.books.append("a", body("a2", "a3"), 2);
		this.books.appendClaimed("a", body("a4"), 1);
		this.books.claim((key) -> true, 1);
		this.books.close();
		open(Spool.DEFAULT_MAX_BYTES, Spool.DEFAULT_SEGMENT_BYTES);
		assertThat(this.books.recovered()).isEqualTo(4);
		assertThat(this.books.drops()).isEmpty();
		assertThat(drain()).containsExactly("a1", "a2", "a3", "a4");
	}

	private void open(long maxBytes, long segmentBytes) throws IOException {
		this.books.open(this.temp.resolve("spool"), maxBytes, segmentBytes, new SpoolFileOperations());
	}

	private Spool spool() {
		return this.books.spool();
	}

	/**
	 * Claim and acknowledge one line at a time until nothing is left.
	 * @return the values of the events delivered
	 */
	private List<String> drain() {
		List<String> delivered = new ArrayList<>();
		SpooledBatch claim;
		while ((claim = this.books.claim((key) -> true, 1)) != null) {
			delivered.addAll(values(claim.body()));
			this.books.acknowledge(claim);
		}
		assertThat(spool().backlogEvents()).isZero();
		return delivered;
	}

	private Path segment(String bucketKey) throws IOException {
		Path bucketDirectory = this.temp.resolve("spool").resolve(SpoolLayout.bucketDirectoryName(bucketKey));
		try (Stream<Path> files = Files.list(bucketDirectory)) {
			return files.filter((file) -> file.getFileName().toString().endsWith(SpoolLayout.SEGMENT_SUFFIX))
				.sorted()
				.reduce((first, second) -> second)
				.orElseThrow();
		}
	}

}
