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

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import io.isstreamer.streamer.DropReason;
import io.isstreamer.streamer.spool.SpoolPosition;
import io.isstreamer.streamer.spool.SpooledBatch;
import io.isstreamer.streamer.support.RateLimitedLog;
import org.jspecify.annotations.Nullable;

/**
 * Where each batch ends up, decided and recorded in one place: every way a batch leaves
 * memory (delivered, spooled, given up) or changes (claimed, split, written ahead) is a
 * method here that tells the books, the spool, the flushes and the bucket in one go, so
 * that a batch completes exactly once whatever path it took. Used by the sender thread
 * only.
 */
final class Fates {

	private final Ledger ledger;

	private final Spooler spooler;

	private final PendingEvents pending;

	private final Flushes flushes;

	private final Lanes lanes;

	private final RateLimitedLog warnings;

	Fates(Ledger ledger, Spooler spooler, PendingEvents pending, Flushes flushes, Lanes lanes,
			RateLimitedLog warnings) {
		this.ledger = ledger;
		this.spooler = spooler;
		this.pending = pending;
		this.flushes = flushes;
		this.lanes = lanes;
		this.warnings = warnings;
	}

	/**
	 * A batch was made from events in memory.
	 * @param batch the batch
	 */
	void opened(Batch batch) {
		this.ledger.opened(batch);
		out(batch, 1);
	}

	/**
	 * Lines were claimed from the spool for replay.
	 * @param claim the claim
	 * @param nowNanos the time
	 * @return the batch that holds them
	 */
	Batch claimed(SpooledBatch claim, long nowNanos) {
		Batch batch = Batch.replay(claim, nowNanos);
		this.ledger.claimed(batch);
		out(batch, 1);
		return batch;
	}

	/**
	 * The service accepted a batch.
	 * @param batch the batch
	 */
	void delivered(Batch batch) {
		this.ledger.delivered(batch);
		finished(batch);
	}

	/**
	 * A batch is given up.
	 * @param batch the batch
	 * @param reason why
	 */
	void dropped(Batch batch, DropReason reason) {
		this.ledger.dropped(batch, reason);
		finished(batch);
		this.warnings.warn("Gave up {} events of bucket {}: {}", batch.count, batch.bucket.key(), reason.description());
	}

	/**
	 * An event the service refused on its own is given up, and kept in the dead-letter
	 * file when there is one.
	 * @param batch the batch of one event
	 * @param status the HTTP status
	 * @param answer the service's answer
	 * @param reason {@link DropReason#REFUSED_BY_SERVICE} or {@link DropReason#TOO_LARGE}
	 * @return the dead-letter file, or {@code null}
	 */
	@Nullable Path deadLetter(Batch batch, int status, String answer, DropReason reason) {
		Path file = this.spooler.deadLetter(batch.bucket.key(), status, answer, batch.body);
		this.ledger.dropped(batch, reason);
		finished(batch);
		return file;
	}

	/**
	 * A batch leaves memory for the spool, to be replayed later; one the spool cannot
	 * take waits in the resend lane instead.
	 * @param batch the batch
	 * @param maxLineBytes the longest line worth writing
	 */
	void toSpool(Batch batch, int maxLineBytes) {
		Batch.ClaimPieces claim = batch.claim;
		if (claim != null && batch.isWholeClaim()) {
			if (this.spooler.release(claim.claim)) {
				this.ledger.returned(batch);
				out(batch, -1);
				return;
			}
			// its file was removed to make room meanwhile: this batch is the only copy
		}
		if (batch.body.length >= maxLineBytes && batch.count > 1) {
			for (Batch half : split(batch, null, false)) {
				toSpool(half, maxLineBytes);
			}
			return;
		}
		SpoolPosition position = this.spooler.append(batch.bucket, batch.body, batch.body.length, batch.count);
		if (position == null) {
			this.lanes.resend(batch);
			return;
		}
		this.flushes.moved(batch, position);
		this.ledger.spooled(batch);
		finished(batch);
	}

	/**
	 * Split a batch into halves that hold its events from now on.
	 * @param batch the batch
	 * @param refusal why the service refused it, or {@code null}
	 * @param writeAhead whether to write each half ahead to the spool
	 * @return the halves, in order
	 */
	Batch[] split(Batch batch, Batch.@Nullable Refusal refusal, boolean writeAhead) {
		Batch[] halves = batch.split(refusal);
		this.ledger.split(batch, halves);
		out(batch, halves.length - 1);
		if (writeAhead) {
			for (Batch half : halves) {
				writeAhead(half);
			}
		}
		return halves;
	}

	/**
	 * Write a batch ahead to the spool and claim its line at once: memory goes on sending
	 * it, and a crash cannot lose it.
	 * @param batch the batch
	 */
	void writeAhead(Batch batch) {
		if (batch.isWholeClaim()) {
			return;
		}
		SpooledBatch line = this.spooler.appendClaimed(batch.bucket, batch.body, batch.count);
		if (line == null) {
			return;
		}
		this.flushes.moved(batch, line.lastLine());
		Batch.ClaimPieces before = batch.writtenAhead(line);
		if (before != null && before.resolved()) {
			this.spooler.acknowledge(before.claim);
		}
	}

	/**
	 * Events in memory were written to a spool line without a batch.
	 * @param events how many
	 */
	void spooledWithoutBatch(int events) {
		this.ledger.spooled(events);
	}

	private void finished(Batch batch) {
		out(batch, -1);
		Batch.ClaimPieces claim = batch.claim;
		if (claim != null && claim.resolved()) {
			this.spooler.acknowledge(claim.claim);
		}
	}

	private void out(Batch batch, int batches) {
		this.pending.bucket(batch.bucket).batchesOut += batches;
	}

	/**
	 * Describe a body for a message, shortened.
	 * @param body the body
	 * @return the text
	 */
	static String abbreviate(byte[] body) {
		return abbreviate(new String(body, 0, Math.min(body.length, 600), StandardCharsets.UTF_8));
	}

	static String abbreviate(String text) {
		return (text.length() <= 300) ? text : text.substring(0, 300) + "...";
	}

}
