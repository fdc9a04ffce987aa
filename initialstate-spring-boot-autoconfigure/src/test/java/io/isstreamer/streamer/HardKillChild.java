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

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The process {@link StreamerHardKillTests} kills: it logs numbered events to a service
 * that is down, or replays its spool to one that is up, and tells the test on standard
 * output what it did, so the test knows exactly which events were safe on disk when it
 * was killed.
 * <p>
 * Arguments: {@code log <spool directory> <api base> <first id>} or
 * {@code drain <spool directory> <api base>}.
 */
public final class HardKillChild {

	static final String ACCESS_KEY = "ist_hard_kill_secret_5e6f7a8b9c0d";

	static final int CHUNK = 100;

	/**
	 * Chunks logged by one run at most, so that the spool stays small enough to replay
	 * quickly.
	 */
	static final int MAX_CHUNKS = 20;

	private HardKillChild() {
	}

	public static void main(String[] args) {
		Streamer streamer = Streamer.builder()
			.accessKey(ACCESS_KEY)
			.apiBase(URI.create(args[2]))
			.bucketKey("hard-kill")
			.spoolDirectory(Path.of(args[1]))
			.requestsPerSecond(200)
			.maxBatchEvents(100)
			.flushInterval(Duration.ofMillis(20))
			.connectTimeout(Duration.ofMillis(500))
			.readTimeout(Duration.ofSeconds(2))
			.closeTimeout(Duration.ofSeconds(5))
			.retryPolicy(new RetryPolicy(1, Duration.ofMillis(20), Duration.ofMillis(200), 2, 0.2))
			.build();
		say("READY");
		if (args[0].equals("log")) {
			log(streamer, Long.parseLong(args[3]));
		}
		else {
			drain(streamer);
		}
	}

	/**
	 * Log chunks of numbered events; after each, wait until every event of this run was
	 * written to the spool (or delivered), and say so.
	 */
	private static void log(Streamer streamer, long first) {
		long id = first;
		for (int chunk = 0; chunk < MAX_CHUNKS; chunk++) {
			long end = id + CHUNK;
			say("LOGGED " + id + " " + end);
			for (; id < end; id++) {
				if (!streamer.log("k", id)) {
					say("REFUSED " + id);
				}
			}
			long accepted = end - first;
			while (resolved(streamer.stats()) < accepted) {
				LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
			}
			say("DURABLE " + end);
		}
		while (true) {
			// wait to be killed, as the ones killed earlier did
			LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
		}
	}

	/**
	 * Events of this run written to the spool or delivered when they were logged. Read
	 * {@code delivered} before {@code replayed}, so a replay finishing in between makes
	 * the figure lower, never higher.
	 */
	private static long resolved(StreamerStats stats) {
		long delivered = stats.delivered();
		return delivered - stats.replayed() + stats.spooled();
	}

	private static void drain(Streamer streamer) {
		// the sender opens the spool (reading what earlier runs left) before it serves a
		// flush, which then covers the spool's backlog too
		say("FLUSHED " + streamer.flush(Duration.ofSeconds(100)));
		StreamerStats stats = streamer.stats();
		while (stats.spoolBacklog() > 0 || stats.pending() > 0) {
			LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
			stats = streamer.stats();
		}
		streamer.close();
		stats = streamer.stats();
		say("DRAINED recovered=" + stats.recovered() + " delivered=" + stats.delivered() + " dropped="
				+ stats.droppedByReason() + " backlog=" + stats.spoolBacklog());
		System.exit(0);
	}

	private static void say(String line) {
		System.out.println("ORACLE " + line);
		System.out.flush();
	}

}
