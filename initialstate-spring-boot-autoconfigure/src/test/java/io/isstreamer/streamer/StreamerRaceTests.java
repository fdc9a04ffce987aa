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
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
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
 * call, so the bucket it lands in is checked exactly despite the race.
 */
@Timeout(120)
class StreamerRaceTests {

	private static final int PRODUCERS = 4;

	private static final int SWITCHES = 40;

	/**
	 * Events each producer logs at most: the switches take half of them, and the streamer
	 * is closed while the producers log the rest.
	 */
	private static final int PER_PRODUCER = 10_000;

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
		CyclicBarrier start = new CyclicBarrier(PRODUCERS + 2);
		CountDownLatch switched = new CountDownLatch(1);
		AtomicInteger refusedWhenClosed = new AtomicInteger();
		Semaphore progress = new Semaphore(0);
		List<Future<List<String>>> producers = new ArrayList<>();
		for (int p = 0; p < PRODUCERS; p++) {
			int producer = p;
			producers.add(pool.submit(() -> {
				List<String> accepted = new ArrayList<>();
				start.await();
				for (int seq = 0; seq < PER_PRODUCER; seq++) {
					int before = this.published;
					String value = producer + ":" + seq + ":" + before;
					boolean ok = streamer.log("k", value);
					if (seq % 100 == 99) {
						progress.release();
					}
					int after = this.started;
					if (ok) {
						accepted.add(value + ":" + after);
					}
					else {
						assertThat(streamer.stats().state()).isNotEqualTo(StreamerStats.State.RUNNING);
						refusedWhenClosed.incrementAndGet();
						return accepted;
					}
				}
				return accepted;
			}));
		}
		Future<?> switcher = pool.submit(() -> {
			start.await();
			for (int generation = 1; generation <= SWITCHES; generation++) {
				// let every producer log a while in each bucket
				progress.acquire(PRODUCERS);
				this.started = generation;
				streamer.setBucket("Generation " + generation, "gen-" + generation);
				this.published = generation;
				streamer.flushAsync();
			}
			switched.countDown();
			return null;
		});
		Future<?> flusher = pool.submit(() -> {
			start.await();
			while (switched.getCount() > 0) {
				streamer.flush(Duration.ofMillis(50));
			}
			return null;
		});
		switched.await(30, TimeUnit.SECONDS);
		// close while the producers are still at it
		Future<?> closer = pool.submit(streamer::close);
		closer.get(45, TimeUnit.SECONDS);
		switcher.get(5, TimeUnit.SECONDS);
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
		Map<String, String> delivered = new HashMap<>();
		for (SentEvent event : transport.events()) {
			String value = event.value().substring(1, event.value().length() - 1);
			assertThat(delivered.put(value, event.bucketKey())).as("sent twice: %s", value).isNull();
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
		assertThat(delivered.keySet()).isSubsetOf(accepted.keySet());
		StreamerStats stats = streamer.stats();
		StreamerFailureTests.assertBalanced(stats);
		assertThat(stats.dropped()).isZero();
		assertThat(stats.state()).isEqualTo(StreamerStats.State.CLOSED);
		// an event offered in the instant the streamer closed is counted as refused,
		// though its log call had returned true: at most one per producer
		assertThat(stranded).isLessThanOrEqualTo(PRODUCERS)
			.isEqualTo(
					stats.rejectedByReason().getOrDefault(RejectReason.STREAMER_CLOSED, 0L) - refusedWhenClosed.get());
		assertThat(new java.util.HashSet<>(delivered.values())).as("buckets that got events")
			.contains("gen-0")
			.hasSizeGreaterThan(1);
		assertThat(accepted.size()).as("closed while the producers were at it").isLessThan(PRODUCERS * PER_PRODUCER);
		System.out.printf("Race: %d events accepted, %d delivered across %d buckets, %d stranded at close%n",
				accepted.size(), delivered.size(), new java.util.HashSet<>(delivered.values()).size(), stranded);
	}

}
