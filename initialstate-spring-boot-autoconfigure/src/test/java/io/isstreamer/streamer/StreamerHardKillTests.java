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
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The delivery guarantee under SIGKILL, as Kafka's tests state it: a child JVM logs
 * numbered events at 2,000 a second and is killed after a random two to four seconds,
 * eight times, half of them while the service refuses connections (from the start of the
 * run, or from a moment inside it); after each kill a new process replays the spool.
 * Every event the child said it had logged is delivered, except at most those of the last
 * moments before the kill: what waited in memory (at most one flush interval, since older
 * events go to the spool and a batch whose first attempt failed is written to the spool
 * before it is tried again) and the requests in flight. The figures of each run are
 * printed.
 */
@Timeout(240)
class StreamerHardKillTests {

	private static final int KILLS = 8;

	/**
	 * What the design lets a kill lose, one flush interval (the default, as the child
	 * uses), plus an allowance for the requests in flight and for a busy machine running
	 * the sender late. Without the write-ahead, a kill during an outage loses every event
	 * of the run, two seconds or more.
	 */
	private static final long MAX_LOSS_MILLIS = StreamerBuilder.DEFAULT_FLUSH_INTERVAL.toMillis() + 700;

	/**
	 * Ids left unused between runs, beyond the last one a run said it logged.
	 */
	private static final long ID_GAP = 100_000;

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
	void aKillLosesAtMostTheLastFlushIntervalWhetherTheServiceIsUpOrDown() throws Exception {
		Path spool = this.temp.resolve("spool");
		List<Run> runs = new ArrayList<>();
		try (FaultyService service = new FaultyService()) {
			long first = 0;
			for (int kill = 0; kill < KILLS; kill++) {
				Outage outage = (kill % 2 == 1) ? Outage.NONE : (kill % 4 == 0) ? Outage.WHOLE_RUN : Outage.MID_RUN;
				if (outage == Outage.WHOLE_RUN) {
					service.down();
				}
				Run run = runAndKill(kill + 1, service, spool, first, outage);
				runs.add(run);
				service.up();
				if (kill == KILLS / 2) {
					tearTheNewestSpoolFile(spool);
				}
				drain(spool, service);
				run.judge(service.deliveries());
				System.out.println(run);
				first = run.lastLogged + ID_GAP;
			}
			assertNoPhantoms(runs, service.deliveries());
		}
		for (Run run : runs) {
			assertThat(run.lossMillis).as("time before the kill whose events were lost, %s", run)
				.isLessThanOrEqualTo(MAX_LOSS_MILLIS);
		}
		assertThat(runs).as("runs that logged for two seconds or more")
			.allMatch((run) -> run.killMillis - run.progress.get(0).epochMillis >= 2000);
		assertKeyNeverShowed();
		SpoolFiles.assertOwnerOnlyAndFreeOf(spool, HardKillChild.ACCESS_KEY);
	}

	private Run runAndKill(int number, FaultyService service, Path spool, long first, Outage outage) throws Exception {
		int index = this.processes.size();
		Process process = start(index, "log", spool.toString(), service.uri().toString(), Long.toString(first));
		await().atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofMillis(5))
			.until(() -> !oracleLines(index, "PROGRESS").isEmpty() || !process.isAlive());
		long started = System.nanoTime();
		long killAfter = 2000 + this.random.nextInt(2000);
		if (outage == Outage.MID_RUN) {
			process.waitFor(500 + this.random.nextInt(1000), TimeUnit.MILLISECONDS);
			service.down();
		}
		process.waitFor(killAfter - TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), TimeUnit.MILLISECONDS);
		assertThat(process.isAlive()).as("the child is still running: %s", output(index)).isTrue();
		long killMillis = System.currentTimeMillis();
		process.destroyForcibly();
		assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
		assertThat(oracleLines(index, "REFUSED")).as("events the child's log() refused").isEmpty();
		List<Progress> progress = oracleLines(index, "PROGRESS").stream().map(Progress::parse).toList();
		return new Run(number, outage, first, progress, killMillis);
	}

	private void drain(Path spool, FaultyService service) throws Exception {
		int index = this.processes.size();
		Process process = start(index, "drain", spool.toString(), service.uri().toString());
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the replay ends: %s", output(index)).isTrue();
		assertThat(oracleLines(index, "DRAINED")).as("the replay: %s", output(index))
			.singleElement(InstanceOfAssertFactories.STRING)
			.endsWith("backlog=0");
	}

	private static void assertNoPhantoms(List<Run> runs, Map<String, Integer> deliveries) {
		for (String value : deliveries.keySet()) {
			long id = Long.parseLong(value);
			assertThat(runs).as("a run that logged event %d", id)
				.anyMatch((run) -> id >= run.first && id < run.lastLogged + ID_GAP);
		}
	}

	private Process start(int index, String... args) throws IOException {
		List<String> command = new ArrayList<>(
				List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx128m",
						"-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
						HardKillChild.class.getName()));
		command.addAll(List.of(args));
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

	private List<String> oracleLines(int index, String kind) {
		String prefix = "ORACLE " + kind;
		return output(index).lines()
			.filter((line) -> line.startsWith(prefix))
			.map((line) -> line.substring("ORACLE ".length()))
			.toList();
	}

	/**
	 * Leave half a line at the end of the newest spool file, as a kill in mid-write
	 * would: the replay goes past it.
	 */
	private static void tearTheNewestSpoolFile(Path spool) throws IOException {
		Path newest;
		try (Stream<Path> files = Files.walk(spool)) {
			newest = files.filter((file) -> file.toString().endsWith(".jsonl"))
				.max((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()))
				.orElse(null);
		}
		if (newest != null) {
			Files.writeString(newest, "[{\"key\":\"k\",\"value\":99999999999,\"ep", StandardOpenOption.APPEND);
		}
	}

	private void assertKeyNeverShowed() throws IOException {
		try (Stream<Path> files = Files.list(this.temp)) {
			for (Path file : files.filter((path) -> path.getFileName().toString().startsWith("child-")).toList()) {
				assertThat(Files.readString(file, StandardCharsets.UTF_8)).doesNotContain(HardKillChild.ACCESS_KEY);
			}
		}
	}

	private enum Outage {

		NONE, WHOLE_RUN, MID_RUN

	}

	/**
	 * A line of progress: every id below {@code next} was logged at {@code epochMillis}.
	 */
	private record Progress(long next, long epochMillis) {

		static Progress parse(String line) {
			String[] words = line.split(" ");
			return new Progress(Long.parseLong(words[1]), Long.parseLong(words[2]));
		}

	}

	/**
	 * One killed run and what it lost.
	 */
	private static final class Run {

		final int number;

		final Outage outage;

		final long first;

		final List<Progress> progress;

		final long killMillis;

		/**
		 * The end of the events the run said it logged.
		 */
		final long lastLogged;

		long lost;

		long lossMillis;

		long repeated;

		Run(int number, Outage outage, long first, List<Progress> progress, long killMillis) {
			this.number = number;
			this.outage = outage;
			this.first = first;
			this.progress = progress;
			this.killMillis = killMillis;
			this.lastLogged = progress.isEmpty() ? first : progress.get(progress.size() - 1).next;
		}

		/**
		 * Find the events the run logged that never arrived, and how long before the kill
		 * the first of them was logged.
		 */
		void judge(Map<String, Integer> deliveries) {
			Map<Long, Integer> delivered = new HashMap<>();
			deliveries.forEach((value, count) -> {
				long id = Long.parseLong(value);
				if (id >= this.first && id < this.lastLogged) {
					delivered.put(id, count);
				}
			});
			long firstLost = -1;
			for (long id = this.first; id < this.lastLogged; id++) {
				Integer count = delivered.get(id);
				if (count == null) {
					this.lost++;
					firstLost = (firstLost < 0) ? id : firstLost;
				}
				else if (count > 1) {
					this.repeated++;
				}
			}
			if (firstLost >= 0) {
				// it was logged after the last line that did not include it
				long loggedAfter = this.progress.get(0).epochMillis;
				for (Progress line : this.progress) {
					if (line.next <= firstLost) {
						loggedAfter = line.epochMillis;
					}
				}
				this.lossMillis = this.killMillis - loggedAfter;
			}
		}

		@Override
		public String toString() {
			long logged = this.lastLogged - this.first;
			double seconds = (this.killMillis - this.progress.get(0).epochMillis) / 1000.0;
			return String.format(Locale.ROOT,
					"Hard kill %d (outage: %s): %d events logged in %.1f s, %d lost (%.2f s of logging), "
							+ "first lost logged at most %.2f s before the kill; %d delivered more than once",
					this.number, this.outage, logged, seconds, this.lost,
					this.lost / (double) HardKillChild.EVENTS_PER_SECOND, this.lossMillis / 1000.0, this.repeated);
		}

	}

}
