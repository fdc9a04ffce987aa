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

package io.isstreamer.streamer.internal;

import java.util.ArrayList;
import java.util.List;

import io.isstreamer.streamer.spool.SpooledBatch;
import io.isstreamer.streamer.support.TrustedJson;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.json.JsonFactory;

/**
 * A request body of events for one bucket, with what the sender needs to retry, split or
 * account for it.
 */
final class Batch {

	private static final JsonFactory JSON = TrustedJson.factory();

	final Bucket bucket;

	final byte[] body;

	final int count;

	/**
	 * Sequence number (within the bucket) of the first event of a live batch, or -1 for
	 * one read back from the spool.
	 */
	final long firstSequence;

	/**
	 * The spool line this batch was read from (whole or in part), or {@code null}.
	 */
	final @Nullable Replay replay;

	private int @Nullable [] starts;

	private int @Nullable [] ends;

	int failedAttempts;

	int throttledAttempts;

	Batch(Bucket bucket, byte[] body, int count, long firstSequence, @Nullable Replay replay) {
		this(bucket, body, count, firstSequence, null, null, replay);
	}

	private Batch(Bucket bucket, byte[] body, int count, long firstSequence, int @Nullable [] starts,
			int @Nullable [] ends, @Nullable Replay replay) {
		this.bucket = bucket;
		this.body = body;
		this.count = count;
		this.firstSequence = firstSequence;
		this.starts = starts;
		this.ends = ends;
		this.replay = replay;
	}

	static Batch replay(SpooledBatch spooled) {
		Replay replay = new Replay(spooled);
		return new Batch(new Bucket(spooled.bucketKey(), spooled.bucketName()), spooled.body(), spooled.eventCount(),
				-1, null, null, replay);
	}

	boolean isReplay() {
		return this.replay != null;
	}

	/**
	 * Split into two halves, each a valid JSON array.
	 * @return the two halves, in order
	 * @throws JacksonException if the body is not a JSON array of objects
	 */
	Batch[] split() {
		locateElements();
		int[] starts = this.starts;
		int[] ends = this.ends;
		int middle = starts.length / 2;
		if (this.replay != null) {
			this.replay.pieces += 1;
		}
		return new Batch[] { piece(0, middle, starts, ends), piece(middle, starts.length, starts, ends) };
	}

	private Batch piece(int from, int to, int[] starts, int[] ends) {
		int start = starts[from];
		int end = ends[to - 1];
		byte[] body = new byte[end - start + 2];
		body[0] = '[';
		System.arraycopy(this.body, start, body, 1, end - start);
		body[body.length - 1] = ']';
		int[] pieceStarts = new int[to - from];
		int[] pieceEnds = new int[to - from];
		for (int i = from; i < to; i++) {
			pieceStarts[i - from] = starts[i] - start + 1;
			pieceEnds[i - from] = ends[i] - start + 1;
		}
		long sequence = (this.firstSequence >= 0) ? this.firstSequence + from : -1;
		return new Batch(this.bucket, body, to - from, sequence, pieceStarts, pieceEnds, this.replay);
	}

	private void locateElements() {
		if (this.starts != null && this.ends != null) {
			return;
		}
		List<int[]> elements = new ArrayList<>();
		try (JsonParser parser = JSON.createParser(ObjectReadContext.empty(), this.body)) {
			if (parser.nextToken() != JsonToken.START_ARRAY) {
				throw new IllegalStateException("not a JSON array");
			}
			JsonToken token;
			while ((token = parser.nextToken()) != JsonToken.END_ARRAY && token != null) {
				int start = (int) parser.currentTokenLocation().getByteOffset();
				parser.skipChildren();
				int end = (int) parser.currentLocation().getByteOffset();
				elements.add(new int[] { start, end });
			}
		}
		int[] starts = new int[elements.size()];
		int[] ends = new int[elements.size()];
		for (int i = 0; i < starts.length; i++) {
			starts[i] = elements.get(i)[0];
			ends[i] = elements.get(i)[1];
		}
		this.starts = starts;
		this.ends = ends;
	}

	/**
	 * A spool line being replayed, possibly in pieces; it is acknowledged once every
	 * piece was delivered or given up.
	 */
	static final class Replay {

		final SpooledBatch origin;

		int pieces = 1;

		Replay(SpooledBatch origin) {
			this.origin = origin;
		}

	}

}
