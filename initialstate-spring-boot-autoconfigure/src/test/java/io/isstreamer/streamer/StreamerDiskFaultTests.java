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
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Disk faults while the service is down: a spool directory that cannot be created, a
 * read-only file system, a full disk, and a spool at its size cap. The streamer warns
 * clearly, keeps working from memory, counts what it must drop, never throws at the
 * caller, and delivers the rest once the service is back. The file-system cases mount
 * small tmpfs file systems, which needs root (as on CI here); elsewhere they are skipped
 * and the spool's own tests cover write failures through its file-operations seam.
 */
@ExtendWith(OutputCaptureExtension.class)
@Timeout(120)
class StreamerDiskFaultTests {

	static final String ACCESS_KEY = "ist_disk_secret_1f2e3d4c5b6a";

	@TempDir
	Path temp;

	private FaultyService service;

	private Streamer streamer;

	private final List<Path> mounts = new ArrayList<>();

	@BeforeEach
	void startServiceDown() throws IOException {
		this.service = new FaultyService();
		this.service.down();
	}

	@AfterEach
	void stopAndUnmount(CapturedOutput output) throws Exception {
		try {
			if (this.streamer != null) {
				this.streamer.close();
				StreamerFailureTests.assertBalanced(this.streamer.stats());
			}
			this.service.close();
		}
		finally {
			for (Path mount : this.mounts) {
				run("umount", "-l", mount.toString());
			}
		}
		assertThat(output.getAll()).doesNotContain(ACCESS_KEY);
	}

	@Test
	void spoolDirectoryThatCannotBeCreatedLeavesTheStreamerWorkingFromMemory(CapturedOutput output) throws IOException {
		Path file = Files.writeString(this.temp.resolve("a-file"), "not a directory");
		Streamer streamer = streamer(file.resolve("spool"), UnaryOperator.identity());
		assertWorksFromMemoryAndCountsWhatItDrops(streamer);
		assertThat(output.getAll()).contains("The Initial State spool is disabled").contains("held in memory");
	}

	@Test
	void readOnlyFileSystemLeavesTheStreamerWorkingFromMemory(CapturedOutput output) throws Exception {
		Path readOnly = mountTmpfs("ro,size=64k");
		Streamer streamer = streamer(readOnly.resolve("spool"), UnaryOperator.identity());
		assertWorksFromMemoryAndCountsWhatItDrops(streamer);
		assertThat(output.getAll()).contains("The Initial State spool is disabled").contains("Read-only file system");
	}

	@Test
	void fullDiskKeepsEventsInMemoryCountsWhatItMustDropAndDeliversTheRest(CapturedOutput output) throws Exception {
		Path small = mountTmpfs("size=128k");
		Streamer streamer = streamer(small.resolve("spool"), UnaryOperator.identity());
		long accepted = logInBursts(streamer, 40, 500);
		await().atMost(Duration.ofSeconds(30)).until(() -> streamer.stats().dropped() > 0);
		assertThat(output.getAll()).contains("Could not write to spool directory").contains("No space left on device");
		StreamerStats full = streamer.stats();
		assertThat(full.spooled()).as("spooled until the disk was full").isPositive();
		assertThat(full.droppedByReason()).containsOnlyKeys(DropReason.SPOOL_UNAVAILABLE);
		this.service.up();
		streamer.replaySpool();
		awaitSettled(streamer, accepted);
		StreamerStats stats = streamer.stats();
		assertThat(stats.delivered()).isEqualTo(accepted - stats.dropped());
		assertThat(this.service.deliveries()).hasSize((int) stats.delivered());
		// the spool works again once replay freed the disk
		logInBursts(streamer, 1, 100);
		assertThat(streamer.flush(Duration.ofSeconds(30))).isTrue();
	}

	@Test
	void spoolAtItsSizeCapGivesUpTheOldestEventsAndDeliversTheNewest(CapturedOutput output) throws IOException {
		long cap = 64 * 1024;
		Streamer streamer = streamer(this.temp.resolve("spool"),
				(builder) -> builder.maxSpoolBytes(cap).maxBufferedEvents(65_536));
		long accepted = logInBursts(streamer, 20, 500);
		await().atMost(Duration.ofSeconds(30)).until(() -> {
			StreamerStats stats = streamer.stats();
			return stats.pending() == 0 && stats.spoolBacklog() + stats.dropped() == accepted;
		});
		StreamerStats capped = streamer.stats();
		assertThat(capped.spoolBytes()).isLessThanOrEqualTo(cap);
		assertThat(capped.droppedByReason()).containsOnlyKeys(DropReason.SPOOL_FULL);
		assertThat(output.getAll()).contains("reached its size limit of " + cap + " bytes");
		this.service.up();
		streamer.replaySpool();
		awaitSettled(streamer, accepted);
		TreeSet<Long> delivered = new TreeSet<>();
		this.service.deliveries().keySet().forEach((value) -> delivered.add(Long.parseLong(value)));
		assertThat(delivered).hasSize((int) (accepted - capped.dropped()));
		// the newest events are kept, and the oldest line, if it was out for replay
		long tail = accepted;
		while (delivered.contains(tail - 1)) {
			tail--;
		}
		assertThat(delivered.headSet(tail)).as("kept besides the newest").hasSizeLessThanOrEqualTo(500);
		assertThat(accepted - tail).as("newest events kept").isGreaterThan(500);
	}

	private void assertWorksFromMemoryAndCountsWhatItDrops(Streamer streamer) throws IOException {
		long accepted = logInBursts(streamer, 10, 500);
		await().atMost(Duration.ofSeconds(30)).until(() -> streamer.stats().dropped() > 0);
		assertThat(streamer.stats().droppedByReason()).containsOnlyKeys(DropReason.SPOOL_UNAVAILABLE);
		assertThat(streamer.stats().spooled()).isZero();
		this.service.up();
		streamer.replaySpool();
		awaitSettled(streamer, accepted);
		StreamerStats stats = streamer.stats();
		assertThat(stats.pending()).isZero();
		assertThat(stats.delivered()).isEqualTo(accepted - stats.dropped()).isPositive();
		assertThat(this.service.deliveries()).hasSize((int) stats.delivered());
	}

	/**
	 * Log numbered events in bursts that each fit the queue, as an application would;
	 * every call returns normally.
	 */
	private long logInBursts(Streamer streamer, int bursts, int perBurst) {
		long first = streamer.stats().accepted();
		for (int burst = 0; burst < bursts; burst++) {
			await().atMost(Duration.ofSeconds(30)).until(() -> streamer.stats().queued() == 0);
			for (int i = 0; i < perBurst; i++) {
				assertThat(streamer.log("n", first + burst * perBurst + i)).isTrue();
			}
		}
		return first + (long) bursts * perBurst;
	}

	private static void awaitSettled(Streamer streamer, long accepted) {
		await().atMost(Duration.ofSeconds(60)).until(() -> {
			StreamerStats stats = streamer.stats();
			return stats.pending() == 0 && stats.spoolBacklog() == 0 && stats.delivered() + stats.dropped() == accepted;
		});
	}

	private Streamer streamer(Path spool, UnaryOperator<StreamerBuilder> customizer) {
		StreamerBuilder builder = Streamer.builder()
			.accessKey(ACCESS_KEY)
			.apiBase(URI.create(this.service.uri().toString()))
			.bucketKey("disk")
			.spoolDirectory(spool)
			.maxBufferedEvents(1000)
			.requestsPerSecond(100)
			.connectTimeout(Duration.ofMillis(500))
			.closeTimeout(Duration.ofSeconds(2))
			.retryPolicy(new RetryPolicy(1, Duration.ofMillis(20), Duration.ofMillis(200), 2, 0.2));
		this.streamer = customizer.apply(builder).build();
		return this.streamer;
	}

	private Path mountTmpfs(String options) throws Exception {
		Path directory = Files.createDirectories(this.temp.resolve("mount-" + this.mounts.size()));
		boolean mounted = run("mount", "-t", "tmpfs", "-o", options, "tmpfs", directory.toString());
		assumeTrue(mounted, "mounting a tmpfs needs root");
		this.mounts.add(directory);
		return directory;
	}

	private static boolean run(String... command) throws Exception {
		try {
			Process process = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.DISCARD)
				.start();
			if (!process.waitFor(10, TimeUnit.SECONDS)) {
				process.destroyForcibly();
				return false;
			}
			return process.exitValue() == 0;
		}
		catch (IOException ex) {
			return false;
		}
	}

}
