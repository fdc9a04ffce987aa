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
import java.util.HashMap;
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
 * total size, and handed back oldest first for replay.
 * <p>
 * Each bucket has a directory holding a {@code bucket.json} with its key and name, and
 * segment files named by a sequence number that is global across buckets, so replay goes
 * file by file in the order the files were started. Segments are appended to with a
 * {@link FileChannel} and no buffer of our own, so a killed process loses nothing that
 * {@link #append} had written; each run starts new segments, so the torn tail a crash may
 * leave never runs into new lines.
 * <p>
 * Replay hands out <em>claims</em>: the next lines of a bucket, packed into one body up
 * to a byte bound, so that lines written small are still sent in full bodies. Several
 * claims may be out at once; a claim is {@link #acknowledge acknowledged} once delivered
 * or {@link #release released} to be handed out again. A small {@code .ack} file beside a
 * segment records, durably, how far the service has accepted it, so after a crash only
 * the claims whose acknowledgement was not recorded yet are sent twice. A segment is
 * deleted once every line in it was accepted.
 * <p>
 * The spool's books are exact: events enter them by {@link #append} or, at open, through
 * {@link SpoolListener#recovered}, and leave them by {@link #claim} (out for replay) or
 * through {@link SpoolListener#dropped}. One thread (the streamer's sender) calls every
 * method but the size getters, which any thread may read.
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

	private final LinePacker packer = new LinePacker();

	private final RateLimitedLog writeWarning = new RateLimitedLog(logger, WARNING_PERIOD);

	private final RateLimitedLog refusedWarning = new RateLimitedLog(logger, WARNING_PERIOD);

	private final RateLimitedLog fullWarning = new RateLimitedLog(logger, WARNING_PERIOD);

	private final RateLimitedLog readWarning = new RateLimitedLog(logger, WARNING_PERIOD);

	private long nextSequence;

	// Written by the owning thread only, read by any
	private volatile long sizeBytes;

	private volatile long backlogEvents;

	private volatile long claimedEvents;

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
	 * exclusive lock on it, and finding the files left by earlier runs, which are
	 * reported to the listener.
	 * @param directory the directory
	 * @param maxBytes bound on the total size of the files
	 * @param listener told about events found and given up
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
	 * @param listener told about events found and given up
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
			SpoolRecovery recovery = new SpoolRecovery(directory).recover();
			Spool spool = new Spool(directory, maxBytes, segmentBytes, guardedListener, files, lockChannel, recovery);
			long corrupt = recovery.corrupt().values().stream().mapToLong(Long::longValue).sum();
			// Counted once as found, then as given up: the books of this run balance
			guardedListener.recovered(recovery.events() + corrupt);
			recovery.corrupt()
				.forEach((bucketKey, events) -> guardedListener.dropped(bucketKey, events, DropReason.SPOOL_CORRUPT));
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
		return new SpoolListener() {

			@Override
			public void recovered(long events) {
				try {
					listener.recovered(events);
				}
				catch (RuntimeException ex) {
					logger.warn("Spool listener failed to count {} recovered events", events, ex);
				}
			}

			@Override
			public void dropped(String bucketKey, long events, DropReason reason) {
				if (events > 0) {
					try {
						listener.dropped(bucketKey, events, reason);
					}
					catch (RuntimeException ex) {
						logger.warn("Spool listener failed to count {} dropped events", events, ex);
					}
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
	 * @return where the line starts, or {@code null} if it could not be written (the
	 * caller still holds the batch; the spool warns)
	 */
	public @Nullable SpoolPosition append(String bucketKey, String bucketName, byte[] body, int eventCount) {
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
	 * @return where the line starts, or {@code null} if it could not be written (the
	 * caller still holds the batch; the spool warns)
	 */
	public @Nullable SpoolPosition append(String bucketKey, String bucketName, byte[] buffer, int length,
			int eventCount) {
		String problem = problem(buffer, length, eventCount);
		if (problem != null) {
			this.refusedWarning.warn("Spool {} refused a batch of {} events for bucket '{}': {}", this.directory,
					eventCount, bucketKey, problem);
			return null;
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
			return null;
		}
		SpoolPosition position = new SpoolPosition(segment.sequence, segment.size);
		segment.size += lineBytes;
		segment.end = segment.size;
		segment.unacknowledgedEvents += eventCount;
		bucket.lastLine = position;
		this.sizeBytes += lineBytes;
		this.backlogEvents += eventCount;
		return position;
	}

	/**
	 * Append one batch and claim its line at once: a write-ahead copy of a batch the
	 * caller goes on sending from memory, so that a crash cannot lose it. The line is
	 * acknowledged or released like any claim.
	 * @param bucketKey the bucket key
	 * @param bucketName the bucket name
	 * @param body a JSON array of events, with no line break
	 * @param eventCount the number of events in the array
	 * @return the claim of the new line, or {@code null} if it could not be written
	 */
	public @Nullable SpooledBatch appendClaimed(String bucketKey, String bucketName, byte[] body, int eventCount) {
		SpoolPosition position = append(bucketKey, bucketName, body, body.length, eventCount);
		if (position == null) {
			return null;
		}
		SpoolSegment segment = this.segments.get(position.segment());
		long end = position.offset() + body.length + 1;
		segment.claimedAhead.put(position.offset(), end);
		segment.outstanding++;
		segment.claimedEvents += eventCount;
		this.claimedEvents += eventCount;
		this.backlogEvents -= eventCount;
		return new DefaultSpooledBatch(this, segment, position.offset(), end, position.offset(), body, eventCount, 0);
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
			this.files.writeDurably(bucketFile, SpoolLayout.bucketFile(bucket.key, bucket.name));
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
		bucket.segments++;
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
	 * Make room for a line by removing the oldest files, whatever their bucket, sparing
	 * files with lines out for replay while others can go.
	 * @param lineBytes the size of the line
	 */
	private void makeRoom(long lineBytes) {
		while (this.sizeBytes + lineBytes > this.maxBytes && !this.segments.isEmpty()) {
			SpoolSegment oldest = this.segments.values()
				.stream()
				.filter((segment) -> segment.outstanding == 0)
				.findFirst()
				.orElse(this.segments.firstEntry().getValue());
			long events = oldest.unacknowledgedEvents - oldest.claimedEvents;
			discard(oldest, DropReason.SPOOL_FULL);
			this.fullWarning
				.warn("Spool {} reached its size limit of {} bytes: removed its oldest file and gave up the {} events "
						+ "of bucket '{}' in it", this.directory, this.maxBytes, events, oldest.bucket.key);
		}
	}

	/**
	 * Whether {@link #claim} would find lines to hand out now.
	 * @param bucketKeyFilter which buckets may be replayed now
	 * @return whether a bucket that passes the filter has lines nobody claimed
	 */
	public boolean hasClaimable(Predicate<String> bucketKeyFilter) {
		if (this.closed) {
			return false;
		}
		for (SpoolSegment segment : this.segments.values()) {
			if (!segment.discarded && segment.hasClaimable() && bucketKeyFilter.test(segment.bucket.key)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Claim the oldest lines not out for replay whose bucket key the filter allows,
	 * packed into one body of at most the given size (a single longer line is claimed
	 * alone). Unreadable lines among them are left out of the body and counted as dropped
	 * when the claim is acknowledged.
	 * @param bucketKeyFilter which buckets may be replayed now
	 * @param maxBytes the bound on the body's size
	 * @return the claim, or {@code null} if there is nothing to claim
	 */
	public @Nullable SpooledBatch claim(Predicate<String> bucketKeyFilter, int maxBytes) {
		if (this.closed) {
			return null;
		}
		Set<SpoolBucket> unreadable = null;
		for (SpoolSegment segment : new ArrayList<>(this.segments.values())) {
			if (segment.discarded || !segment.hasClaimable()
					|| (unreadable != null && unreadable.contains(segment.bucket))
					|| !bucketKeyFilter.test(segment.bucket.key)) {
				continue;
			}
			try {
				SpooledBatch claim = claim(segment, maxBytes);
				if (claim != null) {
					return claim;
				}
			}
			catch (NoSuchFileException ex) {
				this.readWarning.warn("Spool file {} was removed by something else; its {} events are lost",
						segment.path, segment.unacknowledgedEvents - segment.claimedEvents);
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
		return null;
	}

	private @Nullable SpooledBatch claim(SpoolSegment segment, int maxBytes) throws IOException {
		if (segment.isWritable()) {
			// Reading and writing never share a file: appends go on in a new segment
			seal(segment);
		}
		while (!segment.discarded && segment.hasClaimable()) {
			Map.Entry<Long, Long> released = segment.released.pollFirstEntry();
			long from = (released != null) ? released.getKey() : segment.cursor;
			long limit = (released != null) ? released.getValue() : segment.cursorLimit();
			LinePacker.Packed packed = this.packer.read(segment.path, from, limit, maxBytes, segment.countedUnreadable);
			if (released != null && packed.end() < limit) {
				segment.released.put(packed.end(), limit);
			}
			else if (released == null) {
				segment.cursor = packed.end();
			}
			if (packed.events() > 0) {
				segment.outstanding++;
				segment.claimedEvents += packed.events();
				this.claimedEvents += packed.events();
				this.backlogEvents -= packed.events();
				return new DefaultSpooledBatch(this, segment, from, packed.end(), packed.lastLineStart(), packed.body(),
						packed.events(), packed.lostEvents());
			}
			// Nothing to send in these lines (empty or unreadable): they are done
			giveUpUnreadable(segment, from, packed.lostEvents());
			delivered(segment, from, packed.end());
		}
		return null;
	}

	/**
	 * Record that the service accepted a claim; a file is removed once every line in it
	 * was accepted.
	 * @param batch the claim
	 */
	public void acknowledge(SpooledBatch batch) {
		DefaultSpooledBatch claim = settle(batch);
		if (claim == null) {
			return;
		}
		SpoolSegment segment = claim.segment;
		if (segment.discarded || this.closed) {
			return;
		}
		segment.unacknowledgedEvents -= Math.min(claim.eventCount(), segment.unacknowledgedEvents);
		giveUpUnreadable(segment, claim.start, claim.lostEvents);
		delivered(segment, claim.start, claim.end);
	}

	/**
	 * Count the events of unreadable lines as given up once those lines are done with:
	 * not when a claim that skips them is made, since a released claim's lines are read
	 * again and would be counted twice.
	 * @param segment the segment
	 * @param from the start of the lines
	 * @param lostEvents the events of the unreadable lines among them
	 */
	private void giveUpUnreadable(SpoolSegment segment, long from, long lostEvents) {
		if (lostEvents > 0) {
			long lost = Math.min(lostEvents, segment.unacknowledgedEvents - segment.claimedEvents);
			segment.unacknowledgedEvents -= lost;
			this.backlogEvents -= lost;
			this.readWarning.warn("Spool file {} has unreadable lines from byte {}; skipped them ({} events, "
					+ "counted as dropped)", segment.path, from, lost);
			this.listener.dropped(segment.bucket.key, lost, DropReason.SPOOL_CORRUPT);
		}
	}

	/**
	 * Hand a claim's lines back, to be claimed again later.
	 * @param batch the claim
	 * @return {@code true} if the lines wait in the spool again; {@code false} if their
	 * file was removed meanwhile (to make room), so the caller holds the only copy
	 */
	public boolean release(SpooledBatch batch) {
		DefaultSpooledBatch claim = settle(batch);
		if (claim == null) {
			return true;
		}
		SpoolSegment segment = claim.segment;
		if (segment.discarded || this.closed) {
			return !segment.discarded;
		}
		segment.released.put(claim.start, claim.end);
		this.backlogEvents += claim.eventCount();
		return true;
	}

	private @Nullable DefaultSpooledBatch settle(SpooledBatch batch) {
		if (!(batch instanceof DefaultSpooledBatch claim) || claim.spool != this) {
			throw new IllegalArgumentException("Not a claim of this spool: " + batch);
		}
		if (claim.settled) {
			return null;
		}
		claim.settled = true;
		claim.segment.outstanding--;
		claim.segment.claimedEvents -= claim.eventCount();
		this.claimedEvents -= claim.eventCount();
		return claim;
	}

	private void delivered(SpoolSegment segment, long start, long end) {
		segment.markDelivered(start, end);
		try {
			// Recorded first, even for a file about to go, in case it cannot be deleted;
			// delivered out of order too, so a restart replays none of it
			this.files.writeDurably(segment.ackPath, SpoolLayout.ackFile(segment.acknowledged, segment.delivered));
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
	 * Stop tracking a segment and delete its files. Claims still out stay valid: their
	 * events are in the caller's hands.
	 * @param segment the segment
	 * @param reason why its events not accepted yet are given up, or {@code null} if
	 * there are none
	 */
	private void discard(SpoolSegment segment, @Nullable DropReason reason) {
		if (segment.discarded) {
			return;
		}
		segment.discarded = true;
		FileChannel channel = segment.channel;
		segment.channel = null;
		closeQuietly(channel);
		SpoolBucket bucket = segment.bucket;
		if (bucket.active == segment) {
			bucket.active = null;
		}
		this.segments.remove(segment.sequence);
		if (--bucket.segments == 0 && this.buckets.get(bucket.key) == bucket) {
			// Nothing of this bucket left: forget it, so that buckets used once do not
			// add up
			this.buckets.remove(bucket.key);
		}
		long events = Math.max(0, segment.unacknowledgedEvents - segment.claimedEvents);
		segment.unacknowledgedEvents = segment.claimedEvents;
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
			this.listener.dropped(bucket.key, events, reason);
		}
	}

	/**
	 * Whether every line of a bucket up to a position was delivered (or given up).
	 * @param bucketKey the bucket key
	 * @param position the start of a line of that bucket
	 * @return whether nothing of the bucket up to there waits or is out for replay
	 */
	public boolean isDeliveredThrough(String bucketKey, SpoolPosition position) {
		for (SpoolSegment segment : this.segments.headMap(position.segment(), true).values()) {
			if (segment.bucket.key.equals(bucketKey)
					&& (segment.sequence < position.segment() || !segment.isDeliveredThrough(position.offset()))) {
				return false;
			}
		}
		return true;
	}

	/**
	 * Return where the latest line with events of each bucket in the spool starts.
	 * @return the positions by bucket key
	 */
	public Map<String, SpoolPosition> lastLines() {
		Map<String, SpoolPosition> lines = new HashMap<>();
		this.buckets.forEach((key, bucket) -> {
			if (bucket.lastLine != null && bucket.segments > 0) {
				lines.put(key, bucket.lastLine);
			}
		});
		return lines;
	}

	/**
	 * Return where the latest line of a bucket with events starts.
	 * @param bucketKey the bucket key
	 * @return the position, or {@code null} if the spool holds nothing of the bucket
	 */
	public @Nullable SpoolPosition lastLine(String bucketKey) {
		SpoolBucket bucket = this.buckets.get(bucketKey);
		return (bucket != null) ? bucket.lastLine : null;
	}

	/**
	 * Return the number of events waiting in the spool, not out for replay.
	 * @return the backlog in events
	 */
	public long backlogEvents() {
		return this.backlogEvents;
	}

	/**
	 * Return the number of events in claims out for replay now.
	 * @return the claimed events
	 */
	public long claimedEvents() {
		return this.claimedEvents;
	}

	/**
	 * Return the total size of the spool files.
	 * @return the size in bytes
	 */
	public long sizeBytes() {
		return this.sizeBytes;
	}

	/**
	 * Return the number of readable events found at open, left by earlier runs.
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
	 * directory. Claims still out stay in the files, to be replayed by the next run.
	 * Calling it again does nothing.
	 */
	@Override
	public void close() {
		if (this.closed) {
			return;
		}
		this.closed = true;
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
