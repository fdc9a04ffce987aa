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
import java.time.Instant;
import java.util.concurrent.CompletableFuture;

import io.isstreamer.streamer.Streamer;
import io.isstreamer.streamer.StreamerStats;
import org.jspecify.annotations.Nullable;

/**
 * The {@link Streamer} made by the builder. Work in progress.
 */
public final class DefaultStreamer implements Streamer {

	public DefaultStreamer(StreamerConfig config) {
		throw new UnsupportedOperationException("not implemented yet");
	}

	@Override
	public boolean log(String key, @Nullable Object value) {
		throw new UnsupportedOperationException();
	}

	@Override
	public boolean log(String key, @Nullable Object value, double epochSeconds) {
		throw new UnsupportedOperationException();
	}

	@Override
	public boolean log(String key, @Nullable Object value, Instant timestamp) {
		throw new UnsupportedOperationException();
	}

	@Override
	public int logObject(@Nullable Object object) {
		throw new UnsupportedOperationException();
	}

	@Override
	public int logObject(@Nullable Object object, @Nullable String keyPrefix) {
		throw new UnsupportedOperationException();
	}

	@Override
	public int logObject(@Nullable Object object, @Nullable String keyPrefix, double epochSeconds) {
		throw new UnsupportedOperationException();
	}

	@Override
	public void setBucket(String bucketName) {
		throw new UnsupportedOperationException();
	}

	@Override
	public void setBucket(String bucketName, @Nullable String bucketKey) {
		throw new UnsupportedOperationException();
	}

	@Override
	public boolean flush() {
		throw new UnsupportedOperationException();
	}

	@Override
	public boolean flush(Duration timeout) {
		throw new UnsupportedOperationException();
	}

	@Override
	public CompletableFuture<Boolean> flushAsync() {
		throw new UnsupportedOperationException();
	}

	@Override
	public void close() {
		throw new UnsupportedOperationException();
	}

	@Override
	public StreamerStats stats() {
		throw new UnsupportedOperationException();
	}

}
