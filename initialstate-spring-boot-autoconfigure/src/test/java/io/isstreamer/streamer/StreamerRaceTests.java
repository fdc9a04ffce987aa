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

package io.isstreamer.streamer;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Phaser;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Producers race a thread that switches buckets, one that flushes and one that closes the
 * streamer: no deadlock, no exception, no event lost or sent to the wrong bucket. Each
 * event carries the bucket generations published before and started after its {@code log}
 * call, so the bucket it lands in is checked exactly despite the race. The interleaving
 * is arranged, not left to the speed of threads: each bucket switch happens halfway
 * through a round in which every producer logs, and producers log until the streamer
 * refuses them, so it is always closed while they are at it.
 */
@Timeout(120)
class StreamerRaceTests {

	private static final int PRODUCERS = 4;

	private static final int SWITCHES = 40;

	/**
	 * Events each producer logs per bucket switch; the switch comes halfway through.
	 */
	private static final int PER_ROUND = 200;

	/**
	 * Bound on the events a producer logs after the switches, should close never come.
	 */
	private static final int AFTER_SWITCHES = 5_000_000;

	@TempDir
	Path spoolDirectory;

	private volatile int published;

	private volatile int started;

	@RepeatedTest(2)
	void producersRacingSetBucketFlushAndCloseLoseNothingAndNeverMixBuckets() throws Exception {
		RecordingTransport transport = new RecordingTransport();
		Streamer streamer = Streamer.builder()
			.transport(transport)
			.bucketKey("gen-0")
			.spoolDirectory(this.spoolDirectory)
			.requestsPerSecond(1000)
			.maxBufferedEvents(1 << 18)
			.closeTimeout(Duration.ofSeconds(30))
			.build();
		ExecutorService pool = Executors.newFixedThreadPool(PRODUCERS + 2);
		Phaser rounds = new Phaser(PRODUCERS + 1);
		CountDownLatch[] halfway = new CountDownLatch[SWITCHES + 1];
		for (int i = 0; i < halfway.length; i++) {
			halfway[i] = new CountDownLatch(PRODUCERS);
		}
		CountDownLatch loggingAfterSwitches = new CountDownLatch(PRODUCERS);
		AtomicInteger queueFull = new AtomicInteger();
		List<Future<List<String>>> producers = new ArrayList<>();
		for (int p = 0; p < PRODUCERS; p++) {
			int producer = p;
			producers.add(pool.submit(() -> {
				List<String> accepted = new ArrayList<>();
				int seq = 0;
				for (int round = 1; round <= SWITCHES; round++) {
					for (int i = 0; i < PER_ROUND; i++) {
						if (i == PER_ROUND / 2) {
							halfway[round].countDown();
						}
						if (!log(streamer, producer, seq++, accepted, queueFull)) {
							rounds.arriveAndDeregister();
							return accepted;
						}
					}
					rounds.arriveAndAwaitAdvance();
				}
				rounds.arriveAndDeregister();
				for (int i = 0; i < AFTER_SWITCHES; i++) {
					if (i == PER_ROUND) {
						loggingAfterSwitches.countDown();
					}
					if (!log(streamer, producer, seq++, accepted, queueFull)) {
						break;
					}
				}
				return accepted;
			}));
		}
		Future<?> switcher = pool.submit(() -> {
			for (int generation = 1; generation <= SWITCHES; generation++) {
				// every producer is halfway through the round: switch under their feet
				halfway[generation].await();
				this.started = generation;
				streamer.setBucket("Generation " + generation, "gen-" + generation);
				this.published = generation;
				streamer.flushAsync();
				rounds.arriveAndAwaitAdvance();
			}
			rounds.arriveAndDeregister();
			return null;
		});
		Future<?> flusher = pool.submit(() -> {
			while (!switcher.isDone()) {
				streamer.flush(Duration.ofMillis(50));
			}
			return null;
		});
		switcher.get(60, TimeUnit.SECONDS);
		// close while the producers are still at it: they only stop when refused
		assertThat(loggingAfterSwitches.await(30, TimeUnit.SECONDS)).isTrue();
		Future<?> closer = pool.submit(streamer::close);
		closer.get(45, TimeUnit.SECONDS);
		flusher.get(5, TimeUnit.SECONDS);
		Map<String, String> accepted = new HashMap<>();
		for (Future<List<String>> producer : producers) {
			for (String entry : producer.get(10, TimeUnit.SECONDS)) {
				int last = entry.lastIndexOf(':');
				accepted.put(entry.substring(0, last), entry.substring(last + 1));
			}
		}
		pool.shutdown();
		assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
		assertThat(ManagementFactory.getThreadMXBean().findDeadlockedThreads()).isNull();
		// what close could not deliver waits in the spool: a second streamer replays it
		StreamerStats closed = streamer.stats();
		StreamerFailureTests.assertBalanced(closed);
		assertThat(closed.state()).isEqualTo(StreamerStats.State.CLOSED);
		RecordingTransport replay = new RecordingTransport();
		try (Streamer second = Streamer.builder()
			.transport(replay)
			.bucketKey("gen-0")
			.spoolDirectory(this.spoolDirectory)
			.requestsPerSecond(1000)
			.build()) {
			assertThat(second.flush(Duration.ofSeconds(60))).isTrue();
			assertThat(second.stats().replayed()).isEqualTo(closed.spoolBacklog());
		}
		Map<String, String> delivered = new HashMap<>();
		for (RecordingTransport recording : List.of(transport, replay)) {
			for (SentEvent event : recording.events()) {
				String value = event.value().substring(1, event.value().length() - 1);
				assertThat(delivered.put(value, event.bucketKey())).as("sent twice: %s", value).isNull();
			}
		}
		int stranded = 0;
		for (Map.Entry<String, String> event : accepted.entrySet()) {
			String bucket = delivered.get(event.getKey());
			if (bucket == null) {
				stranded++;
				continue;
			}
			int generation = Integer.parseInt(bucket.substring("gen-".length()));
			int before = Integer.parseInt(event.getKey().split(":")[2]);
			int after = Integer.parseInt(event.getValue());
			assertThat(generation).as("bucket of %s", event.getKey()).isBetween(before, after);
		}
		Set<String> unexpected = new HashSet<>(delivered.keySet());
		unexpected.removeAll(accepted.keySet());
		assertThat(unexpected).as("delivered but never accepted").isEmpty();
		// an event offered in the instant the streamer closed, after its last look at
		// the queue, is counted as dropped though its log call had returned true: at
		// most one per producer
		assertThat(stranded).isLessThanOrEqualTo(PRODUCERS);
		assertThat(closed.droppedByReason().getOrDefault(DropReason.STREAMER_CLOSED, 0L)).isEqualTo(stranded);
		// a producer tells a full queue from a closed streamer by the state it reads
		// after the refusal: one refused for a full queue while the streamer was
		// closing stops as if closed, so its count is a lower bound
		long queueFullDropped = closed.droppedByReason().getOrDefault(DropReason.QUEUE_FULL, 0L);
		assertThat(queueFullDropped).isBetween((long) queueFull.get(), (long) queueFull.get() + PRODUCERS);
		assertThat(closed.dropped()).isEqualTo(stranded + queueFullDropped);
		assertThat(new HashSet<>(delivered.values())).as("buckets that got events")
			.hasSize(SWITCHES + 1)
			.contains("gen-0");
	}

	/**
	 * Log one event, and say whether to go on: a refusal because the queue is full is
	 * counted and the event left out; one because the streamer closed ends the producer.
	 */
	private boolean log(Streamer streamer, int producer, int seq, List<String> accepted, AtomicInteger queueFull) {
		int before = this.published;
		String value = producer + ":" + seq + ":" + before;
		boolean ok = streamer.log("k", value);
		int after = this.started;
		if (ok) {
			accepted.add(value + ":" + after);
			return true;
		}
		if (streamer.stats().state() == StreamerStats.State.RUNNING) {
			queueFull.incrementAndGet();
			Thread.yield();
			return true;
		}
		return false;
	}

}
