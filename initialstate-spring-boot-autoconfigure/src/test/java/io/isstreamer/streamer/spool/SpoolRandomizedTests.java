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
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Stream;

import ch.qos.logback.classic.Level;
import io.isstreamer.streamer.DropReason;
import ch.qos.logback.classic.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import static io.isstreamer.streamer.spool.EventBodies.body;
import static io.isstreamer.streamer.spool.EventBodies.values;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random operations on a {@link Spool} checked against a model of its lines: appends,
 * write-ahead appends, claims of any size, acknowledgements in any order, releases, lines
 * damaged on disk, torn last lines, and restarts with a smaller size bound. After every
 * operation the books balance ({@link SpoolBooks}); a line is handed out only whole, once
 * at a time, never again once delivered unless a restart found it after the durable
 * offset; a line's file goes while the line waits only with a drop counted; and a restart
 * recovers exactly the lines after each file's durable offset.
 * <p>
 * The seed is fixed and printed in any failure; {@code -Dspool.seed=...} runs another.
 */
class SpoolRandomizedTests {

	private static final long SEED = Long.getLong("spool.seed", 20261130L);

	private static final int OPERATIONS = 4000;

	private static final List<String> BUCKETS = List.of("a", "b", "c");

	@TempDir
	Path temp;

	private final SpoolBooks books = new SpoolBooks();

	private final Random random = new Random(SEED);

	private final List<Line> lines = new ArrayList<>();

	private final Map<String, Line> lineByEvent = new HashMap<>();

	/**
	 * Lines by segment, then by offset.
	 */
	private final TreeMap<Long, TreeMap<Long, Line>> segments = new TreeMap<>();

	/**
	 * Segments whose file was there after the last operation.
	 */
	private final Set<Long> liveSegments = new LinkedHashSet<>();

	private final Map<SpooledBatch, List<Line>> outstanding = new IdentityHashMap<>();

	private final Map<String, Integer> operationCounts = new TreeMap<>();

	private int nextEvent;

	private int step;

	private String operation = "open";

	private Level spoolLogLevel;

	@BeforeEach
	void quietSpoolLogs() {
		// Each restart and damaged line is worth a warning in production, not here
		Logger logger = (Logger) LoggerFactory.getLogger(Spool.class.getPackageName());
		this.spoolLogLevel = logger.getLevel();
		logger.setLevel(Level.ERROR);
	}

	@AfterEach
	void restoreSpoolLogs() {
		((Logger) LoggerFactory.getLogger(Spool.class.getPackageName())).setLevel(this.spoolLogLevel);
		this.books.close();
	}

	@Test
	void randomOperationsKeepTheBooksAndTheReplayPromises() throws IOException {
		try {
			run();
		}
		catch (AssertionError | RuntimeException | IOException ex) {
			throw new AssertionError("Seed " + SEED + " (run again with -Dspool.seed=" + SEED + "), step " + this.step
					+ " (" + this.operation + "): " + ex.getMessage(), ex);
		}
		assertThat(this.operationCounts).as("operations done")
			.containsKeys("append", "appendClaimed", "claim", "acknowledge", "release", "release (file removed)",
					"corrupt", "tear", "reopen", "size bound drop");
	}

	private void run() throws IOException {
		open(randomMaxBytes());
		for (this.step = 0; this.step < OPERATIONS; this.step++) {
			int dice = this.random.nextInt(100);
			if (dice < 28) {
				append();
			}
			else if (dice < 38) {
				appendClaimed();
			}
			else if (dice < 63) {
				claim();
			}
			else if (dice < 78) {
				acknowledge();
			}
			else if (dice < 92) {
				release();
			}
			else if (dice < 96) {
				corrupt();
			}
			else {
				reopen();
			}
			assertThat(spool().claimedEvents()).as("claimed events")
				.isEqualTo(this.outstanding.values()
					.stream()
					.flatMap(List::stream)
					.mapToLong((line) -> line.events.size())
					.sum());
		}
		for (SpooledBatch claim : claimsInOrder()) {
			track("drain", () -> acknowledge(claim));
		}
		boolean drained = false;
		while (!drained) {
			int maxBytes = 1 + this.random.nextInt(2000);
			SpooledBatch[] claim = new SpooledBatch[1];
			track("drain", () -> claim[0] = checkedClaim((key) -> true, maxBytes));
			if (claim[0] != null) {
				track("drain", () -> acknowledge(claim[0]));
			}
			drained = claim[0] == null;
		}
		assertThat(spool().backlogEvents()).as("backlog after draining").isZero();
		assertThat(spool().claimedEvents()).as("claimed events after draining").isZero();
		this.books.close();
		assertThat(checkFilesGone()).as("waiting lines whose file went at close").isEmpty();
		assertThat(filesNamed(SpoolLayout.SEGMENT_SUFFIX)).as("files left after draining").isEmpty();
		for (Line line : this.lines) {
			assertThat(line.delivered || line.corrupt || line.gone)
				.as("line %s was delivered, damaged or counted dropped", line)
				.isTrue();
		}
	}

	private void append() throws IOException {
		List<String> events = newEvents();
		String bucket = randomBucket();
		byte[] body = body(events);
		track("append", () -> {
			SpoolPosition position = this.books.append(bucket, body, events.size());
			if (position != null) {
				add(new Line(bucket, events, body, position));
			}
		});
	}

	private void appendClaimed() throws IOException {
		List<String> events = newEvents();
		String bucket = randomBucket();
		byte[] body = body(events);
		track("appendClaimed", () -> {
			SpooledBatch claim = this.books.appendClaimed(bucket, body, events.size());
			if (claim != null) {
				assertThat(claim.body()).isEqualTo(body);
				assertThat(claim.bucketKey()).isEqualTo(bucket);
				Line line = new Line(bucket, events, body, claim.lastLine());
				add(line);
				line.claimed = true;
				this.outstanding.put(claim, List.of(line));
			}
		});
	}

	private void claim() throws IOException {
		Predicate<String> filter = switch (this.random.nextInt(4)) {
			case 0 -> randomBucket()::equals;
			case 1 -> {
				String excluded = randomBucket();
				yield (key) -> !key.equals(excluded);
			}
			default -> (key) -> true;
		};
		int maxBytes = switch (this.random.nextInt(5)) {
			case 0 -> 1;
			case 1 -> Integer.MAX_VALUE;
			default -> 1 + this.random.nextInt(1500);
		};
		track("claim", () -> checkedClaim(filter, maxBytes));
	}

	private SpooledBatch checkedClaim(Predicate<String> filter, int maxBytes) throws IOException {
		SpooledBatch claim = this.books.claim(filter, maxBytes);
		if (claim == null) {
			for (long sequence : this.liveSegments) {
				if (Files.exists(segmentPath(sequence))) {
					for (Line line : this.segments.get(sequence).values()) {
						assertThat(line.isWaiting() && filter.test(line.bucket))
							.as("no claim while line %s waits", line)
							.isFalse();
					}
				}
			}
			return null;
		}
		List<String> events = values(claim.body());
		assertThat(claim.eventCount()).isEqualTo(events.size());
		List<Line> lines = new ArrayList<>();
		for (int i = 0; i < events.size(); i += lines.get(lines.size() - 1).events.size()) {
			Line line = this.lineByEvent.get(events.get(i));
			assertThat(line).as("line of event %s", events.get(i)).isNotNull();
			assertThat(events.subList(i, Math.min(events.size(), i + line.events.size())))
				.as("events of whole line %s", line)
				.isEqualTo(line.events);
			assertThat(line.isWaiting()).as("claimed line %s waits", line).isTrue();
			lines.add(line);
		}
		Line first = lines.get(0);
		Line last = lines.get(lines.size() - 1);
		assertThat(claim.bucketKey()).isEqualTo(first.bucket);
		assertThat(filter.test(first.bucket)).as("filter allows bucket %s", first.bucket).isTrue();
		assertThat(claim.lastLine()).isEqualTo(last.position);
		if (lines.size() > 1) {
			assertThat(claim.body().length).as("body of %d lines within %d bytes", lines.size(), maxBytes)
				.isLessThanOrEqualTo(maxBytes);
		}
		Set<Line> claimed = Set.copyOf(lines);
		Map<Long, Line> between = this.segments.get(first.position.segment())
			.subMap(first.position.offset(), true, last.position.offset(), true);
		for (Line line : between.values()) {
			assertThat(claimed.contains(line) || line.corrupt).as("line %s inside the claim", line).isTrue();
		}
		assertThat(between.values().stream().filter(claimed::contains).toList()).as("lines in file order")
			.isEqualTo(lines);
		lines.forEach((line) -> line.claimed = true);
		this.outstanding.put(claim, lines);
		return claim;
	}

	private void acknowledge() throws IOException {
		SpooledBatch claim = randomClaim();
		if (claim != null) {
			track("acknowledge", () -> acknowledge(claim));
		}
	}

	private void acknowledge(SpooledBatch claim) {
		this.books.acknowledge(claim);
		this.outstanding.remove(claim).forEach(Line::deliver);
	}

	private void release() throws IOException {
		SpooledBatch claim = randomClaim();
		if (claim != null) {
			List<Line> lines = this.outstanding.remove(claim);
			boolean fileThere = Files.exists(segmentPath(lines.get(0).position.segment()));
			track(fileThere ? "release" : "release (file removed)", () -> {
				boolean released = this.books.release(claim);
				assertThat(released).as("released while its file is there").isEqualTo(fileThere);
				for (Line line : lines) {
					if (released) {
						line.claimed = false;
					}
					else {
						// The caller holds the only copy and sends it
						line.deliver();
					}
				}
			});
		}
	}

	private void corrupt() throws IOException {
		List<Line> candidates = waitingLines();
		if (candidates.isEmpty()) {
			return;
		}
		Line line = candidates.get(this.random.nextInt(candidates.size()));
		track("corrupt", () -> {
			// Every event of the line began before the damage: all of them are counted
			overwrite(segmentPath(line.position.segment()), line.position.offset() + line.body.length - 1, " ");
			line.corrupt = true;
		});
	}

	private void reopen() throws IOException {
		this.operation = "reopen";
		for (SpooledBatch claim : claimsInOrder()) {
			if (this.random.nextBoolean()) {
				acknowledge(claim);
			}
			else {
				List<Line> lines = this.outstanding.remove(claim);
				if (this.books.release(claim)) {
					lines.forEach((line) -> line.claimed = false);
				}
				else {
					lines.forEach(Line::deliver);
				}
			}
		}
		long carried = spool().backlogEvents();
		this.books.close();
		assertThat(checkFilesGone()).as("waiting lines whose file went at close").isEmpty();
		if (this.random.nextInt(3) == 0) {
			tear();
		}
		long expectedRecovered = 0;
		long waiting = 0;
		long damagedAfterOffset = 0;
		long deliveredAfterOffset = 0;
		for (long sequence : this.liveSegments) {
			SpoolLayout.Acknowledged record = acknowledgedRecord(sequence);
			long acknowledged = record.offset();
			long contiguous = 0;
			for (Line line : this.segments.get(sequence).values()) {
				boolean recorded = line.position.offset() < acknowledged
						|| isIn(record.delivered(), line.position.offset());
				if (recorded) {
					assertThat(line.delivered || line.corrupt)
						.as("line %s recorded as delivered (offset %d, ranges %s) was delivered", line, acknowledged,
								record.delivered())
						.isTrue();
				}
				if (line.delivered && line.position.offset() == contiguous) {
					contiguous = line.end();
				}
				if (!recorded) {
					expectedRecovered += line.events.size();
					if (line.isWaiting()) {
						waiting += line.events.size();
					}
					else if (line.corrupt) {
						damagedAfterOffset += line.events.size();
					}
					else {
						deliveredAfterOffset += line.events.size();
						// Found again: a new copy to deliver
						line.delivered = false;
					}
				}
			}
			assertThat(acknowledged).as("durable offset of segment %d covers its delivered lines", sequence)
				.isGreaterThanOrEqualTo(contiguous);
		}
		assertThat(carried).as("backlog carried to the next run").isBetween(waiting, waiting + damagedAfterOffset);
		track("reopen", () -> open(randomMaxBytes()));
		assertThat(this.books.recovered()).as("events recovered").isEqualTo(expectedRecovered);
		assertThat(this.books.recovered() - carried).as("delivered events found again after a restart")
			.isBetween(deliveredAfterOffset, deliveredAfterOffset + damagedAfterOffset);
	}

	/**
	 * Cut the end of the last line of a file, as a crash in mid-write would.
	 */
	private void tear() throws IOException {
		for (long sequence : this.liveSegments) {
			Line last = this.segments.get(sequence).lastEntry().getValue();
			Path path = segmentPath(sequence);
			if (last.isWaiting() && Files.size(path) == last.end()) {
				try (FileChannel channel = FileChannel.open(path, StandardOpenOption.WRITE)) {
					// Without "]\n": every event of the line began
					channel.truncate(last.end() - 2);
				}
				last.corrupt = true;
				count("tear");
				return;
			}
		}
	}

	private void open(long maxBytes) throws IOException {
		long segmentBytes = 200 + this.random.nextInt(3000);
		this.books.open(this.temp.resolve("spool"), maxBytes, segmentBytes, new SpoolFileOperations());
	}

	private long randomMaxBytes() {
		return switch (this.random.nextInt(4)) {
			case 0 -> Spool.DEFAULT_MAX_BYTES;
			// Room for a few lines only: files with claims out go too
			case 1 -> 600 + this.random.nextInt(1500);
			default -> 2000 + this.random.nextInt(20_000);
		};
	}

	/**
	 * Run an operation and check that a file went while a line in it waited only with a
	 * drop counted for its bucket.
	 */
	private void track(String name, Operation operation) throws IOException {
		this.operation = name;
		int dropsBefore = this.books.allDrops().size();
		operation.run();
		count(name);
		Map<String, Long> gone = checkFilesGone();
		Map<String, Long> dropped = new HashMap<>();
		List<SpoolBooks.Drop> drops = this.books.allDrops();
		for (SpoolBooks.Drop drop : drops.subList(dropsBefore, drops.size())) {
			dropped.merge(drop.bucketKey(), drop.events(), Long::sum);
			if (drop.reason() == DropReason.SPOOL_FULL) {
				count("size bound drop");
			}
		}
		gone.forEach((bucket, events) -> assertThat(dropped.getOrDefault(bucket, 0L))
			.as("drops counted for bucket %s whose waiting lines went", bucket)
			.isGreaterThanOrEqualTo(events));
	}

	/**
	 * Find the files removed since the last check and mark their waiting lines gone.
	 * @return the events of the waiting lines that went, by bucket
	 */
	private Map<String, Long> checkFilesGone() {
		Map<String, Long> gone = new HashMap<>();
		for (long sequence : new ArrayList<>(this.liveSegments)) {
			if (!Files.exists(segmentPath(sequence))) {
				this.liveSegments.remove(sequence);
				for (Line line : this.segments.get(sequence).values()) {
					if (line.isWaiting()) {
						line.gone = true;
						gone.merge(line.bucket, (long) line.events.size(), Long::sum);
					}
				}
			}
		}
		return gone;
	}

	private SpoolLayout.Acknowledged acknowledgedRecord(long sequence) throws IOException {
		Line any = this.segments.get(sequence).firstEntry().getValue();
		Path ack = this.temp.resolve("spool")
			.resolve(SpoolLayout.bucketDirectoryName(any.bucket))
			.resolve(SpoolLayout.ackFileName(sequence));
		try {
			SpoolLayout.Acknowledged record = SpoolLayout.readAckFile(Files.readAllBytes(ack));
			assertThat(record).as("readable ack file %s", ack).isNotNull();
			return record;
		}
		catch (NoSuchFileException ex) {
			return new SpoolLayout.Acknowledged(0, new TreeMap<>());
		}
	}

	private static boolean isIn(TreeMap<Long, Long> ranges, long offset) {
		Map.Entry<Long, Long> range = ranges.floorEntry(offset);
		return range != null && range.getValue() > offset;
	}

	private void add(Line line) {
		long sequence = line.position.segment();
		if (!this.liveSegments.contains(sequence)) {
			// A new run numbers its files on from the last file left, so the number of a
			// file removed before a restart comes again
			this.segments.remove(sequence);
		}
		TreeMap<Long, Line> segment = this.segments.computeIfAbsent(sequence, (key) -> new TreeMap<>());
		this.lines.add(line);
		assertThat(segment.put(line.position.offset(), line)).as("line at %s", line.position).isNull();
		this.liveSegments.add(sequence);
		line.events.forEach((event) -> this.lineByEvent.put(event, line));
	}

	private List<String> newEvents() {
		int count = 1 + this.random.nextInt(4);
		List<String> events = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			events.add("e" + this.nextEvent++ + "-" + "x".repeat(this.random.nextInt(60)));
		}
		return events;
	}

	private String randomBucket() {
		return BUCKETS.get(this.random.nextInt(BUCKETS.size()));
	}

	private SpooledBatch randomClaim() {
		List<SpooledBatch> claims = claimsInOrder();
		return claims.isEmpty() ? null : claims.get(this.random.nextInt(claims.size()));
	}

	/**
	 * Return the claims out, in an order that does not depend on identity hash codes, so
	 * that a seed replays the same run.
	 */
	private List<SpooledBatch> claimsInOrder() {
		List<SpooledBatch> claims = new ArrayList<>(this.outstanding.keySet());
		claims.sort((left, right) -> left.lastLine().compareTo(right.lastLine()));
		return claims;
	}

	private List<Line> waitingLines() {
		List<Line> waiting = new ArrayList<>();
		for (long sequence : this.liveSegments) {
			this.segments.get(sequence).values().stream().filter(Line::isWaiting).forEach(waiting::add);
		}
		return waiting;
	}

	private Path segmentPath(long sequence) {
		Line any = this.segments.get(sequence).firstEntry().getValue();
		return this.temp.resolve("spool")
			.resolve(SpoolLayout.bucketDirectoryName(any.bucket))
			.resolve(SpoolLayout.segmentFileName(sequence));
	}

	private List<Path> filesNamed(String suffix) throws IOException {
		try (Stream<Path> files = Files.walk(this.temp.resolve("spool"))) {
			return files.filter((path) -> path.getFileName().toString().endsWith(suffix)).toList();
		}
	}

	private void count(String name) {
		this.operationCounts.merge(name, 1, Integer::sum);
	}

	private Spool spool() {
		return this.books.spool();
	}

	private static void overwrite(Path path, long position, String replacement) throws IOException {
		try (FileChannel channel = FileChannel.open(path, StandardOpenOption.WRITE)) {
			channel.write(ByteBuffer.wrap(replacement.getBytes(StandardCharsets.UTF_8)), position);
		}
	}

	@FunctionalInterface
	private interface Operation {

		void run() throws IOException;

	}

	/**
	 * A line appended to the spool, as the model knows it.
	 */
	private static final class Line {

		final String bucket;

		final List<String> events;

		final byte[] body;

		final SpoolPosition position;

		/**
		 * Out in a claim now.
		 */
		boolean claimed;

		/**
		 * Delivered since it was last found by a restart.
		 */
		boolean delivered;

		/**
		 * Damaged on disk: never readable again.
		 */
		boolean corrupt;

		/**
		 * Its file went while it waited.
		 */
		boolean gone;

		Line(String bucket, List<String> events, byte[] body, SpoolPosition position) {
			this.bucket = bucket;
			this.events = events;
			this.body = body;
			this.position = position;
		}

		boolean isWaiting() {
			return !this.claimed && !this.delivered && !this.corrupt && !this.gone;
		}

		void deliver() {
			this.claimed = false;
			this.delivered = true;
		}

		long end() {
			return this.position.offset() + this.body.length + 1;
		}

		@Override
		public String toString() {
			return this.bucket + "@" + this.position.segment() + ":" + this.position.offset()
					+ this.events.subList(0, 1) + "[claimed=" + this.claimed + ", delivered=" + this.delivered
					+ ", corrupt=" + this.corrupt + ", gone=" + this.gone + "]";
		}

	}

}
