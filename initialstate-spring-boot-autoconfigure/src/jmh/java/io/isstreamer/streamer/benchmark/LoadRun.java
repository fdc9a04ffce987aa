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

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

import io.isstreamer.streamer.RetryPolicy;
import io.isstreamer.streamer.Streamer;
import io.isstreamer.streamer.StreamerBuilder;
import io.isstreamer.streamer.StreamerStats;

/**
 * The end-to-end load run: a streamer on its real HTTP transport against a
 * {@link LocalSink} on 127.0.0.1, in three scenarios (no rate limit; the service's 3
 * requests per second; the service down for a while), and against an
 * {@link ImitationService} in three more (a slow service taking a live stream; the same
 * service draining a spool; client processes sharing one key), each bounded in time. It
 * prints a table of figures beside their targets and writes it to {@code load-run.md} in
 * the directory given as first argument.
 * <p>
 * Optional arguments: {@code only=abcsdk} (the scenarios: a no limit, b 3 requests/s, c
 * outage, s slow service, d spool drain, k shared key; all by default), {@code seconds=N}
 * (length of the measured phase of a, b and c, default 20), {@code rate=N} (events per
 * second offered to a, default 300000), {@code repeat=N} (runs of s and d, with medians,
 * default 1), {@code slowRate=N slowSeconds=N} (default 40000 events/s for 20 s),
 * {@code drainEvents=N lineBytes=N} (default 300000 events in spool lines of at most
 * 120000 bytes), {@code keyRate=N keySeconds=N
 * keyDelay=MILLIS} (default 2000 events/s per process for 60 s, answers in 50 ms),
 * {@code processes=1,3,6 windows=1,10} (the shared-key cases).
 */
public final class LoadRun {

	private static final int PRODUCERS = 2;

	private final Path target;

	private final double seconds;

	private final long rate;

	private final List<String[]> rows = new ArrayList<>();

	private LoadRun(Path target, double seconds, long rate) {
		this.target = target;
		this.seconds = seconds;
		this.rate = rate;
	}

	public static void main(String[] args) throws Exception {
		Path target = Path.of((args.length > 0) ? args[0] : "target");
		double seconds = 20;
		long rate = 300_000;
		String only = "abcsdk";
		int repeat = 1;
		long slowRate = 40_000;
		double slowSeconds = 20;
		long drainEvents = 300_000;
		int lineBytes = 120_000;
		long keyRate = 2_000;
		double keySeconds = 60;
		long keyDelay = 50;
		List<Integer> processes = List.of(1, 3, 6);
		List<Integer> windows = List.of(1, 10);
		for (int i = 1; i < args.length; i++) {
			String[] option = args[i].split("=", 2);
			switch (option[0]) {
				case "seconds" -> seconds = Double.parseDouble(option[1]);
				case "rate" -> rate = Long.parseLong(option[1]);
				case "only" -> only = option[1];
				case "repeat" -> repeat = Integer.parseInt(option[1]);
				case "slowRate" -> slowRate = Long.parseLong(option[1]);
				case "slowSeconds" -> slowSeconds = Double.parseDouble(option[1]);
				case "drainEvents" -> drainEvents = Long.parseLong(option[1]);
				case "lineBytes" -> lineBytes = Integer.parseInt(option[1]);
				case "keyRate" -> keyRate = Long.parseLong(option[1]);
				case "keySeconds" -> keySeconds = Double.parseDouble(option[1]);
				case "keyDelay" -> keyDelay = Long.parseLong(option[1]);
				case "processes" -> processes = integers(option[1]);
				case "windows" -> windows = integers(option[1]);
				default -> throw new IllegalArgumentException("Unknown option " + args[i]);
			}
		}
		LoadRun run = new LoadRun(target, seconds, rate);
		ImitationRuns imitation = new ImitationRuns(run, new ImitationRuns.Options(slowRate, slowSeconds, drainEvents,
				lineBytes, keyRate, keySeconds, keyDelay));
		String started = Instant.now().toString();
		double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
		if (only.contains("a")) {
			run.noLimit();
		}
		if (only.contains("b")) {
			run.rateLimited();
		}
		if (only.contains("c")) {
			run.outage();
		}
		if (only.contains("s")) {
			for (int round = 1; round <= repeat; round++) {
				imitation.slowService(round);
			}
			imitation.slowServiceMedians();
		}
		if (only.contains("d")) {
			for (int round = 1; round <= repeat; round++) {
				imitation.spoolDrain(round);
			}
			imitation.spoolDrainMedians();
		}
		if (only.contains("k")) {
			for (int window : windows) {
				for (int count : processes) {
					imitation.sharedKey(count, window);
				}
			}
		}
		run.report(started, load);
		System.exit(0);
	}

	private static List<Integer> integers(String list) {
		return Stream.of(list.split(",")).map(String::trim).map(Integer::valueOf).toList();
	}

	/**
	 * No rate limit: a fixed offered rate with the default spool (bursts the sender
	 * cannot take at once go to disk and come back), then flat out without a spool, to
	 * find the sender's ceiling.
	 */
	private void noLimit() throws Exception {
		Path spool = emptyDirectory("load-run-spool-a");
		try (LocalSink sink = new LocalSink(0, false)) {
			Streamer streamer = builder(sink.uri()).spoolDirectory(spool).requestsPerSecond(1_000).build();
			try {
				Producers.run(streamer, PRODUCERS, this.rate, 5, false);
				awaitDelivered(streamer, 30);
				long heapBefore = heapAfterFullGc();
				HeapSampler heap = HeapSampler.start();
				long eventsBefore = sink.events();
				long requestsBefore = sink.eventRequests();
				StreamerStats before = streamer.stats();
				Producers.Offered offered = Producers.run(streamer, PRODUCERS, this.rate, this.seconds, false);
				long received = sink.events() - eventsBefore;
				boolean drained = awaitDelivered(streamer, 60);
				heap.stop();
				long heapAfter = heapAfterFullGc();
				StreamerStats stats = streamer.stats();
				double delivered = received / offered.seconds();
				String scenario = "A. no limit, " + PRODUCERS + " threads offering " + number(offered.rate()) + " ev/s";
				row(scenario, "events/s delivered while offered", number(delivered), ">= 250,000",
						delivered >= 250_000);
				long dropped = stats.dropped() - before.dropped();
				row(scenario, "events dropped (queue full or memory bound)",
						number(dropped) + " of " + number(offered.calls()), "0", dropped == 0);
				row(scenario, "events through the spool (bursts), replayed", number(stats.spooled() - before.spooled())
						+ ", " + number(stats.replayed() - before.replayed()), "", null);
				row(scenario, "requests sent / mean body", number(sink.eventRequests() - requestsBefore) + " / "
						+ number(sink.bytes() / Math.max(1, sink.eventRequests())) + " B", "", null);
				row(scenario, "heap after full GC, before -> after", mb(heapBefore) + " -> " + mb(heapAfter), "flat",
						heapAfter < heapBefore + 16 * 1024 * 1024);
				row(scenario, "heap after each GC during the run, max",
						mb(heap.maxAfterGc()) + " (" + heap.collections() + " GCs)", "bounded", null);
				row(scenario, "everything delivered at the end",
						drained ? "yes" : "no: " + stats.pending() + " pending", "yes", drained);
			}
			finally {
				streamer.close();
			}
			Streamer unspooled = builder(sink.uri()).spoolEnabled(false).requestsPerSecond(1_000).build();
			try {
				Producers.run(unspooled, PRODUCERS, 0, 5, false);
				long eventsBefore = sink.events();
				Producers.Offered offered = Producers.run(unspooled, PRODUCERS, 0, this.seconds, false);
				long received = sink.events() - eventsBefore;
				awaitDelivered(unspooled, 30);
				String scenario = "A'. no limit, " + PRODUCERS + " threads flat out, no spool";
				row(scenario, "events/s delivered (the sender's ceiling)", number(received / offered.seconds()), "",
						null);
				row(scenario, "log() calls/s / refused as queue full", number(offered.rate()) + " / "
						+ number((offered.calls() - offered.accepted()) / offered.seconds()), "", null);
			}
			finally {
				unspooled.close();
			}
		}
		deleteDirectory(spool);
	}

	/**
	 * The service's limit of 3 requests per second, with more to send than it takes.
	 */
	private void rateLimited() throws Exception {
		Path spool = emptyDirectory("load-run-spool-b");
		try (LocalSink sink = new LocalSink(3, false)) {
			Streamer streamer = builder(sink.uri()).spoolDirectory(spool).build();
			try {
				long offeredRate = 60_000;
				Producers.Offered offered = Producers.run(streamer, PRODUCERS, offeredRate, this.seconds, false);
				long end = System.currentTimeMillis();
				StreamerStats stats = streamer.stats();
				List<Long> times = sink.acceptedTimes();
				long from = times.get(0) + 1000;
				long inWindow = times.stream().filter((time) -> time >= from && time <= end).count();
				double perSecond = inWindow / ((end - from) / 1000.0);
				String scenario = "B. limit 3 req/s, " + number(offered.rate()) + " ev/s offered for "
						+ number(offered.seconds()) + " s";
				row(scenario, "requests/s while a backlog exists", String.format(Locale.ROOT, "%.2f", perSecond),
						">= 2.7", perSecond >= 2.7);
				row(scenario, "gaps between requests arriving, shortest / longest",
						number(minGap(times)) + " / " + number(maxGap(times, from, end)) + " ms",
						"sent >= " + number(1000 / 3.0 * 1.05) + " ms apart", null);
				row(scenario, "most requests in any 1 s window", Integer.toString(maxInWindow(times, 1000)), "<= 3",
						maxInWindow(times, 1000) <= 3);
				row(scenario, "429 received",
						Long.toString(sink.throttled()) + throttleContext(times, sink.throttledTimes()), "0",
						sink.throttled() == 0);
				List<Integer> sizes = sink.bodySizes();
				sizes.sort(Comparator.naturalOrder());
				row(scenario, "mean events / mean bytes per request",
						number(sink.events() / (double) sink.eventRequests()) + " / "
								+ number(sink.bytes() / (double) sink.eventRequests()) + " B",
						"toward 1,000,000 B", null);
				row(scenario, "median body / share of bodies >= 900,000 B",
						number(sizes.get(sizes.size() / 2)) + " B / "
								+ percent(sizes.stream().filter((size) -> size >= 900_000).count(), sizes.size()),
						"", null);
				row(scenario, "backlog at the end (memory + spool)",
						number(stats.pending() + stats.spoolBacklog()) + " events", "> 0 (backlog existed)",
						stats.pending() + stats.spoolBacklog() > 0);
			}
			finally {
				streamer.close();
			}
		}
		deleteDirectory(spool);
	}

	/**
	 * The service down for a while: memory stays bounded, the spool takes the rest, and
	 * all of it is delivered once the service is back.
	 */
	private void outage() throws Exception {
		Path spool = emptyDirectory("load-run-spool-c");
		double produce = Math.max(this.seconds, 20);
		double downFrom = produce * 0.2;
		double downUntil = produce * 0.6;
		long offeredRate = 20_000;
		try (LocalSink sink = new LocalSink(0, true)) {
			Streamer streamer = builder(sink.uri()).spoolDirectory(spool)
				.retryPolicy(new RetryPolicy(3, Duration.ofMillis(250), Duration.ofSeconds(2), 2.0, 0.2))
				.build();
			try {
				long heapBefore = heapAfterFullGc();
				HeapSampler heap = HeapSampler.start();
				long start = System.nanoTime();
				CompletableFuture<Producers.Offered> producing = CompletableFuture.supplyAsync(() -> {
					try {
						return Producers.run(streamer, PRODUCERS, offeredRate, produce, true);
					}
					catch (InterruptedException ex) {
						throw new IllegalStateException(ex);
					}
				});
				sleepUntil(start, downFrom);
				sink.stop();
				long maxSpoolBytes = 0;
				long maxSpoolEvents = 0;
				long maxMemory = 0;
				while (elapsed(start) < downUntil) {
					StreamerStats stats = streamer.stats();
					maxSpoolBytes = Math.max(maxSpoolBytes, stats.spoolBytes());
					maxSpoolEvents = Math.max(maxSpoolEvents, stats.spoolBacklog());
					maxMemory = Math.max(maxMemory, stats.pending());
					Thread.sleep(100);
				}
				long heapDuringOutage = heap.maxAfterGc();
				sink.start();
				int requestsBeforeRestart = sink.bodySizes().size();
				double restarted = elapsed(start);
				Producers.Offered offered = producing.get();
				boolean replayed = await(120, () -> {
					StreamerStats stats = streamer.stats();
					return stats.pending() == 0 && stats.spoolBacklog() == 0;
				});
				double replayedAfter = elapsed(start) - restarted;
				heap.stop();
				StreamerStats stats = streamer.stats();
				// only accepted events reach the sink, each with its own value
				long missing = offered.accepted() - sink.uniqueValues();
				String scenario = "C. sink down " + number(downUntil - downFrom) + " s of " + number(produce) + " s, "
						+ number(offered.rate()) + " ev/s";
				row(scenario, "events in memory during the outage, max", number(maxMemory),
						"<= " + number(StreamerBuilder.DEFAULT_MAX_BUFFERED_EVENTS),
						maxMemory <= StreamerBuilder.DEFAULT_MAX_BUFFERED_EVENTS);
				row(scenario, "heap after GC: before / max during outage / max overall",
						mb(heapBefore) + " / " + mb(heapDuringOutage) + " / " + mb(heap.maxAfterGc()), "flat", null);
				row(scenario, "spool during the outage, max", number(maxSpoolEvents) + " events, " + mb(maxSpoolBytes),
						"grows", maxSpoolEvents > 0);
				row(scenario, "backlog replayed after the sink came back",
						replayed ? "in " + number(replayedAfter) + " s" : "not within 120 s", "everything", replayed);
				row(scenario, "accepted / received / lost / duplicates", number(offered.accepted()) + " / "
						+ number(sink.events()) + " / " + number(missing) + " / " + number(sink.duplicates()), "0 lost",
						missing == 0);
				List<Integer> replaySizes = sink.bodySizes();
				replaySizes = replaySizes.subList(requestsBeforeRestart, replaySizes.size());
				row(scenario, "requests after the sink came back / mean body",
						number(replaySizes.size()) + " / "
								+ number(replaySizes.stream().mapToInt(Integer::intValue).average().orElse(0)) + " B",
						"", null);
				row(scenario, "requests: sent / failed (connection refused)",
						number(stats.requests()) + " / " + number(stats.requestFailures()), "", null);
			}
			finally {
				streamer.close();
			}
		}
		deleteDirectory(spool);
	}

	static StreamerBuilder builder(URI sink) {
		return Streamer.builder()
			.accessKey("load-run")
			.apiBase(sink)
			.bucketKey("load-run")
			.closeTimeout(Duration.ofSeconds(2))
			.debugLevel(Integer.getInteger("load.debug", 0));
	}

	private static boolean awaitDelivered(Streamer streamer, int seconds) throws InterruptedException {
		return await(seconds, () -> streamer.stats().pending() == 0);
	}

	static boolean await(int seconds, BooleanSupplier condition) throws InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
		while (!condition.getAsBoolean()) {
			if (System.nanoTime() - deadline > 0) {
				return false;
			}
			Thread.sleep(20);
		}
		return true;
	}

	private static void sleepUntil(long start, double seconds) throws InterruptedException {
		while (elapsed(start) < seconds) {
			Thread.sleep(10);
		}
	}

	private static double elapsed(long start) {
		return (System.nanoTime() - start) / 1e9;
	}

	/**
	 * Where the first 429 came: the arrivals of the accepted requests just before it, in
	 * milliseconds before the 429, to tell a client too fast from arrival jitter.
	 */
	static String throttleContext(List<Long> accepted, List<Long> throttled) {
		if (throttled.isEmpty()) {
			return "";
		}
		long at = throttled.get(0);
		List<String> before = accepted.stream()
			.filter((time) -> time <= at && at - time < 1000)
			.map((time) -> "-" + (at - time))
			.toList();
		return " (first: " + (at - accepted.get(0)) + " ms after the first request; accepted before it at "
				+ String.join(", ", before) + " ms)";
	}

	private static long minGap(List<Long> times) {
		long min = Long.MAX_VALUE;
		for (int i = 1; i < times.size(); i++) {
			min = Math.min(min, times.get(i) - times.get(i - 1));
		}
		return min;
	}

	private static long maxGap(List<Long> times, long from, long to) {
		long max = 0;
		for (int i = 1; i < times.size(); i++) {
			if (times.get(i) >= from && times.get(i) <= to) {
				max = Math.max(max, times.get(i) - times.get(i - 1));
			}
		}
		return max;
	}

	static int maxInWindow(List<Long> times, long windowMillis) {
		int max = 0;
		int first = 0;
		for (int i = 0; i < times.size(); i++) {
			while (times.get(i) - times.get(first) >= windowMillis) {
				first++;
			}
			max = Math.max(max, i - first + 1);
		}
		return max;
	}

	private static long heapAfterFullGc() {
		System.gc();
		System.gc();
		return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
	}

	void row(String scenario, String measure, String value, String target, Boolean met) {
		this.rows
			.add(new String[] { scenario, measure, value, target, (met != null) ? (met ? "met" : "**missed**") : "" });
	}

	private void report(String started, double load) throws IOException {
		StringBuilder out = new StringBuilder();
		out.append("# Load run\n\n");
		out.append("- machine: ")
			.append(Runtime.getRuntime().availableProcessors())
			.append(" cores, ")
			.append(cpuModel())
			.append(", ")
			.append(System.getProperty("java.vm.name"))
			.append(' ')
			.append(System.getProperty("java.runtime.version"))
			.append(", heap ")
			.append(mb(Runtime.getRuntime().maxMemory()))
			.append('\n');
		out.append("- started: ")
			.append(started)
			.append(", load average then: ")
			.append(load)
			.append(", at the end: ")
			.append(ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage())
			.append('\n');
		out.append("- producers: ")
			.append(PRODUCERS)
			.append(" threads, 64 keys, double values (sequence numbers in C, S, D, K); LocalSink and ImitationService in the "
					+ "same JVM, except in K (a process of its own, shared by the client processes)\n\n");
		out.append("| scenario | measure | value | target | |\n|---|---|---|---|---|\n");
		for (String[] row : this.rows) {
			out.append("| ").append(String.join(" | ", row)).append(" |\n");
		}
		System.out.println();
		System.out.println(out);
		Files.createDirectories(this.target);
		Files.writeString(this.target.resolve("load-run.md"), out, StandardCharsets.UTF_8);
	}

	private static String cpuModel() {
		try (Stream<String> lines = Files.lines(Path.of("/proc/cpuinfo"))) {
			return lines.filter((line) -> line.startsWith("model name"))
				.map((line) -> line.substring(line.indexOf(':') + 1).trim())
				.findFirst()
				.orElse("unknown CPU");
		}
		catch (IOException | RuntimeException ex) {
			return "unknown CPU";
		}
	}

	Path emptyDirectory(String name) throws IOException {
		Path directory = this.target.resolve(name);
		deleteDirectory(directory);
		Files.createDirectories(directory);
		return directory;
	}

	static void deleteDirectory(Path directory) throws IOException {
		if (Files.exists(directory)) {
			try (Stream<Path> paths = Files.walk(directory)) {
				for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
					Files.delete(path);
				}
			}
		}
	}

	static String number(double value) {
		boolean whole = Math.abs(value) >= 100 || value == Math.rint(value);
		return String.format(Locale.ROOT, whole ? "%,.0f" : "%,.1f", value);
	}

	static String percent(long part, long whole) {
		return String.format(Locale.ROOT, "%.0f%%", 100.0 * part / Math.max(1, whole));
	}

	static String mb(long bytes) {
		return String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024.0));
	}

	/**
	 * Samples the heap left after each collection, to show whether it stays flat.
	 */
	private static final class HeapSampler implements Runnable {

		private final Thread thread = new Thread(this, "heap-sampler");

		private volatile boolean running = true;

		private volatile long maxAfterGc;

		private final long collectionsBefore = collections(ManagementFactory.getGarbageCollectorMXBeans());

		private volatile long collections;

		static HeapSampler start() {
			HeapSampler sampler = new HeapSampler();
			sampler.thread.setDaemon(true);
			sampler.thread.start();
			return sampler;
		}

		@Override
		public void run() {
			while (this.running) {
				long used = 0;
				for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
					MemoryUsage usage = pool.getCollectionUsage();
					if (pool.getType() == MemoryType.HEAP && usage != null) {
						used += usage.getUsed();
					}
				}
				this.maxAfterGc = Math.max(this.maxAfterGc, used);
				this.collections = collections(ManagementFactory.getGarbageCollectorMXBeans()) - this.collectionsBefore;
				try {
					Thread.sleep(100);
				}
				catch (InterruptedException ex) {
					return;
				}
			}
		}

		void stop() throws InterruptedException {
			this.running = false;
			this.thread.join();
		}

		long maxAfterGc() {
			return this.maxAfterGc;
		}

		long collections() {
			return this.collections;
		}

		private static long collections(List<java.lang.management.GarbageCollectorMXBean> collectors) {
			long total = 0;
			for (java.lang.management.GarbageCollectorMXBean collector : collectors) {
				total += Math.max(0, collector.getCollectionCount());
			}
			return total;
		}

	}

}
