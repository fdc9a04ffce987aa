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

package io.isstreamer.streamer.benchmark;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.isstreamer.streamer.Streamer;
import io.isstreamer.streamer.StreamerBuilder;
import io.isstreamer.streamer.StreamerStats;

import static io.isstreamer.streamer.benchmark.LoadRun.number;
import static io.isstreamer.streamer.benchmark.LoadRun.percent;

/**
 * The load runs against an {@link ImitationService}, the targets of issue 11 beside each
 * figure: a slow service (answers in 500 ms, 3 requests/s in 10 s windows) taking a live
 * stream of 40,000 events/s; the same service draining a spool of 300,000 events; and
 * one, three and six client processes sharing one access key, with windows of 1 s and 10
 * s.
 */
final class ImitationRuns {

	private static final Duration SLOW_ANSWER = Duration.ofMillis(500);

	private static final Duration TEN_SECONDS = Duration.ofSeconds(10);

	private static final int LIMIT_PER_TEN_SECONDS = 30;

	private static final int PRODUCERS = 2;

	/**
	 * The ceiling of a drain: 3 requests a second of 1,000,000 bytes.
	 */
	private static final double CEILING_BYTES_PER_SECOND = 3 * 1_000_000.0;

	private final LoadRun run;

	private final Options options;

	private final List<double[]> slowFigures = new ArrayList<>();

	private final List<double[]> drainFigures = new ArrayList<>();

	ImitationRuns(LoadRun run, Options options) {
		this.run = run;
		this.options = options;
	}

	// ---- the slow service, live

	/**
	 * A live stream of 40,000 events/s for 20 s (two producer threads) to a service that
	 * answers in 500 ms and allows 3 requests/s: it keeps up only with several requests
	 * in flight.
	 * @param round which run of the repeats
	 * @throws Exception on failure
	 */
	void slowService(int round) throws Exception {
		Path spool = this.run.emptyDirectory("load-run-spool-s");
		try (ImitationService service = new ImitationService(0, TEN_SECONDS, LIMIT_PER_TEN_SECONDS, SLOW_ANSWER)) {
			Streamer streamer = LoadRun.builder(service.uri()).spoolDirectory(spool).build();
			try {
				long start = System.currentTimeMillis();
				Producers.Offered offered = Producers.run(streamer, PRODUCERS, this.options.slowRate,
						this.options.slowSeconds, true);
				long lastLog = System.currentTimeMillis();
				StreamerStats atLastLog = streamer.stats();
				boolean delivered = LoadRun.await(120, () -> service.unique(0, Long.MAX_VALUE) >= offered.accepted());
				long deliveredAt = System.currentTimeMillis();
				ImitationService.Stats stats = service.snapshot();
				StreamerStats end = streamer.stats();
				// from the first second on: the bucket is created first, in 500 ms
				long from = start + 1000;
				double perSecond = stats.acceptedBetween(from, lastLog) / ((lastLog - from) / 1000.0);
				double catchUp = (deliveredAt - lastLog) / 1000.0;
				String scenario = "S. slow service (500 ms, 3 req/s in 10 s windows), " + number(offered.rate())
						+ " ev/s for " + number(offered.seconds()) + " s, run " + round;
				row(scenario, "requests/s accepted while logging", fixed(perSecond, 2), ">= 2.7", perSecond >= 2.7);
				row(scenario, "most requests in flight at the service", Integer.toString(stats.maxInFlight()),
						"<= " + StreamerBuilder.DEFAULT_MAX_IN_FLIGHT,
						stats.maxInFlight() <= StreamerBuilder.DEFAULT_MAX_IN_FLIGHT);
				row(scenario, "429 answers", Long.toString(stats.throttled()), "0", stats.throttled() == 0);
				row(scenario, "from the last log() to everything delivered",
						delivered ? fixed(catchUp, 1) + " s" : "not within 120 s", "<= 5 s", delivered && catchUp <= 5);
				row(scenario, "events accepted / delivered / duplicates", number(offered.accepted()) + " / "
						+ number(service.unique(0, Long.MAX_VALUE)) + " / " + number(stats.duplicates()), "all, once",
						delivered && stats.duplicates() == 0);
				row(scenario, "backlog at the last log() (memory + spool), spooled in all",
						number(atLastLog.pending() + atLastLog.spoolBacklog()) + ", " + number(end.spooled()), "",
						null);
				row(scenario, "requests / mean body", number(stats.accepted()) + " / "
						+ number(stats.bytes() / (double) Math.max(1, stats.accepted())) + " B", "", null);
				this.slowFigures.add(new double[] { perSecond, stats.maxInFlight(), stats.throttled(),
						delivered ? catchUp : Double.NaN });
			}
			finally {
				streamer.close();
			}
		}
		LoadRun.deleteDirectory(spool);
	}

	void slowServiceMedians() {
		if (this.slowFigures.size() < 2) {
			return;
		}
		String scenario = "S. slow service, median of " + this.slowFigures.size() + " runs";
		double perSecond = median(this.slowFigures, 0);
		double catchUp = median(this.slowFigures, 3);
		row(scenario, "requests/s accepted while logging", fixed(perSecond, 2), ">= 2.7", perSecond >= 2.7);
		row(scenario, "most requests in flight", number(median(this.slowFigures, 1)), "", null);
		row(scenario, "429 answers", number(median(this.slowFigures, 2)), "0", median(this.slowFigures, 2) == 0);
		row(scenario, "from the last log() to everything delivered", fixed(catchUp, 1) + " s", "<= 5 s", catchUp <= 5);
	}

	// ---- the slow service, draining a spool

	/**
	 * A spool of 300,000 events written while the service was down, in lines of about
	 * {@code lineBytes} (as a streamer logging a few thousand events a second writes
	 * them), replayed by a new streamer against the slow service: bodies are packed up to
	 * the byte cap, several requests are in flight, and each event arrives once.
	 * @param round which run of the repeats
	 * @throws Exception on failure
	 */
	void spoolDrain(int round) throws Exception {
		Path spool = this.run.emptyDirectory("load-run-spool-d");
		try (ImitationService service = new ImitationService(0, TEN_SECONDS, LIMIT_PER_TEN_SECONDS, SLOW_ANSWER)) {
			service.stop();
			Streamer filler = LoadRun.builder(service.uri())
				.spoolDirectory(spool)
				.maxBatchBytes(this.options.lineBytes)
				.build();
			Producers.Offered offered;
			try {
				offered = Producers.run(filler, PRODUCERS, this.options.drainEvents / 5, 5, true);
				LoadRun.await(60, () -> {
					StreamerStats stats = filler.stats();
					return stats.pending() == 0 && stats.spoolBacklog() >= offered.accepted();
				});
			}
			finally {
				filler.close();
			}
			long backlog = filler.stats().spoolBacklog();
			long[] lines = spoolLines(spool);
			service.start();
			long start = System.currentTimeMillis();
			Streamer replayer = LoadRun.builder(service.uri()).spoolDirectory(spool).build();
			try {
				boolean delivered = LoadRun.await(180, () -> service.unique(0, Long.MAX_VALUE) >= offered.accepted());
				long deliveredAt = System.currentTimeMillis();
				ImitationService.Stats stats = service.snapshot();
				long firstArrival = stats.acceptedTimes().isEmpty() ? start : stats.acceptedTimes().get(0);
				long lastAnswer = stats.answerTimes().stream().mapToLong(Long::longValue).max().orElse(deliveredAt);
				double draining = (lastAnswer - firstArrival) / 1000.0;
				double rate = stats.bytes() / draining;
				double endToEnd = stats.bytes() / ((deliveredAt - start) / 1000.0);
				long unique = service.unique(0, Long.MAX_VALUE);
				String scenario = "D. spool of " + number(backlog) + " events (" + number(lines[0]) + " lines of "
						+ number(lines[1] / (double) Math.max(1, lines[0])) + " B), slow service, run " + round;
				row(scenario, "bytes/s from the first request to the last answer", number(rate) + " B/s = "
						+ percent((long) rate, (long) CEILING_BYTES_PER_SECOND) + " of 3 x 1,000,000", ">= 80%",
						rate >= 0.8 * CEILING_BYTES_PER_SECOND);
				row(scenario, "bytes/s from the replaying streamer's start (bucket creation included)",
						number(endToEnd) + " B/s = " + percent((long) endToEnd, (long) CEILING_BYTES_PER_SECOND), "",
						null);
				row(scenario, "requests / mean body / most in flight / 429",
						number(stats.accepted()) + " / "
								+ number(stats.bytes() / (double) Math.max(1, stats.accepted())) + " B / "
								+ stats.maxInFlight() + " / " + stats.throttled(),
						"", null);
				row(scenario, "events accepted / spooled / delivered / duplicates",
						number(offered.accepted()) + " / " + number(backlog) + " / " + number(unique) + " / "
								+ number(stats.duplicates()),
						"each once", delivered && unique == offered.accepted() && stats.duplicates() == 0);
				this.drainFigures.add(new double[] { rate, endToEnd });
			}
			finally {
				replayer.close();
			}
		}
		LoadRun.deleteDirectory(spool);
	}

	void spoolDrainMedians() {
		if (this.drainFigures.size() < 2) {
			return;
		}
		String scenario = "D. spool drain, median of " + this.drainFigures.size() + " runs";
		double rate = median(this.drainFigures, 0);
		row(scenario, "bytes/s from the first request to the last answer",
				number(rate) + " B/s = " + percent((long) rate, (long) CEILING_BYTES_PER_SECOND), ">= 80%",
				rate >= 0.8 * CEILING_BYTES_PER_SECOND);
		row(scenario, "bytes/s from the replaying streamer's start",
				percent((long) median(this.drainFigures, 1), (long) CEILING_BYTES_PER_SECOND), "", null);
	}

	/**
	 * Count the lines and bytes of the spool's segment files.
	 */
	private static long[] spoolLines(Path spool) throws IOException {
		long lines = 0;
		long bytes = 0;
		try (Stream<Path> files = Files.walk(spool)) {
			for (Path file : files.filter((path) -> path.toString().endsWith(".jsonl")).toList()) {
				byte[] content = Files.readAllBytes(file);
				bytes += content.length;
				for (byte b : content) {
					lines += (b == '\n') ? 1 : 0;
				}
			}
		}
		return new long[] { lines, bytes };
	}

	// ---- processes sharing a key

	/**
	 * Client processes on one access key, each logging 2,000 events/s, against one
	 * imitation service in a process of its own; after they close, what they left in
	 * their spools is replayed, and every value is counted.
	 * @param processes how many client processes
	 * @param windowSeconds the length of the service's windows
	 * @throws Exception on failure
	 */
	void sharedKey(int processes, int windowSeconds) throws Exception {
		Path spool = this.run.emptyDirectory("load-run-spool-k");
		int limit = 3 * windowSeconds;
		List<Process> children = new ArrayList<>();
		Process serviceProcess = javaProcess(List.of(), ImitationService.class.getName(), "window=" + windowSeconds,
				"limit=" + limit, "delay=" + this.options.keyDelayMillis)
			.redirectErrorStream(true)
			.start();
		children.add(serviceProcess);
		try {
			URI uri = URI.create("http://127.0.0.1:" + listeningPort(serviceProcess));
			long startAt = System.currentTimeMillis() + 4000 + 500L * processes;
			List<Path> outputs = new ArrayList<>();
			for (int i = 0; i < processes; i++) {
				Path output = spool.resolve("client-" + i + ".log");
				outputs.add(output);
				children.add(javaProcess(List.of("-Xmx256m", "-XX:+UseSerialGC"), LoadClient.class.getName(),
						uri.toString(), spool.toString(), Integer.toString(i), Long.toString(this.options.keyRate),
						Double.toString(this.options.keySeconds), Long.toString(startAt))
					.redirectErrorStream(true)
					.redirectOutput(output.toFile())
					.start());
			}
			LoadRun.await((int) ((startAt - System.currentTimeMillis()) / 1000) + 1,
					() -> outputs.stream().allMatch((output) -> contains(output, "READY")));
			boolean allReady = outputs.stream().allMatch((output) -> contains(output, "READY"));
			for (Process child : children.subList(1, children.size())) {
				if (!child.waitFor((long) this.options.keySeconds + 90, TimeUnit.SECONDS)) {
					throw new IllegalStateException("a client process did not end");
				}
			}
			ImitationService.Stats atClose = stats(uri);
			List<Map<String, Long>> results = new ArrayList<>();
			for (Path output : outputs) {
				results.add(result(output));
			}
			long drainStart = System.currentTimeMillis();
			boolean drained = true;
			for (int i = 0; i < processes; i++) {
				drained &= drain(uri, spool, i);
			}
			double drainSeconds = (System.currentTimeMillis() - drainStart) / 1000.0;
			ImitationService.Stats after = stats(uri);
			long end = startAt + (long) (this.options.keySeconds * 1000);
			long steadyFrom = startAt + (long) (this.options.keySeconds * 1000 / 2);
			double perSecond = atClose.acceptedBetween(startAt, end) / this.options.keySeconds;
			double steadyPerSecond = atClose.acceptedBetween(steadyFrom, end) / ((end - steadyFrom) / 1000.0);
			double share = atClose.throttled() / (double) Math.max(1, atClose.requests());
			long steadyRequests = atClose.acceptedBetween(steadyFrom, end) + atClose.throttledBetween(steadyFrom, end);
			double steadyShare = atClose.throttledBetween(steadyFrom, end) / (double) Math.max(1, steadyRequests);
			long accepted = 0;
			long lost = 0;
			long backlog = 0;
			for (int i = 0; i < processes; i++) {
				Map<String, Long> result = results.get(i);
				accepted += result.getOrDefault("accepted", 0L);
				backlog += result.getOrDefault("backlog", 0L);
				// a process's values are all its own: every one the service counts is one
				// it logged
				lost += result.getOrDefault("accepted", 0L) - after.unique().getOrDefault((long) i, 0L);
			}
			String scenario = "K. " + processes + " process" + ((processes > 1) ? "es" : "") + " on one key, "
					+ windowSeconds + " s windows of " + limit + ", " + number(this.options.keyRate) + " ev/s each for "
					+ number(this.options.keySeconds) + " s" + (allReady ? "" : " (a process started late)");
			row(scenario, "429 share of requests, whole run / second half", percentOf(share) + " ("
					+ atClose.throttled() + " of " + atClose.requests() + ") / " + percentOf(steadyShare), "<= 2%",
					share <= 0.02);
			row(scenario, "requests/s accepted while logging, whole run / second half",
					fixed(perSecond, 2) + " / " + fixed(steadyPerSecond, 2), ">= 2.4", perSecond >= 2.4);
			row(scenario, "events accepted / lost after replaying the spools / duplicates",
					number(accepted) + " / " + number(lost) + " / " + number(after.duplicates()), "0 lost",
					drained && lost == 0);
			row(scenario, "left in the spools at close / replayed in",
					number(backlog) + " events / " + fixed(drainSeconds, 1) + " s", "", null);
		}
		finally {
			for (Process child : children) {
				child.destroyForcibly();
				child.waitFor(10, TimeUnit.SECONDS);
			}
		}
	}

	private boolean drain(URI uri, Path spool, int process) throws InterruptedException {
		Streamer streamer = LoadClient.builder(uri, spool, process).closeTimeout(Duration.ofSeconds(5)).build();
		try {
			return LoadRun.await(180, () -> {
				StreamerStats stats = streamer.stats();
				return stats.spoolBacklog() == 0 && stats.pending() == 0;
			});
		}
		finally {
			streamer.close();
		}
	}

	private static ProcessBuilder javaProcess(List<String> options, String mainClass, String... args) {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.addAll(options);
		command.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass));
		command.addAll(Arrays.asList(args));
		return new ProcessBuilder(command);
	}

	private static int listeningPort(Process process) throws IOException {
		BufferedReader reader = new BufferedReader(
				new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
		String line;
		while ((line = reader.readLine()) != null) {
			if (line.startsWith("LISTENING ")) {
				return Integer.parseInt(line.substring("LISTENING ".length()).trim());
			}
		}
		throw new IllegalStateException("the imitation service did not start");
	}

	private static ImitationService.Stats stats(URI uri) throws IOException {
		try (InputStream in = uri.resolve("/stats").toURL().openStream()) {
			return ImitationService.Stats.fromJson(new String(in.readAllBytes(), StandardCharsets.UTF_8));
		}
	}

	private static boolean contains(Path file, String text) {
		try {
			return Files.exists(file) && Files.readString(file, StandardCharsets.UTF_8).contains(text);
		}
		catch (IOException ex) {
			return false;
		}
	}

	/**
	 * Read the {@code RESULT name=value ...} line of a client's output.
	 */
	private static Map<String, Long> result(Path output) throws IOException {
		Map<String, Long> result = new HashMap<>();
		for (String line : Files.readAllLines(output, StandardCharsets.UTF_8)) {
			if (line.startsWith("RESULT ")) {
				for (String pair : line.substring("RESULT ".length()).split(" ")) {
					String[] parts = pair.split("=", 2);
					result.put(parts[0], Long.parseLong(parts[1]));
				}
			}
		}
		if (result.isEmpty()) {
			throw new IllegalStateException("no result from a client: " + Files.readString(output));
		}
		return result;
	}

	// ---- figures

	private void row(String scenario, String measure, String value, String target, Boolean met) {
		this.run.row(scenario, measure, value, target, met);
	}

	private static double median(List<double[]> figures, int index) {
		List<Double> values = new ArrayList<>();
		for (double[] figure : figures) {
			values.add(figure[index]);
		}
		Collections.sort(values);
		int middle = values.size() / 2;
		return (values.size() % 2 == 1) ? values.get(middle) : (values.get(middle - 1) + values.get(middle)) / 2;
	}

	private static String fixed(double value, int decimals) {
		return String.format(Locale.ROOT, "%." + decimals + "f", value);
	}

	private static String percentOf(double share) {
		return String.format(Locale.ROOT, "%.1f%%", 100 * share);
	}

	/**
	 * Options of these runs.
	 *
	 * @param slowRate events/s offered to the slow service
	 * @param slowSeconds how long
	 * @param drainEvents events in the spool to drain
	 * @param lineBytes the longest spool line the filling streamer writes
	 * @param keyRate events/s of each client process
	 * @param keySeconds how long they log
	 * @param keyDelayMillis the service's answer delay in the shared-key runs
	 */
	record Options(long slowRate, double slowSeconds, long drainEvents, int lineBytes, long keyRate, double keySeconds,
			long keyDelayMillis) {

	}

}
