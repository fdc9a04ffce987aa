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

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;

/**
 * Batches in memory that wait to be sent again, in lanes: the resend lane (halves of a
 * batch the service found too large, claims waiting for their bucket to be created, and,
 * without a spool, batches to retry), the bisect lane (pieces of batches the service
 * refused, searched depth first for the events it refuses), and single refused events
 * waiting for a verdict. Used by the sender thread only.
 */
final class Lanes {

	private final ArrayDeque<Batch> resend = new ArrayDeque<>();

	private final ArrayDeque<Batch> pieces = new ArrayDeque<>();

	/**
	 * Single events refused while no request has succeeded since the refusal began:
	 * either the events are bad (a success elsewhere will show it) or the service refuses
	 * the requests themselves (more refusals will show it).
	 */
	private final ArrayDeque<Batch> verdicts = new ArrayDeque<>();

	/**
	 * Wait to be sent again, after what waits already.
	 * @param batch the batch
	 */
	void resend(Batch batch) {
		this.resend.addLast(batch);
	}

	/**
	 * Wait to be sent again before anything else in the resend lane.
	 * @param batch the batch
	 */
	void resendFirst(Batch batch) {
		this.resend.addFirst(batch);
	}

	/**
	 * Bisect pieces next, depth first: the latest pieces go before older ones.
	 * @param halves the two halves of a refused batch, in order
	 */
	void bisect(Batch[] halves) {
		for (int i = halves.length - 1; i >= 0; i--) {
			this.pieces.addFirst(halves[i]);
		}
	}

	/**
	 * Hold a single refused event until it is clear whether the event or the request is
	 * at fault.
	 * @param batch the batch of one event
	 */
	void awaitVerdict(Batch batch) {
		this.verdicts.addLast(batch);
	}

	/**
	 * Return how many single events wait for a verdict.
	 * @return the count
	 */
	int awaitingVerdict() {
		return this.verdicts.size();
	}

	/**
	 * Take the single events whose refusal came before a success: they are bad.
	 * @param successes requests that have succeeded so far
	 * @return the events, each in a batch of its own
	 */
	List<Batch> takeJudged(long successes) {
		List<Batch> judged = new ArrayList<>();
		drainInto(this.verdicts, (batch) -> batch.refusal == null || batch.refusal.successesBefore() < successes,
				judged);
		return judged;
	}

	/**
	 * Take the first batch of the resend lane that the filter allows.
	 * @param sendable whether a batch may be sent now
	 * @return the batch, or {@code null}
	 */
	@Nullable Batch takeResend(Predicate<Batch> sendable) {
		return take(this.resend, sendable);
	}

	/**
	 * Take the next piece to bisect that the filter allows.
	 * @param sendable whether a batch may be sent now
	 * @return the piece, or {@code null}
	 */
	@Nullable Batch takePiece(Predicate<Batch> sendable) {
		return take(this.pieces, sendable);
	}

	boolean hasResend(Predicate<Batch> sendable) {
		return this.resend.stream().anyMatch(sendable);
	}

	boolean hasPieces(Predicate<Batch> sendable) {
		return this.pieces.stream().anyMatch(sendable);
	}

	/**
	 * Take every batch the filter selects out of both lanes.
	 * @param selected which batches to take
	 * @return the batches taken
	 */
	List<Batch> takeAll(Predicate<Batch> selected) {
		List<Batch> taken = new ArrayList<>();
		drainInto(this.resend, selected, taken);
		drainInto(this.pieces, selected, taken);
		drainInto(this.verdicts, selected, taken);
		return taken;
	}

	boolean contains(Batch batch) {
		return this.resend.contains(batch) || this.pieces.contains(batch) || this.verdicts.contains(batch);
	}

	boolean isEmpty() {
		return this.resend.isEmpty() && this.pieces.isEmpty() && this.verdicts.isEmpty();
	}

	long events() {
		long events = 0;
		for (Batch batch : this.resend) {
			events += batch.count;
		}
		for (Batch batch : this.pieces) {
			events += batch.count;
		}
		for (Batch batch : this.verdicts) {
			events += batch.count;
		}
		return events;
	}

	/**
	 * Return the oldest batch held only in memory (not claimed from the spool).
	 * @return the batch, or {@code null}
	 */
	@Nullable Batch oldestUnclaimed() {
		Batch oldest = null;
		for (ArrayDeque<Batch> lane : List.of(this.resend, this.pieces, this.verdicts)) {
			for (Batch batch : lane) {
				if (!batch.isClaimed() && (oldest == null || batch.bornNanos - oldest.bornNanos < 0)) {
					oldest = batch;
				}
			}
		}
		return oldest;
	}

	private static @Nullable Batch take(ArrayDeque<Batch> lane, Predicate<Batch> sendable) {
		for (Iterator<Batch> iterator = lane.iterator(); iterator.hasNext();) {
			Batch batch = iterator.next();
			if (sendable.test(batch)) {
				iterator.remove();
				return batch;
			}
		}
		return null;
	}

	private static void drainInto(ArrayDeque<Batch> lane, Predicate<Batch> selected, List<Batch> taken) {
		for (Iterator<Batch> iterator = lane.iterator(); iterator.hasNext();) {
			Batch batch = iterator.next();
			if (selected.test(batch)) {
				iterator.remove();
				taken.add(batch);
			}
		}
	}

}
