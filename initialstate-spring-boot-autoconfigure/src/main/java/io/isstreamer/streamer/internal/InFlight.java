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

import java.util.concurrent.CompletableFuture;

import io.isstreamer.streamer.transport.TransportResponse;
import org.jspecify.annotations.Nullable;

/**
 * The one request out: a bucket creation (no batch) or a batch of events.
 */
final class InFlight {

	final PendingEvents.BucketState bucket;

	final @Nullable Batch batch;

	final CompletableFuture<TransportResponse> future = new CompletableFuture<>();

	long startedNanos;

	InFlight(PendingEvents.BucketState bucket, @Nullable Batch batch) {
		this.bucket = bucket;
		this.batch = batch;
	}

}
