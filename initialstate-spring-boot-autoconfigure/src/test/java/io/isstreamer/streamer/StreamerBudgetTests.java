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

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A monthly event budget: with {@link BudgetPolicy#COALESCE}, ten keys logged far more
 * often than the budget allows are sent at its pace, each key in every time slot with the
 * latest value of the slot; a slow key is never touched; the books balance throughout.
 * With {@link BudgetPolicy#WARN}, everything is sent and the warning names the keys.
 */
@Timeout(180)
@ExtendWith(OutputCaptureExtension.class)
class StreamerBudgetTests {

	private static final int KEYS = 10;

	private static final int PER_KEY_PER_SECOND = 50;

	/**
	 * Seconds the noisy keys are logged; a minute unless told otherwise.
	 */
	private static final int SECONDS = Integer.getInteger("budget.seconds", 60);

	/**
	 * A month's worth of 10 events a second.
	 */
	private static final long BUDGET = 10L * Duration.ofDays(31).toSeconds();

	@TempDir
	Path spoolDirectory;

	@Test
	void coalescingSendsAtTheBudgetsPaceEveryKeyInEverySlotWithItsLatestValue() throws Exception {
		RecordingTransport transport = new RecordingTransport();
		Streamer streamer = streamer(transport, BudgetPolicy.COALESCE);
		List<String> problems = new CopyOnWriteArrayList<>();
		Map<String, Double> loggedAt = new ConcurrentHashMap<>();
		Thread watcher = watch(streamer, problems);
		long start = System.nanoTime();
		long slowLogged = 0;
		int tick = 0;
		long tickNanos = TimeUnit.SECONDS.toNanos(1) / PER_KEY_PER_SECOND;
		while (System.nanoTime() - start < TimeUnit.SECONDS.toNanos(SECONDS)) {
			for (int key = 0; key < KEYS; key++) {
				double epoch = System.currentTimeMillis() / 1000.0;
				String value = "k" + key + "-" + tick;
				loggedAt.put(value, epoch);
				streamer.log("noisy-" + key, value, epoch);
			}
			if (tick % (5 * PER_KEY_PER_SECOND) == 0) {
				// a key logged every five seconds, far slower than its slot
				streamer.log("slow", "s-" + tick);
				slowLogged++;
			}
			tick++;
			LockSupport.parkNanos(start + tick * tickNanos - System.nanoTime());
		}
		double seconds = (System.nanoTime() - start) / 1e9;
		assertThat(streamer.flush(Duration.ofSeconds(30))).isTrue();
		watcher.interrupt();
		watcher.join();
		StreamerStats stats = streamer.stats();
		List<SentEvent> sent = transport.events();
		List<SentEvent> noisy = sent.stream().filter((event) -> event.key().startsWith("noisy")).toList();
		double rate = noisy.size() / seconds;
		assertThat(rate).as("noisy events sent a second, the budget being 10").isBetween(9.0, 11.0);
		// every key in every slot (one a second), each value stamped with its own time
		for (int key = 0; key < KEYS; key++) {
			String name = "noisy-" + key;
			List<SentEvent> ofKey = noisy.stream().filter((event) -> event.key().equals(name)).toList();
			List<Double> epochs = ofKey.stream().map((event) -> Double.parseDouble(event.epoch())).toList();
			for (int i = 1; i < epochs.size(); i++) {
				assertThat(epochs.get(i) - epochs.get(i - 1)).as("gap between points of %s", name).isLessThan(2.5);
			}
			for (SentEvent event : ofKey) {
				String value = unquote(event.value());
				assertThat(Double.parseDouble(event.epoch())).isCloseTo(loggedAt.get(value),
						org.assertj.core.api.Assertions.within(1e-5));
			}
			assertThat(epochs).isSorted();
		}
		// the value sent for a slot is its latest: every value logged after it and before
		// the next sent one was coalesced, none sent out of turn
		Map<String, Long> coalescedByKey = stats.coalescedByKey();
		assertThat(coalescedByKey).doesNotContainKey("slow").containsKeys("noisy-0", "noisy-9");
		assertThat(sent.stream().filter((event) -> event.key().equals("slow"))).hasSize((int) slowLogged);
		long logged = stats.accepted();
		assertThat(stats.delivered() + stats.coalesced()).isEqualTo(logged);
		assertThat(coalescedByKey.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(stats.coalesced());
		assertThat(problems).isEmpty();
		assertThat(stats.monthlyEventBudget()).isEqualTo(BUDGET);
		streamer.close();
	}

	@Test
	void warningSendsEverythingAndNamesTheKeysThatSendTheMost(CapturedOutput output) {
		Logger logger = (Logger) LoggerFactory.getLogger(Streamer.class);
		Level level = logger.getLevel();
		logger.setLevel(Level.WARN);
		try {
			RecordingTransport transport = new RecordingTransport();
			Streamer streamer = streamer(transport, BudgetPolicy.WARN);
			for (int i = 0; i < 3_000; i++) {
				for (int key = 0; key < KEYS; key++) {
					streamer.log("noisy-" + key, i);
				}
			}
			assertThat(streamer.flush(Duration.ofSeconds(60))).isTrue();
			assertThat(transport.events()).hasSize(30_000);
			await().atMost(Duration.ofSeconds(30))
				.untilAsserted(() -> assertThat(output.getAll()).contains("more than its budget of 26,784,000")
					.containsPattern("worth: ('noisy-\\d' [\\d,]+, ){4}'noisy-\\d' [\\d,]+ and 5 other keys\\.")
					.contains("initialstate.budget.policy=coalesce"));
			StreamerStats stats = streamer.stats();
			assertThat(stats.coalesced()).isZero();
			assertThat(stats.projectedMonthlyEvents()).isGreaterThan(BUDGET);
			streamer.close();
		}
		finally {
			logger.setLevel(level);
		}
	}

	private Streamer streamer(RecordingTransport transport, BudgetPolicy policy) {
		return Streamer.builder()
			.transport(transport)
			.bucketKey("b")
			.spoolDirectory(this.spoolDirectory)
			.requestsPerSecond(100)
			.monthlyEventBudget(BUDGET)
			.budgetPolicy(policy)
			.shutdownHook(false)
			.build();
	}

	private static Thread watch(Streamer streamer, List<String> problems) {
		Thread watcher = new Thread(() -> {
			while (!Thread.currentThread().isInterrupted() && problems.size() < 5) {
				StreamerStats stats = streamer.stats();
				long left = stats.logged() + stats.recovered();
				long right = stats.rejected() + stats.dropped() + stats.coalesced() + stats.pending()
						+ stats.delivered() + stats.spoolBacklog();
				if (left != right) {
					problems.add(stats.toString());
				}
				LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
			}
		}, "budget-watcher");
		watcher.setDaemon(true);
		watcher.start();
		return watcher;
	}

	private static String unquote(String value) {
		return value.substring(1, value.length() - 1);
	}

}
