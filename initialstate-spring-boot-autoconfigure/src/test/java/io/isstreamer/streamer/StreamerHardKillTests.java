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

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.isstreamer.streamer.FaultyService.Received;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The acked-means-delivered oracle under SIGKILL: a child JVM logs numbered events to a
 * service that is down and is killed at random moments, over and over on the same spool;
 * then the service comes up (slow), the spool is replayed, and the replaying child is
 * killed a few times too. Every event the child knew was safe in the spool before a kill
 * is delivered, once, or twice when it was in a request whose answer a kill cut off; what
 * is lost was only in memory at a kill; a torn spool line never blocks replay.
 */
@Timeout(300)
class StreamerHardKillTests {

	private static final int LOGGING_KILLS = 18;

	private static final int REPLAY_KILLS = 4;

	@TempDir
	Path temp;

	private final List<Process> processes = new ArrayList<>();

	private final Random random = new Random();

	@AfterEach
	void killWhatIsLeft() throws InterruptedException {
		for (Process process : this.processes) {
			process.destroyForcibly();
			process.waitFor(10, TimeUnit.SECONDS);
		}
	}

	@Test
	void everyEventSafeInTheSpoolBeforeAKillIsDeliveredAndOnlyALostAnswerRepeatsOne() throws Exception {
		Path spool = this.temp.resolve("spool");
		List<Run> runs = new ArrayList<>();
		Map<Long, Integer> mayRepeat = new HashMap<>();
		try (FaultyService service = new FaultyService()) {
			service.down();
			long next = 0;
			for (int kill = 0; kill < LOGGING_KILLS; kill++) {
				// every sixth kill comes while the child starts and opens the spool
				boolean atStart = kill % 6 == 5;
				Run run = runAndKill(List.of("log", spool.toString(), service.uri().toString(), Long.toString(next)),
						atStart, atStart ? this.random.nextInt(1000) : 20 + this.random.nextInt(600));
				runs.add(run);
				next = Math.max(next, run.loggedEnd);
			}
			tearTheNewestSpoolFile(spool);
			service.delay(Duration.ofMillis(20));
			service.up();
			for (int kill = 0; kill < REPLAY_KILLS; kill++) {
				int index = this.processes.size();
				Process process = start(List.of("drain", spool.toString(), service.uri().toString()), index);
				// kill it while it replays
				int before = service.received().size();
				await().atMost(Duration.ofSeconds(30))
					.pollInterval(Duration.ofMillis(5))
					.until(() -> service.received().size() > before);
				process.waitFor(this.random.nextInt(300), TimeUnit.MILLISECONDS);
				inFlightOrJustAnswered(service.received()).forEach((id) -> mayRepeat.merge(id, 1, Integer::sum));
				process.destroyForcibly();
				assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
			}
			int index = this.processes.size();
			Process last = start(List.of("drain", spool.toString(), service.uri().toString()), index);
			assertThat(last.waitFor(120, TimeUnit.SECONDS)).as("the last run drains the spool").isTrue();
			List<String> lastOutput = oracleLines(index);
			System.out.println("Hard kill, last run: " + lastOutput);
			assertThat(lastOutput).anyMatch((line) -> line.startsWith("DRAINED") && line.endsWith("backlog=0"));
			check(runs, service.deliveries(), mayRepeat);
		}
		assertKeyNeverShowed();
		SpoolFiles.assertOwnerOnlyAndFreeOf(spool, HardKillChild.ACCESS_KEY);
	}

	private void check(List<Run> runs, Map<String, Integer> deliveries, Map<Long, Integer> mayRepeat) {
		Map<Long, Integer> delivered = new HashMap<>();
		deliveries.forEach((value, count) -> delivered.put(Long.parseLong(value), count));
		long durable = 0;
		long logged = 0;
		long lost = 0;
		long maxLostInARun = 0;
		long killedBeforeLogging = 0;
		for (Run run : runs) {
			assertThat(run.durableEnd).isLessThanOrEqualTo(run.loggedEnd);
			for (long id = run.first; id < run.durableEnd; id++) {
				assertThat(delivered).as("event %d was safe in the spool before the kill", id).containsKey(id);
			}
			long lostInRun = 0;
			for (long id = run.first; id < run.loggedEnd; id++) {
				lostInRun += delivered.containsKey(id) ? 0 : 1;
			}
			durable += run.durableEnd - run.first;
			logged += run.loggedEnd - run.first;
			lost += lostInRun;
			maxLostInARun = Math.max(maxLostInARun, lostInRun);
			killedBeforeLogging += (run.loggedEnd == run.first) ? 1 : 0;
			// only the chunk logged after the last safe point was in memory
			assertThat(lostInRun).isLessThanOrEqualTo(run.loggedEnd - run.durableEnd);
		}
		long phantoms = delivered.keySet().stream().filter((id) -> !loggedBy(runs, id)).count();
		assertThat(phantoms).as("events delivered that no run logged").isZero();
		long repeated = 0;
		for (Map.Entry<Long, Integer> entry : delivered.entrySet()) {
			if (entry.getValue() > 1) {
				repeated++;
				// once more for each kill that cut off an answer to a request holding it
				assertThat(entry.getValue()).as("event %d delivered", entry.getKey())
					.isLessThanOrEqualTo(1 + mayRepeat.getOrDefault(entry.getKey(), 0));
			}
		}
		System.out.printf(
				"Hard kill: %d kills while logging (%d before the first event), %d while replaying; "
						+ "%d events logged, %d safe on disk at a kill, %d delivered, %d lost from memory "
						+ "(at most %d in one run, chunk %d), %d delivered more than once%n",
				runs.size(), killedBeforeLogging, REPLAY_KILLS, logged, durable, delivered.size(), lost, maxLostInARun,
				HardKillChild.CHUNK, repeated);
		assertThat(durable).as("events safe on disk at a kill").isPositive();
	}

	private static boolean loggedBy(List<Run> runs, long id) {
		return runs.stream().anyMatch((run) -> id >= run.first && id < run.loggedEnd);
	}

	/**
	 * Events of requests the service was answering at a kill, or had answered just before
	 * it: the child may not have recorded the answer, so it sends them again.
	 */
	private static Set<Long> inFlightOrJustAnswered(List<Received> requests) {
		long now = System.nanoTime();
		Set<Long> ids = new HashSet<>();
		for (Received request : requests) {
			if (request.answeredAt == 0 || now - request.answeredAt < TimeUnit.MILLISECONDS.toNanos(500)) {
				request.events.forEach((event) -> ids.add(Long.parseLong(event.value())));
			}
		}
		return ids;
	}

	private Run runAndKill(List<String> args, boolean atStart, long delayMillis) throws Exception {
		int index = this.processes.size();
		Process process = start(args, index);
		if (!atStart) {
			awaitReady(index);
		}
		process.waitFor(delayMillis, TimeUnit.MILLISECONDS);
		assertThat(process.isAlive()).as("the child is still running: %s", output(index)).isTrue();
		process.destroyForcibly();
		assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
		long first = Long.parseLong(args.get(3));
		long loggedEnd = first;
		long durableEnd = first;
		for (String line : oracleLines(index)) {
			String[] words = line.split(" ");
			if (words[0].equals("LOGGED")) {
				// the whole chunk may have been logged before the kill
				loggedEnd = Long.parseLong(words[2]);
			}
			else if (words[0].equals("DURABLE")) {
				durableEnd = Long.parseLong(words[1]);
			}
			else if (words[0].equals("REFUSED")) {
				throw new AssertionError("the child's log call refused event " + words[1]);
			}
		}
		return new Run(first, loggedEnd, durableEnd);
	}

	private void awaitReady(int index) {
		await().atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofMillis(5))
			.until(() -> oracleLines(index).contains("READY"));
	}

	private Process start(List<String> args, int index) throws IOException {
		List<String> command = new ArrayList<>(
				List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx128m",
						"-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
						HardKillChild.class.getName()));
		command.addAll(args);
		Process process = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(outputFile(index).toFile())
			.start();
		this.processes.add(process);
		return process;
	}

	private Path outputFile(int index) {
		return this.temp.resolve("child-" + index + ".log");
	}

	private String output(int index) {
		try {
			return Files.readString(outputFile(index), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			return ex.toString();
		}
	}

	private List<String> oracleLines(int index) {
		return output(index).lines()
			.filter((line) -> line.startsWith("ORACLE "))
			.map((line) -> line.substring("ORACLE ".length()))
			.toList();
	}

	/**
	 * Leave half a line at the end of the newest spool file, as a kill in mid-write
	 * would: the events in it had not been counted as spooled.
	 */
	private static void tearTheNewestSpoolFile(Path spool) throws IOException {
		Path newest;
		try (Stream<Path> files = Files.walk(spool)) {
			newest = files.filter((file) -> file.toString().endsWith(".jsonl"))
				.max((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()))
				.orElseThrow();
		}
		Files.writeString(newest, "[{\"key\":\"k\",\"value\":99999999,\"ep", StandardOpenOption.APPEND);
	}

	private void assertKeyNeverShowed() throws IOException {
		try (Stream<Path> files = Files.list(this.temp)) {
			for (Path file : files.filter((path) -> path.getFileName().toString().startsWith("child-")).toList()) {
				assertThat(Files.readString(file, StandardCharsets.UTF_8)).doesNotContain(HardKillChild.ACCESS_KEY);
			}
		}
	}

	private record Run(long first, long loggedEnd, long durableEnd) {

	}

}
