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

package io.isstreamer.micrometer;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import io.isstreamer.streamer.ServiceStatus;
import io.isstreamer.streamer.Streamer;
import io.isstreamer.streamer.StreamerStats;
import org.jspecify.annotations.Nullable;

/**
 * A {@link Streamer} for registry tests: records every timestamped {@code log} call, in
 * order, and accepts it.
 */
class RecordingStreamer implements Streamer {

	private final List<Logged> logged = new CopyOnWriteArrayList<>();

	private long monthlyEventBudget;

	@Override
	public boolean log(String key, @Nullable Object value, double epochSeconds) {
		this.logged.add(new Logged(key, value, epochSeconds));
		return true;
	}

	/**
	 * Return and forget what was logged so far.
	 * @return the calls, in order
	 */
	List<Logged> take() {
		List<Logged> taken = new ArrayList<>(this.logged);
		this.logged.removeAll(taken);
		return taken;
	}

	/**
	 * Return and forget what was logged so far, as values by key.
	 * @return the values by key, in the order they were logged
	 */
	Map<String, Object> takeValues() {
		Map<String, Object> values = new LinkedHashMap<>();
		take().forEach((logged) -> values.put(logged.key(), logged.value()));
		return values;
	}

	@Override
	public boolean log(String key, @Nullable Object value) {
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
		return true;
	}

	@Override
	public boolean flush(Duration timeout) {
		return true;
	}

	@Override
	public CompletableFuture<Boolean> flushAsync() {
		return CompletableFuture.completedFuture(true);
	}

	@Override
	public CompletableFuture<Boolean> replaySpool() {
		return CompletableFuture.completedFuture(true);
	}

	@Override
	public void close() {
	}

	@Override
	public StreamerStats stats() {
		return new StreamerStats(StreamerStats.State.RUNNING, ServiceStatus.OK, "b", "b", this.logged.size(), 0,
				Map.of(), 0, 0, 0, 0, 0, 0, 0, 0, 0, Map.of(), 0, Map.of(), 0, Map.of(), 0, null, null, null, null,
				this.monthlyEventBudget, 0);
	}

	/**
	 * Set the monthly event budget the statistics show.
	 * @param monthlyEventBudget the budget, 0 for none
	 */
	void monthlyEventBudget(long monthlyEventBudget) {
		this.monthlyEventBudget = monthlyEventBudget;
	}

	record Logged(String key, @Nullable Object value, double epochSeconds) {

	}

}
