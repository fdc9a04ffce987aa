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

import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import io.isstreamer.streamer.DropReason;
import io.isstreamer.streamer.RejectReason;
import org.jspecify.annotations.Nullable;

/**
 * The streamer's counters, read by {@code stats()}, metrics and health. Producers touch
 * only the striped adders; the sender thread writes the rest.
 */
final class Counters {

	final LongAdder logged = new LongAdder();

	private final LongAdder[] rejected = newAdders(RejectReason.values().length);

	private final AtomicLong[] dropped = newAtomics(DropReason.values().length);

	final AtomicLong delivered = new AtomicLong();

	final AtomicLong spooled = new AtomicLong();

	final AtomicLong replayed = new AtomicLong();

	final AtomicLong requests = new AtomicLong();

	final AtomicLong requestFailures = new AtomicLong();

	private final Map<Integer, AtomicLong> requestsByStatus = new ConcurrentHashMap<>();

	private volatile @Nullable Instant lastSuccess;

	private volatile @Nullable String lastError;

	private volatile @Nullable Instant lastErrorTime;

	private volatile @Nullable Instant failingSince;

	void rejected(RejectReason reason) {
		this.rejected[reason.ordinal()].increment();
	}

	void dropped(DropReason reason, long events) {
		this.dropped[reason.ordinal()].addAndGet(events);
	}

	void answered(int status) {
		this.requestsByStatus.computeIfAbsent(status, (key) -> new AtomicLong()).incrementAndGet();
	}

	void success() {
		this.lastSuccess = Instant.now();
		this.failingSince = null;
	}

	void error(String message) {
		Instant now = Instant.now();
		this.lastError = message;
		this.lastErrorTime = now;
		if (this.failingSince == null) {
			this.failingSince = now;
		}
	}

	long rejectedTotal() {
		long total = 0;
		for (LongAdder adder : this.rejected) {
			total += adder.sum();
		}
		return total;
	}

	Map<RejectReason, Long> rejectedByReason() {
		Map<RejectReason, Long> result = new EnumMap<>(RejectReason.class);
		for (RejectReason reason : RejectReason.values()) {
			long count = this.rejected[reason.ordinal()].sum();
			if (count > 0) {
				result.put(reason, count);
			}
		}
		return result;
	}

	long droppedTotal() {
		long total = 0;
		for (AtomicLong count : this.dropped) {
			total += count.get();
		}
		return total;
	}

	Map<DropReason, Long> droppedByReason() {
		Map<DropReason, Long> result = new EnumMap<>(DropReason.class);
		for (DropReason reason : DropReason.values()) {
			long count = this.dropped[reason.ordinal()].get();
			if (count > 0) {
				result.put(reason, count);
			}
		}
		return result;
	}

	Map<Integer, Long> requestsByStatus() {
		Map<Integer, Long> result = new TreeMap<>();
		this.requestsByStatus.forEach((status, count) -> result.put(status, count.get()));
		return result;
	}

	@Nullable Instant lastSuccess() {
		return this.lastSuccess;
	}

	@Nullable String lastError() {
		return this.lastError;
	}

	@Nullable Instant lastErrorTime() {
		return this.lastErrorTime;
	}

	@Nullable Instant failingSince() {
		return this.failingSince;
	}

	private static LongAdder[] newAdders(int size) {
		LongAdder[] adders = new LongAdder[size];
		for (int i = 0; i < size; i++) {
			adders[i] = new LongAdder();
		}
		return adders;
	}

	private static AtomicLong[] newAtomics(int size) {
		AtomicLong[] atomics = new AtomicLong[size];
		for (int i = 0; i < size; i++) {
			atomics[i] = new AtomicLong();
		}
		return atomics;
	}

}
