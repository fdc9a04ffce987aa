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

import java.util.BitSet;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.IntPredicate;
import java.util.function.ToDoubleFunction;

import io.isstreamer.streamer.Streamer;
import io.isstreamer.streamer.StreamerStats;
import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.jspecify.annotations.Nullable;

/**
 * Binds a {@link Streamer}'s own counters as meters named
 * {@code initialstate.streamer.*}, so the application's monitoring sees the client's
 * health:
 * <ul>
 * <li>{@code initialstate.streamer.queue.depth}: events in memory, not yet sent;
 * <li>{@code initialstate.streamer.events} by {@code outcome}: {@code delivered},
 * {@code spooled}, {@code replayed}, {@code rejected}, {@code dropped},
 * {@code coalesced};
 * <li>{@code initialstate.streamer.requests} by {@code status}: {@code 2xx}, {@code 400},
 * {@code 401}, {@code 402}, {@code 403}, {@code 413}, {@code 429}, {@code 5xx},
 * {@code other}, and {@code none} for requests that got no answer;
 * <li>{@code initialstate.streamer.spool.events} and
 * {@code initialstate.streamer.spool.bytes}: the spool's backlog;
 * <li>{@code initialstate.streamer.monthly.projected}: the events of a month at the pace
 * delivered in the last hour, and {@code initialstate.streamer.monthly.budget}, the
 * monthly event budget, when one is set.
 * </ul>
 * They are not part of the {@link DefaultSelection default selection} sent to Initial
 * State.
 * <p>
 * A publish or a scrape reads every meter at once; they all read one
 * {@link StreamerStats} snapshot, taken anew when a meter is read a second time or the
 * snapshot is older than {@value #MAX_SNAPSHOT_AGE_MILLIS} ms, so each reading costs the
 * streamer one {@code stats()} call rather than one per meter, and the figures of one
 * reading agree with each other.
 */
public class StreamerMetrics implements MeterBinder {

	/**
	 * Prefix of the meter names.
	 */
	public static final String PREFIX = "initialstate.streamer";

	/**
	 * Longest time, by the registry's clock, that meters share one snapshot of the
	 * streamer's statistics.
	 */
	static final long MAX_SNAPSHOT_AGE_MILLIS = 1_000;

	private static final Map<String, IntPredicate> STATUS_CLASSES = Map.of("2xx",
			(status) -> status >= 200 && status < 300, "400", (status) -> status == 400, "401",
			(status) -> status == 401, "402", (status) -> status == 402, "403", (status) -> status == 403, "413",
			(status) -> status == 413, "429", (status) -> status == 429, "5xx",
			(status) -> status >= 500 && status < 600, "other", StreamerMetrics::isOtherStatus);

	private final Streamer streamer;

	private final Iterable<Tag> tags;

	/**
	 * Create the binder.
	 * @param streamer the streamer to observe
	 */
	public StreamerMetrics(Streamer streamer) {
		this(streamer, Tags.empty());
	}

	/**
	 * Create the binder.
	 * @param streamer the streamer to observe
	 * @param tags tags added to every meter
	 */
	public StreamerMetrics(Streamer streamer, Iterable<Tag> tags) {
		this.streamer = streamer;
		this.tags = tags;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		Snapshots stats = new Snapshots(this.streamer, registry.config().clock());
		gauge(registry, stats, "queue.depth", "Events in memory, not yet delivered or spooled", "events",
				StreamerStats::pending);
		gauge(registry, stats, "spool.events", "Events in the spool, waiting for replay", "events",
				StreamerStats::spoolBacklog);
		gauge(registry, stats, "spool.bytes", "Size of the spool files", "bytes", StreamerStats::spoolBytes);
		events(registry, stats, "delivered", StreamerStats::delivered);
		events(registry, stats, "spooled", StreamerStats::spooled);
		events(registry, stats, "replayed", StreamerStats::replayed);
		events(registry, stats, "rejected", StreamerStats::rejected);
		events(registry, stats, "dropped", StreamerStats::dropped);
		events(registry, stats, "coalesced", StreamerStats::coalesced);
		gauge(registry, stats, "monthly.projected", "Events of a month at the pace delivered in the last hour",
				"events", StreamerStats::projectedMonthlyEvents);
		long budget = this.streamer.stats().monthlyEventBudget();
		if (budget > 0) {
			gauge(registry, stats, "monthly.budget", "Events this application may send to Initial State in a month",
					"events", (snapshot) -> budget);
		}
		STATUS_CLASSES.forEach((status, matches) -> requests(registry, stats, status,
				(snapshot) -> snapshot.requestsByStatus()
					.entrySet()
					.stream()
					.filter((entry) -> matches.test(entry.getKey()))
					.mapToLong(Map.Entry::getValue)
					.sum()));
		requests(registry, stats, "none", StreamerStats::requestFailures);
	}

	private void gauge(MeterRegistry registry, Snapshots stats, String name, String description, String baseUnit,
			ToDoubleFunction<StreamerStats> value) {
		int meter = stats.newMeter();
		Gauge.builder(PREFIX + "." + name, this.streamer, (streamer) -> value.applyAsDouble(stats.read(meter)))
			.description(description)
			.baseUnit(baseUnit)
			.tags(this.tags)
			.register(registry);
	}

	private void events(MeterRegistry registry, Snapshots stats, String outcome,
			ToDoubleFunction<StreamerStats> count) {
		int meter = stats.newMeter();
		FunctionCounter.builder(PREFIX + ".events", this.streamer, (streamer) -> count.applyAsDouble(stats.read(meter)))
			.description("Events by outcome")
			.baseUnit("events")
			.tags(this.tags)
			.tag("outcome", outcome)
			.register(registry);
	}

	private void requests(MeterRegistry registry, Snapshots stats, String status,
			ToDoubleFunction<StreamerStats> count) {
		int meter = stats.newMeter();
		FunctionCounter.builder(PREFIX + ".requests", stats, (snapshots) -> count.applyAsDouble(snapshots.read(meter)))
			.description("Requests to Initial State by HTTP status of the answer")
			.baseUnit("requests")
			.tags(this.tags)
			.tag("status", status)
			.register(registry);
	}

	private static boolean isOtherStatus(int status) {
		return status < 200 || (status >= 300 && status < 400) || (status >= 400 && status < 500 && status != 400
				&& status != 401 && status != 402 && status != 403 && status != 413 && status != 429) || status >= 600;
	}

	/**
	 * The statistics snapshot the meters of one registry share: taken anew when a meter
	 * that already read it reads again (the next publish or scrape), or when it is too
	 * old. The meters' functions hold it; their state object is the streamer, which
	 * Micrometer holds weakly and the application strongly.
	 */
	static final class Snapshots {

		private final Streamer streamer;

		private final Clock clock;

		private int meters;

		private @Nullable StreamerStats snapshot;

		private long takenAt;

		private final BitSet readers = new BitSet();

		Snapshots(Streamer streamer, Clock clock) {
			this.streamer = streamer;
			this.clock = clock;
		}

		synchronized int newMeter() {
			return this.meters++;
		}

		synchronized StreamerStats read(int meter) {
			long now = this.clock.monotonicTime();
			StreamerStats snapshot = this.snapshot;
			if (snapshot == null || this.readers.get(meter)
					|| now - this.takenAt > TimeUnit.MILLISECONDS.toNanos(MAX_SNAPSHOT_AGE_MILLIS)) {
				snapshot = this.streamer.stats();
				this.snapshot = snapshot;
				this.takenAt = now;
				this.readers.clear();
			}
			this.readers.set(meter);
			return snapshot;
		}

	}

}
