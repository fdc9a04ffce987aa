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

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

import io.isstreamer.streamer.DropReason;
import io.isstreamer.streamer.support.RateLimitedLog;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The on-disk spool: batches the service has not accepted yet, kept per bucket key as one
 * JSON array per line (each line can be POSTed as-is to {@code /api/events}), bounded in
 * total size, and read back oldest first for replay.
 * <p>
 * Each bucket has a directory holding a {@code bucket.json} with its key and name, and
 * segment files named by a sequence number that is global across buckets, so replay goes
 * file by file in the order the files were started. Segments are appended to with a
 * {@link FileChannel} and no buffer of our own, so a killed process loses nothing that
 * {@link #append} had written; each run starts new segments, so the torn tail a crash may
 * leave never runs into new lines. A small {@code .ack} file beside a segment records how
 * far the service has accepted it, so after a crash only a batch whose acknowledgement
 * was not recorded yet is sent twice. A segment is deleted once every line in it was
 * accepted.
 * <p>
 * One thread (the streamer's sender) calls every method but the size getters, which any
 * thread may read.
 */
public final class Spool implements Closeable {

	/**
	 * Default bound on the total size of the spool files: 512 MB.
	 */
	public static final long DEFAULT_MAX_BYTES = 512L * 1024 * 1024;

	/**
	 * Size at which a segment file is sealed and a new one started, unless the size bound
	 * calls for smaller segments.
	 */
	static final long DEFAULT_SEGMENT_BYTES = 8L * 1024 * 1024;

	private static final byte[] LINE_END = { '\n' };

	private static final Logger logger = LoggerFactory.getLogger(Spool.class);

	/**
	 * Shortest time between two warnings of a kind.
	 */
	private static final Duration WARNING_PERIOD = Duration.ofMinutes(1);

	private final Path directory;

	private final long maxBytes;

	private final long segmentBytes;

	private final SpoolListener listener;

	private final SpoolFileOperations files;

	private final FileChannel lockChannel;

	private final Map<String, SpoolBucket> buckets;

	/**
	 * The segments by sequence number, that is in write order.
	 */
	private final TreeMap<Long, SpoolSegment> segments;

	private final long recoveredEvents;

	private final SegmentLines lines = new SegmentLines();

	private final RateLimitedLog writeWarning = new RateLimitedLog(logger, WARNING_PERIOD);

	private final RateLimitedLog refusedWarning = new RateLimitedLog(logger, WARNING_PERIOD);

	private final RateLimitedLog fullWarning = new RateLimitedLog(logger, WARNING_PERIOD);

	private final RateLimitedLog readWarning = new RateLimitedLog(logger, WARNING_PERIOD);

	private long nextSequence;

	// Written by the owning thread only, read by any
	private volatile long sizeBytes;

	private volatile long backlogEvents;

	private @Nullable DefaultSpooledBatch peeked;

	private volatile boolean closed;

	private Spool(Path directory, long maxBytes, long segmentBytes, SpoolListener listener, SpoolFileOperations files,
			FileChannel lockChannel, SpoolRecovery recovery) {
		this.directory = directory;
		this.maxBytes = maxBytes;
		this.segmentBytes = segmentBytes;
		this.listener = listener;
		this.files = files;
		this.lockChannel = lockChannel;
		this.buckets = recovery.buckets();
		this.segments = recovery.segments();
		this.nextSequence = recovery.lastSequence() + 1;
		this.recoveredEvents = recovery.events();
		this.backlogEvents = recovery.events();
		this.sizeBytes = this.segments.values().stream().mapToLong((segment) -> segment.size).sum();
	}

	/**
	 * Open the spool in a directory, creating it (owner-only) if needed, taking an
	 * exclusive lock on it, and finding the files left by earlier runs.
	 * @param directory the directory
	 * @param maxBytes bound on the total size of the files
	 * @param listener told about events given up (size cap, torn or unreadable lines)
	 * @return the open spool
	 * @throws IOException if the directory cannot be created or read, or another process
	 * holds it
	 */
	public static Spool open(Path directory, long maxBytes, SpoolListener listener) throws IOException {
		return open(directory, maxBytes, listener, segmentBytesFor(maxBytes), new SpoolFileOperations());
	}

	/**
	 * Open the spool with a given segment size and file operations (for tests).
	 * @param directory the directory
	 * @param maxBytes bound on the total size of the files
	 * @param listener told about events given up
	 * @param segmentBytes size at which a segment is sealed
	 * @param files the file operations
	 * @return the open spool
	 * @throws IOException if the directory cannot be created or read, or another process
	 * holds it
	 */
	static Spool open(Path directory, long maxBytes, SpoolListener listener, long segmentBytes,
			SpoolFileOperations files) throws IOException {
		if (maxBytes <= 0 || segmentBytes <= 0) {
			throw new IllegalArgumentException(
					"maxBytes and segmentBytes must be positive, were " + maxBytes + " and " + segmentBytes);
		}
		SpoolListener guardedListener = guard(listener);
		files.createDirectories(directory);
		FileChannel lockChannel = files.openLockFile(directory.resolve(SpoolLayout.LOCK_FILE));
		try {
			lock(directory, lockChannel);
			SpoolRecovery recovery = new SpoolRecovery(directory, guardedListener).recover();
			Spool spool = new Spool(directory, maxBytes, segmentBytes, guardedListener, files, lockChannel, recovery);
			// The bound may have been lowered since the files were written
			spool.makeRoom(0);
			return spool;
		}
		catch (IOException | RuntimeException ex) {
			closeQuietly(lockChannel);
			throw ex;
		}
	}

	/**
	 * Return the segment size for a size bound: small enough that removing the oldest
	 * file at the bound gives up an eighth of the spool at most.
	 * @param maxBytes the bound on the total size
	 * @return the segment size
	 */
	static long segmentBytesFor(long maxBytes) {
		return Math.min(DEFAULT_SEGMENT_BYTES, Math.max(1, maxBytes / 8));
	}

	private static void lock(Path directory, FileChannel lockChannel) throws IOException {
		FileLock lock;
		try {
			lock = lockChannel.tryLock();
		}
		catch (OverlappingFileLockException ex) {
			throw new IOException("Spool directory " + directory + " is already in use by another spool in this JVM; "
					+ "give each streamer its own spool directory", ex);
		}
		if (lock == null) {
			throw new IOException("Spool directory " + directory + " is in use by another process; "
					+ "give each running application its own spool directory");
		}
	}

	private static SpoolListener guard(SpoolListener listener) {
		return (bucketKey, events, reason) -> {
			if (events > 0) {
				try {
					listener.dropped(bucketKey, events, reason);
				}
				catch (RuntimeException ex) {
					logger.warn("Spool listener failed to count {} dropped events", events, ex);
				}
			}
		};
	}

	/**
	 * Append one batch.
	 * @param bucketKey the bucket key
	 * @param bucketName the bucket name, needed to create the bucket on replay
	 * @param body a JSON array of events, with no line break, postable as-is
	 * @param eventCount the number of events in the array
	 * @return {@code true} if written; {@code false} if it could not be (the caller still
	 * holds the batch; the spool warns)
	 */
	public boolean append(String bucketKey, String bucketName, byte[] body, int eventCount) {
		return append(bucketKey, bucketName, body, body.length, eventCount);
	}

	/**
	 * Append one batch from the start of a buffer, so a reused buffer need not be copied.
	 * @param bucketKey the bucket key
	 * @param bucketName the bucket name, needed to create the bucket on replay
	 * @param buffer holds a JSON array of events from index 0, with no line break,
	 * postable as-is
	 * @param length the length of the array in the buffer
	 * @param eventCount the number of events in the array
	 * @return {@code true} if written; {@code false} if it could not be (the caller still
	 * holds the batch; the spool warns)
	 */
	public boolean append(String bucketKey, String bucketName, byte[] buffer, int length, int eventCount) {
		String problem = problem(buffer, length, eventCount);
		if (problem != null) {
			this.refusedWarning.warn("Spool {} refused a batch of {} events for bucket '{}': {}", this.directory,
					eventCount, bucketKey, problem);
			return false;
		}
		long lineBytes = length + 1L;
		SpoolBucket bucket = bucket(bucketKey, bucketName);
		makeRoom(lineBytes);
		SpoolSegment segment = null;
		try {
			segment = writableSegment(bucket, lineBytes);
			write(segment, buffer, length, lineBytes);
		}
		catch (IOException ex) {
			if (segment != null) {
				abandonAfterFailedWrite(segment);
			}
			this.writeWarning.warn("Could not write to spool directory {} ({}); the batch stays with the sender",
					this.directory, ex.toString());
			logger.debug("Spool write failed", ex);
			return false;
		}
		segment.size += lineBytes;
		segment.end = segment.size;
		segment.unacknowledgedEvents += eventCount;
		this.sizeBytes += lineBytes;
		this.backlogEvents += eventCount;
		return true;
	}

	private @Nullable String problem(byte[] buffer, int length, int eventCount) {
		if (this.closed) {
			return "the spool is closed";
		}
		if (eventCount < 1 || length <= 0 || length > buffer.length) {
			return "the batch is empty";
		}
		if (length + 1L > this.maxBytes) {
			return "its line of " + (length + 1L) + " bytes is more than the spool's size limit of " + this.maxBytes
					+ " bytes";
		}
		for (int i = 0; i < length; i++) {
			if (buffer[i] == '\n') {
				// JSON allows line breaks as whitespace; a spool line does not
				return "its body has a line break";
			}
		}
		return null;
	}

	private SpoolBucket bucket(String bucketKey, String bucketName) {
		SpoolBucket bucket = this.buckets.get(bucketKey);
		if (bucket == null) {
			bucket = new SpoolBucket(bucketKey, bucketName,
					this.directory.resolve(SpoolLayout.bucketDirectoryName(bucketKey)));
			this.buckets.put(bucketKey, bucket);
		}
		else if (!bucket.name.equals(bucketName)) {
			bucket.name = bucketName;
			bucket.bucketFileWritten = false;
		}
		return bucket;
	}

	private SpoolSegment writableSegment(SpoolBucket bucket, long lineBytes) throws IOException {
		SpoolSegment active = bucket.active;
		if (active != null && !Files.exists(active.path)) {
			// Removed behind our back: appending on would write to a file no one can read
			this.readWarning.warn("Spool file {} was removed by something else; its {} events are lost", active.path,
					active.unacknowledgedEvents);
			discard(active, DropReason.SPOOL_CORRUPT);
			active = null;
		}
		else if (active != null && active.size > 0 && active.size + lineBytes > this.segmentBytes) {
			seal(active);
			active = null;
		}
		Path bucketFile = bucket.directory.resolve(SpoolLayout.BUCKET_FILE);
		if (active == null) {
			this.files.createDirectories(bucket.directory);
			bucket.bucketFileWritten &= Files.exists(bucketFile);
		}
		if (!bucket.bucketFileWritten) {
			// Before the segment, so that no segment is ever without its bucket's name
			this.files.writeAtomically(bucketFile, SpoolLayout.bucketFile(bucket.key, bucket.name));
			bucket.bucketFileWritten = true;
		}
		return (active != null) ? active : createSegment(bucket);
	}

	private SpoolSegment createSegment(SpoolBucket bucket) throws IOException {
		long sequence = this.nextSequence++;
		SpoolSegment segment = new SpoolSegment(sequence, bucket,
				bucket.directory.resolve(SpoolLayout.segmentFileName(sequence)),
				bucket.directory.resolve(SpoolLayout.ackFileName(sequence)));
		segment.channel = this.files.createSegment(segment.path);
		this.segments.put(sequence, segment);
		bucket.active = segment;
		return segment;
	}

	private void write(SpoolSegment segment, byte[] buffer, int length, long lineBytes) throws IOException {
		FileChannel channel = Objects.requireNonNull(segment.channel);
		ByteBuffer[] sources = { ByteBuffer.wrap(buffer, 0, length), ByteBuffer.wrap(LINE_END) };
		long written = 0;
		while (written < lineBytes) {
			written += this.files.write(channel, sources);
		}
	}

	private void abandonAfterFailedWrite(SpoolSegment segment) {
		// Cut off what the failed write left, so that no torn line precedes the next one,
		// and go on in a new segment in case the cut failed too
		FileChannel channel = segment.channel;
		if (channel != null) {
			try {
				channel.truncate(segment.size);
			}
			catch (IOException ex) {
				logger.debug("Could not truncate spool file {} after a failed write", segment.path, ex);
			}
		}
		seal(segment);
	}

	/**
	 * Make room for a line by removing the oldest files, whatever their bucket.
	 * @param lineBytes the size of the line
	 */
	private void makeRoom(long lineBytes) {
		while (this.sizeBytes + lineBytes > this.maxBytes && !this.segments.isEmpty()) {
			SpoolSegment oldest = this.segments.firstEntry().getValue();
			DefaultSpooledBatch peeked = this.peeked;
			if (peeked != null && peeked.sequence() == oldest.sequence && this.segments.size() > 1) {
				// Its line is out for replay and may yet be delivered: counting its
				// events
				// as dropped too would count them twice, so the next oldest file goes
				oldest = this.segments.higherEntry(oldest.sequence).getValue();
			}
			long events = oldest.unacknowledgedEvents;
			discard(oldest, DropReason.SPOOL_FULL);
			this.fullWarning
				.warn("Spool {} reached its size limit of {} bytes: removed its oldest file and gave up the {} events "
						+ "of bucket '{}' in it", this.directory, this.maxBytes, events, oldest.bucket.key);
		}
	}

	/**
	 * Return the oldest batch not yet acknowledged whose bucket key the filter allows,
	 * without removing it: the same batch is returned until it is acknowledged.
	 * @param bucketKeyFilter which buckets may be replayed now
	 * @return the batch, or {@code null} if there is none
	 */
	public @Nullable SpooledBatch peek(Predicate<String> bucketKeyFilter) {
		if (this.closed) {
			return null;
		}
		Set<SpoolBucket> unreadable = null;
		Map.Entry<Long, SpoolSegment> entry = this.segments.firstEntry();
		while (entry != null) {
			SpoolSegment segment = entry.getValue();
			boolean allowed = (unreadable == null || !unreadable.contains(segment.bucket))
					&& bucketKeyFilter.test(segment.bucket.key);
			if (allowed) {
				try {
					SpooledBatch batch = head(segment);
					if (batch != null) {
						return batch;
					}
				}
				catch (NoSuchFileException ex) {
					this.readWarning.warn("Spool file {} was removed by something else; its {} events are lost",
							segment.path, segment.unacknowledgedEvents);
					discard(segment, DropReason.SPOOL_CORRUPT);
				}
				catch (IOException ex) {
					// Skip the bucket's later files too, so its batches stay in order
					this.readWarning.warn("Could not read spool file {} ({}); replay will try again", segment.path,
							ex.toString());
					unreadable = (unreadable != null) ? unreadable : new HashSet<>();
					unreadable.add(segment.bucket);
				}
			}
			entry = this.segments.higherEntry(entry.getKey());
		}
		return null;
	}

	private @Nullable SpooledBatch head(SpoolSegment segment) throws IOException {
		DefaultSpooledBatch peeked = this.peeked;
		if (peeked != null && peeked.sequence() == segment.sequence && peeked.offset() == segment.acknowledged) {
			return peeked;
		}
		while (!segment.isFullyAcknowledged()) {
			if (segment.isWritable()) {
				// Reading and writing never share a file: appends go on in a new segment
				seal(segment);
			}
			long offset = segment.acknowledged;
			byte[] line = this.lines.readLine(segment.path, offset);
			if (line == null) {
				throw new NoSuchFileException(segment.path.toString(), null, "shorter than written");
			}
			long next = offset + line.length + 1;
			EventLines.Check check = EventLines.check(line, line.length);
			if (check.readable() && check.events() > 0) {
				this.peeked = new DefaultSpooledBatch(segment.bucket.key, segment.bucket.name, line, check.events(),
						segment.sequence, offset, next);
				return this.peeked;
			}
			long lost = 0;
			if (!check.readable() && offset >= segment.checkedEnd) {
				// Written in this run, so its events are in the backlog: they leave it as
				// they are counted
				lost = Math.min(check.events(), segment.unacknowledgedEvents);
				this.readWarning.warn("Spool file {} has an unreadable line at byte {}; skipped it ({} events, "
						+ "counted as dropped)", segment.path, offset, lost);
				this.listener.dropped(segment.bucket.key, lost, DropReason.SPOOL_CORRUPT);
			}
			advance(segment, next, lost);
		}
		return null;
	}

	/**
	 * Record that the service accepted a batch returned by {@link #peek}; a file is
	 * removed once every batch in it was accepted.
	 * @param batch the batch
	 */
	public void acknowledge(SpooledBatch batch) {
		if (!(batch instanceof DefaultSpooledBatch spooled)) {
			throw new IllegalArgumentException("Not a batch from a spool: " + batch);
		}
		if (this.peeked == spooled) {
			this.peeked = null;
		}
		SpoolSegment segment = this.segments.get(spooled.sequence());
		if (this.closed || segment == null || segment.acknowledged != spooled.offset()) {
			// Acknowledged already, or its file was removed to make room
			return;
		}
		advance(segment, spooled.nextOffset(), spooled.eventCount());
	}

	private void advance(SpoolSegment segment, long next, long acceptedEvents) {
		long accepted = Math.min(acceptedEvents, segment.unacknowledgedEvents);
		segment.acknowledged = next;
		segment.unacknowledgedEvents -= accepted;
		this.backlogEvents -= accepted;
		try {
			// Recorded first, even for a file about to go, in case it cannot be deleted
			this.files.writeAtomically(segment.ackPath, SpoolLayout.ackFile(next));
		}
		catch (IOException ex) {
			this.writeWarning.warn(
					"Could not record replay progress in {} ({}); after a restart, "
							+ "batches already delivered from that file would be sent again",
					segment.ackPath, ex.toString());
		}
		if (segment.isFullyAcknowledged() && !segment.isWritable()) {
			// Events still counted then were in unreadable lines whose count could not be
			// told from what was left of them
			discard(segment, (segment.unacknowledgedEvents > 0) ? DropReason.SPOOL_CORRUPT : null);
		}
	}

	private void seal(SpoolSegment segment) {
		FileChannel channel = segment.channel;
		segment.channel = null;
		if (segment.bucket.active == segment) {
			segment.bucket.active = null;
		}
		if (channel != null) {
			try {
				channel.force(true);
			}
			catch (IOException ex) {
				logger.debug("Could not force spool file {} to disk", segment.path, ex);
			}
			closeQuietly(channel);
		}
		if (segment.isFullyAcknowledged()) {
			// Empty (a failed first write) or replayed already
			discard(segment, null);
		}
	}

	/**
	 * Stop tracking a segment and delete its files.
	 * @param segment the segment
	 * @param reason why its events not accepted yet are given up, or {@code null} if
	 * there are none
	 */
	private void discard(SpoolSegment segment, @Nullable DropReason reason) {
		FileChannel channel = segment.channel;
		segment.channel = null;
		closeQuietly(channel);
		if (segment.bucket.active == segment) {
			segment.bucket.active = null;
		}
		this.segments.remove(segment.sequence);
		DefaultSpooledBatch peeked = this.peeked;
		if (peeked != null && peeked.sequence() == segment.sequence) {
			this.peeked = null;
		}
		long events = segment.unacknowledgedEvents;
		segment.unacknowledgedEvents = 0;
		this.sizeBytes -= segment.size;
		this.backlogEvents -= events;
		try {
			Files.deleteIfExists(segment.path);
			Files.deleteIfExists(segment.ackPath);
		}
		catch (IOException ex) {
			this.writeWarning.warn("Could not delete spool file {} ({})", segment.path, ex.toString());
		}
		if (reason != null) {
			this.listener.dropped(segment.bucket.key, events, reason);
		}
	}

	/**
	 * Return the number of events waiting in the spool.
	 * @return the backlog in events
	 */
	public long backlogEvents() {
		return this.backlogEvents;
	}

	/**
	 * Return the total size of the spool files.
	 * @return the size in bytes
	 */
	public long sizeBytes() {
		return this.sizeBytes;
	}

	/**
	 * Return the number of events found at open, left by earlier runs.
	 * @return the recovered events
	 */
	public long recoveredEvents() {
		return this.recoveredEvents;
	}

	/**
	 * Return the spool directory.
	 * @return the directory
	 */
	public Path directory() {
		return this.directory;
	}

	/**
	 * Force the files being appended to onto the disk, close them and release the
	 * directory. Calling it again does nothing.
	 */
	@Override
	public void close() {
		if (this.closed) {
			return;
		}
		this.closed = true;
		this.peeked = null;
		for (SpoolSegment segment : new ArrayList<>(this.segments.values())) {
			if (segment.isWritable()) {
				seal(segment);
			}
		}
		// Closing the channel releases the lock
		closeQuietly(this.lockChannel);
	}

	private static void closeQuietly(@Nullable Closeable closeable) {
		if (closeable != null) {
			try {
				closeable.close();
			}
			catch (IOException ex) {
				logger.debug("Could not close spool file", ex);
			}
		}
	}

	@Override
	public String toString() {
		return "Spool[" + this.directory + "]";
	}

}
