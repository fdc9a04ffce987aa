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
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.isstreamer.streamer.DropReason;
import io.isstreamer.streamer.spool.SpoolLayout.BucketIdentity;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the segments left in a spool directory by earlier runs, where their replay
 * stands, and the events in them. Lines that cannot be replayed (a torn last line from a
 * crash in mid-write, or anything that is not a JSON array of objects) are counted as
 * {@link DropReason#SPOOL_CORRUPT} once, by the spool that opens the directory, and
 * skipped by the replay.
 */
final class SpoolRecovery {

	private static final Logger logger = LoggerFactory.getLogger(SpoolRecovery.class);

	private final Path directory;

	private final SegmentLines lines = new SegmentLines();

	private final Map<String, SpoolBucket> buckets = new LinkedHashMap<>();

	private final TreeMap<Long, SpoolSegment> segments = new TreeMap<>();

	private long lastSequence;

	private long events;

	private long unreadableLines;

	private long unreadableEvents;

	/**
	 * Events of unreadable lines, by bucket key.
	 */
	private final Map<String, Long> corrupt = new LinkedHashMap<>();

	SpoolRecovery(Path directory) {
		this.directory = directory;
	}

	SpoolRecovery recover() throws IOException {
		for (Path entry : list(this.directory)) {
			if (Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
				recoverBucket(entry);
			}
		}
		if (this.unreadableLines > 0) {
			logger.warn(
					"Spool {}: skipped {} torn or unreadable lines left by an earlier run (about {} events, "
							+ "counted as dropped); a torn last line is what a crash in mid-write leaves",
					this.directory, this.unreadableLines, this.unreadableEvents);
		}
		if (this.events > 0) {
			logger.info("Spool {}: found {} events in {} files left by an earlier run; they will be replayed",
					this.directory, this.events, this.segments.size());
		}
		return this;
	}

	Map<String, SpoolBucket> buckets() {
		return this.buckets;
	}

	TreeMap<Long, SpoolSegment> segments() {
		return this.segments;
	}

	long lastSequence() {
		return this.lastSequence;
	}

	long events() {
		return this.events;
	}

	/**
	 * Return the events of the unreadable lines found, by bucket key.
	 * @return the unreadable events
	 */
	Map<String, Long> corrupt() {
		return this.corrupt;
	}

	private void recoverBucket(Path bucketDirectory) throws IOException {
		TreeMap<Long, Path> segmentFiles = new TreeMap<>();
		TreeMap<Long, Path> ackFiles = new TreeMap<>();
		for (Path file : list(bucketDirectory)) {
			String name = file.getFileName().toString();
			long segment = SpoolLayout.sequence(name, SpoolLayout.SEGMENT_SUFFIX);
			long ack = SpoolLayout.sequence(name, SpoolLayout.ACK_SUFFIX);
			if (segment >= 0) {
				segmentFiles.put(segment, file);
			}
			else if (ack >= 0) {
				ackFiles.put(ack, file);
			}
			else if (name.endsWith(SpoolLayout.TEMP_SUFFIX)) {
				// Left by a crash while a sidecar was being replaced: the old sidecar is
				// whole
				Files.deleteIfExists(file);
			}
		}
		this.lastSequence = Math.max(this.lastSequence, Math.max(last(segmentFiles), last(ackFiles)));
		BucketIdentity identity = readIdentity(bucketDirectory.resolve(SpoolLayout.BUCKET_FILE));
		if (identity == null) {
			if (!segmentFiles.isEmpty()) {
				logger.warn(
						"Spool {}: {} has {} files but no readable {}, so their bucket is unknown; "
								+ "they are left in place and not replayed",
						this.directory, bucketDirectory, segmentFiles.size(), SpoolLayout.BUCKET_FILE);
			}
			return;
		}
		SpoolBucket bucket = this.buckets.computeIfAbsent(identity.key(), (key) -> new SpoolBucket(key, identity.name(),
				this.directory.resolve(SpoolLayout.bucketDirectoryName(key))));
		boolean kept = false;
		for (Map.Entry<Long, Path> entry : segmentFiles.entrySet()) {
			Path ackPath = bucketDirectory.resolve(SpoolLayout.ackFileName(entry.getKey()));
			kept |= recoverSegment(new SpoolSegment(entry.getKey(), bucket, entry.getValue(), ackPath));
		}
		for (Map.Entry<Long, Path> entry : ackFiles.entrySet()) {
			if (!segmentFiles.containsKey(entry.getKey())) {
				Files.deleteIfExists(entry.getValue());
			}
		}
		if (!kept) {
			removeEmptyBucketDirectory(bucketDirectory);
		}
	}

	private boolean recoverSegment(SpoolSegment segment) throws IOException {
		segment.size = Files.size(segment.path);
		SpoolLayout.Acknowledged acknowledged = readAcknowledged(segment.ackPath);
		segment.acknowledged = Math.min(acknowledged.offset(), segment.size);
		segment.end = segment.acknowledged;
		acknowledged.delivered().forEach((start, end) -> {
			if (end <= segment.size) {
				segment.markDelivered(start, end);
			}
		});
		long[] unreadable = new long[2];
		this.lines.read(segment.path, segment.acknowledged, new SegmentLines.LineHandler() {

			@Override
			public boolean line(long start, long next, byte[] bytes, int length) {
				segment.end = next;
				if (segment.isDelivered(start)) {
					// delivered out of order before the restart: not replayed again
					return true;
				}
				EventLines.Check check = EventLines.check(bytes, length);
				if (check.readable()) {
					segment.unacknowledgedEvents += check.events();
					if (check.events() > 0) {
						segment.bucket.lastLine = new SpoolPosition(segment.sequence, start);
					}
				}
				else {
					unreadable[0]++;
					unreadable[1] += check.events();
					segment.countedUnreadable.add(start);
				}
				segment.end = next;
				return true;
			}

			@Override
			public void tornLine(long start, byte[] bytes, int length) {
				unreadable[0]++;
				unreadable[1] += EventLines.check(bytes, length).events();
			}

		});
		segment.cursor = segment.acknowledged;
		if (unreadable[0] > 0) {
			logger.debug("Spool segment {}: {} torn or unreadable lines", segment.path, unreadable[0]);
			this.unreadableLines += unreadable[0];
			this.unreadableEvents += unreadable[1];
			this.corrupt.merge(segment.bucket.key, unreadable[1], Long::sum);
		}
		if (segment.unacknowledgedEvents == 0) {
			// Nothing left to replay: every line was accepted or cannot be read
			Files.deleteIfExists(segment.path);
			Files.deleteIfExists(segment.ackPath);
			return false;
		}
		this.events += segment.unacknowledgedEvents;
		this.segments.put(segment.sequence, segment);
		segment.bucket.segments++;
		return true;
	}

	private SpoolLayout.Acknowledged readAcknowledged(Path ackPath) throws IOException {
		try {
			SpoolLayout.Acknowledged acknowledged = SpoolLayout.readAckFile(Files.readAllBytes(ackPath));
			if (acknowledged == null) {
				logger.warn("Spool {}: {} is unreadable; its segment is replayed from the start", this.directory,
						ackPath);
				return new SpoolLayout.Acknowledged(0, new TreeMap<>());
			}
			return acknowledged;
		}
		catch (NoSuchFileException ex) {
			return new SpoolLayout.Acknowledged(0, new TreeMap<>());
		}
	}

	private @Nullable BucketIdentity readIdentity(Path bucketFile) throws IOException {
		try {
			return SpoolLayout.readBucketFile(Files.readAllBytes(bucketFile));
		}
		catch (NoSuchFileException ex) {
			return null;
		}
	}

	private void removeEmptyBucketDirectory(Path bucketDirectory) throws IOException {
		Files.deleteIfExists(bucketDirectory.resolve(SpoolLayout.BUCKET_FILE));
		try {
			Files.deleteIfExists(bucketDirectory);
		}
		catch (DirectoryNotEmptyException ex) {
			// Someone else's files: leave them
		}
	}

	private static long last(TreeMap<Long, Path> files) {
		return files.isEmpty() ? 0 : files.lastKey();
	}

	private static List<Path> list(Path directory) throws IOException {
		List<Path> entries = new ArrayList<>();
		try (DirectoryStream<Path> stream = Files.newDirectoryStream(directory)) {
			stream.forEach(entries::add);
		}
		return entries;
	}

}
