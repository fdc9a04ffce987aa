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

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import io.isstreamer.streamer.transport.TransportRequest;
import io.isstreamer.streamer.transport.TransportResponse;
import org.jspecify.annotations.Nullable;

/**
 * One request out to the service: a bucket creation (no batch) or a batch of events, and,
 * once it is over, its answer or failure. It ends exactly once: completed by the thread
 * that sent it, or expired by the sender when its deadline passed.
 */
final class Exchange {

	private static final int IN_FLIGHT = 0;

	private static final int COMPLETED = 1;

	private static final int EXPIRED = 2;

	final PendingEvents.BucketState bucket;

	final @Nullable Batch batch;

	final TransportRequest request;

	final long startedNanos;

	final long deadlineNanos;

	final Duration readTimeout;

	/**
	 * The request is a probe: the service takes no events for now and this request tells
	 * whether it does again.
	 */
	final boolean probe;

	private final AtomicInteger state = new AtomicInteger(IN_FLIGHT);

	private volatile @Nullable TransportResponse response;

	private volatile @Nullable Throwable failure;

	private volatile @Nullable Thread thread;

	Exchange(PendingEvents.BucketState bucket, @Nullable Batch batch, TransportRequest request, long startedNanos,
			long deadlineNanos, Duration readTimeout, boolean probe) {
		this.bucket = bucket;
		this.batch = batch;
		this.request = request;
		this.startedNanos = startedNanos;
		this.deadlineNanos = deadlineNanos;
		this.readTimeout = readTimeout;
		this.probe = probe;
	}

	/**
	 * Called by the sending thread with the answer or the failure.
	 * @param response the answer, or {@code null}
	 * @param failure the failure, or {@code null}
	 * @return {@code false} if the exchange had expired already, so nobody waits for it
	 */
	boolean complete(@Nullable TransportResponse response, @Nullable Throwable failure) {
		this.response = response;
		this.failure = failure;
		return this.state.compareAndSet(IN_FLIGHT, COMPLETED);
	}

	/**
	 * Called by the sender when the deadline passed.
	 * @return {@code false} if the answer came first
	 */
	boolean expire() {
		if (!this.state.compareAndSet(IN_FLIGHT, EXPIRED)) {
			return false;
		}
		Thread thread = this.thread;
		if (thread != null) {
			thread.interrupt();
		}
		return true;
	}

	void runningOn(@Nullable Thread thread) {
		this.thread = thread;
	}

	boolean isCompleted() {
		return this.state.get() == COMPLETED;
	}

	@Nullable TransportResponse response() {
		return this.response;
	}

	@Nullable Throwable failure() {
		return this.failure;
	}

	boolean isBucketCreation() {
		return this.batch == null;
	}

	@Override
	public String toString() {
		return "Exchange[" + this.request + ((this.batch != null) ? ", " + this.batch.count + " events" : "") + "]";
	}

}
