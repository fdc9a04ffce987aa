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
 * account for it. A batch is live (made from events in memory, on its first attempt), a
 * replay (a claim of spool lines), or a piece of a batch the service refused.
 */
final class Batch {

	private static final JsonFactory JSON = TrustedJson.factory();

	final Bucket bucket;

	final byte[] body;

	final int count;

	/**
	 * Sequence number (within the bucket) of the first event of a batch made from memory,
	 * or -1 for one that came from the spool.
	 */
	final long firstSequence;

	/**
	 * When its oldest event was drained (or its lines claimed), for the rule that nothing
	 * waits in memory longer than a flush interval.
	 */
	final long bornNanos;

	/**
	 * The spool claim this batch is (or is a piece of), or {@code null}: a claim of the
	 * spool's backlog, or of a line written ahead for this batch.
	 */
	@Nullable ClaimPieces claim;

	/**
	 * Whether its events came from the spool's backlog, to be counted as replayed.
	 */
	final boolean replayed;

	/**
	 * Why the service refused this batch or the one it is a piece of, or {@code null}.
	 */
	@Nullable Refusal refusal;

	private int @Nullable [] starts;

	private int @Nullable [] ends;

	private Batch(Bucket bucket, byte[] body, int count, long firstSequence, long bornNanos,
			@Nullable ClaimPieces claim, boolean replayed, @Nullable Refusal refusal, int @Nullable [] starts,
			int @Nullable [] ends) {
		this.bucket = bucket;
		this.body = body;
		this.count = count;
		this.firstSequence = firstSequence;
		this.bornNanos = bornNanos;
		this.claim = claim;
		this.replayed = replayed;
		this.refusal = refusal;
		this.starts = starts;
		this.ends = ends;
	}

	static Batch live(Bucket bucket, byte[] body, int count, long firstSequence, long bornNanos) {
		return new Batch(bucket, body, count, firstSequence, bornNanos, null, false, null, null, null);
	}

	static Batch replay(SpooledBatch claim, long nowNanos) {
		return new Batch(new Bucket(claim.bucketKey(), claim.bucketName()), claim.body(), claim.eventCount(), -1,
				nowNanos, new ClaimPieces(claim), true, null, null, null);
	}

	/**
	 * Whether the batch is safe on disk: a claim of spool lines.
	 * @return whether it has a claim
	 */
	boolean isClaimed() {
		return this.claim != null;
	}

	/**
	 * The batch was written ahead to the spool: its own line is its claim from now on.
	 * @param claim the claim of the new line
	 * @return the claim it was a piece of before, or {@code null}
	 */
	@Nullable ClaimPieces writtenAhead(SpooledBatch claim) {
		ClaimPieces before = this.claim;
		this.claim = new ClaimPieces(claim);
		return before;
	}

	/**
	 * Whether this is the whole of a spool claim, which can go back to the spool as it
	 * is.
	 * @return whether it is a claim not split
	 */
	boolean isWholeClaim() {
		ClaimPieces claim = this.claim;
		return claim != null && claim.pieces == 1 && this.count == claim.claim.eventCount();
	}

	/**
	 * Split into two halves, each a valid JSON array.
	 * @param refusal why the service refused this batch
	 * @return the two halves, in order
	 * @throws JacksonException if the body is not a JSON array of objects
	 * @throws IllegalStateException if the batch has fewer than two events
	 */
	Batch[] split(@Nullable Refusal refusal) {
		locateElements();
		int[] starts = this.starts;
		int[] ends = this.ends;
		if (starts.length < 2) {
			throw new IllegalStateException("A batch of one event cannot be split");
		}
		int middle = starts.length / 2;
		ClaimPieces claim = this.claim;
		if (claim != null) {
			claim.pieces += 1;
		}
		return new Batch[] { piece(0, middle, starts, ends, refusal),
				piece(middle, starts.length, starts, ends, refusal) };
	}

	private Batch piece(int from, int to, int[] starts, int[] ends, @Nullable Refusal refusal) {
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
		return new Batch(this.bucket, body, to - from, sequence, this.bornNanos, this.claim, this.replayed, refusal,
				pieceStarts, pieceEnds);
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

	@Override
	public String toString() {
		return "Batch[bucket=" + this.bucket.key() + ", events=" + this.count + ", bytes=" + this.body.length
				+ ((this.claim != null) ? ", claimed" : "") + ((this.refusal != null) ? ", refused piece" : "") + "]";
	}

	/**
	 * A spool claim, possibly split into pieces: it is acknowledged once every piece was
	 * delivered, given up or spooled again.
	 */
	static final class ClaimPieces {

		final SpooledBatch claim;

		int pieces = 1;

		ClaimPieces(SpooledBatch claim) {
			this.claim = claim;
		}

		/**
		 * A piece is done with.
		 * @return whether it was the last one
		 */
		boolean resolved() {
			return --this.pieces == 0;
		}

	}

	/**
	 * Why the service refused a batch, carried by its pieces while they are bisected.
	 *
	 * @param status the HTTP status
	 * @param message the service's answer
	 * @param successesBefore how many requests had succeeded when the first refusal of
	 * the chain came
	 */
	record Refusal(int status, String message, long successesBefore) {

		boolean sameAs(int status, String message) {
			return this.status == status && this.message.equals(message);
		}

	}

}
