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
import java.nio.file.Path;
import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;

/**
 * The on-disk spool: batches the service has not accepted yet, kept per bucket key as one
 * JSON array per line (each line can be POSTed as-is to {@code /api/events}), bounded in
 * total size, and read back oldest first for replay.
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
		throw new UnsupportedOperationException("not implemented yet");
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
		throw new UnsupportedOperationException("not implemented yet");
	}

	/**
	 * Return the oldest batch not yet acknowledged whose bucket key the filter allows,
	 * without removing it: the same batch is returned until it is acknowledged.
	 * @param bucketKeyFilter which buckets may be replayed now
	 * @return the batch, or {@code null} if there is none
	 */
	public @Nullable SpooledBatch peek(Predicate<String> bucketKeyFilter) {
		throw new UnsupportedOperationException("not implemented yet");
	}

	/**
	 * Record that the service accepted a batch returned by {@link #peek}; a file is
	 * removed once every batch in it was accepted.
	 * @param batch the batch
	 */
	public void acknowledge(SpooledBatch batch) {
		throw new UnsupportedOperationException("not implemented yet");
	}

	/**
	 * Return the number of events waiting in the spool.
	 * @return the backlog in events
	 */
	public long backlogEvents() {
		throw new UnsupportedOperationException("not implemented yet");
	}

	/**
	 * Return the total size of the spool files.
	 * @return the size in bytes
	 */
	public long sizeBytes() {
		throw new UnsupportedOperationException("not implemented yet");
	}

	/**
	 * Return the number of events found at open, left by earlier runs.
	 * @return the recovered events
	 */
	public long recoveredEvents() {
		throw new UnsupportedOperationException("not implemented yet");
	}

	/**
	 * Return the spool directory.
	 * @return the directory
	 */
	public Path directory() {
		throw new UnsupportedOperationException("not implemented yet");
	}

	@Override
	public void close() {
		throw new UnsupportedOperationException("not implemented yet");
	}

}
