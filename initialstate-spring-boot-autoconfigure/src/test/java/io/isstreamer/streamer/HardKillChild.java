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
 * The process {@link StreamerHardKillTests} kills. In {@code log} mode it logs numbered
 * events at a steady rate, with the streamer's default flush interval and requests in
 * flight, and says every tenth of a second how far it got and when, so the test knows
 * which events were logged before the kill and how long before it. In {@code drain} mode
 * it replays the spool an earlier run left and closes.
 * <p>
 * Arguments: {@code log <spool directory> <api base> <first id>} or
 * {@code drain <spool directory> <api base>}. Output lines for the test start with
 * {@code ORACLE}: {@code PROGRESS <next id> <epoch millis>} (every id below the first
 * number was logged by then), {@code REFUSED <id>}, {@code DRAINED ...}.
 */
public final class HardKillChild {

	static final String ACCESS_KEY = "ist_hard_kill_secret_5e6f7a8b9c0d";

	static final int EVENTS_PER_SECOND = 2_000;

	static final long PROGRESS_MILLIS = 100;

	/**
	 * A run that was not killed stops by itself after this long.
	 */
	private static final long MAX_RUN_NANOS = TimeUnit.SECONDS.toNanos(60);

	private HardKillChild() {
	}

	public static void main(String[] args) {
		Streamer streamer = Streamer.builder()
			.accessKey(ACCESS_KEY)
			.apiBase(URI.create(args[2]))
			.bucketKey("hard-kill")
			.spoolDirectory(Path.of(args[1]))
			.connectTimeout(Duration.ofMillis(500))
			.readTimeout(Duration.ofSeconds(2))
			.closeTimeout(Duration.ofSeconds(10))
			.build();
		if (args[0].equals("log")) {
			log(streamer, Long.parseLong(args[3]));
		}
		else {
			drain(streamer);
		}
	}

	private static void log(Streamer streamer, long first) {
		long start = System.nanoTime();
		long id = first;
		say("PROGRESS " + id + " " + System.currentTimeMillis());
		long nextProgress = start + TimeUnit.MILLISECONDS.toNanos(PROGRESS_MILLIS);
		long now;
		while ((now = System.nanoTime()) - start < MAX_RUN_NANOS) {
			long due = first + (now - start) * EVENTS_PER_SECOND / TimeUnit.SECONDS.toNanos(1);
			for (; id < due; id++) {
				if (!streamer.log("k", id)) {
					say("REFUSED " + id);
				}
			}
			if (now - nextProgress >= 0) {
				say("PROGRESS " + id + " " + System.currentTimeMillis());
				nextProgress += TimeUnit.MILLISECONDS.toNanos(PROGRESS_MILLIS);
			}
			LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
		}
		System.exit(1);
	}

	private static void drain(Streamer streamer) {
		// the sender opens the spool (reading what earlier runs left) before it serves a
		// flush, which then covers the spool's backlog too
		boolean flushed = streamer.flush(Duration.ofSeconds(60));
		StreamerStats stats = streamer.stats();
		while (stats.spoolBacklog() > 0 || stats.pending() > 0) {
			LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
			stats = streamer.stats();
		}
		streamer.close();
		stats = streamer.stats();
		say("DRAINED flushed=" + flushed + " recovered=" + stats.recovered() + " delivered=" + stats.delivered()
				+ " dropped=" + stats.droppedByReason() + " backlog=" + stats.spoolBacklog());
		System.exit(0);
	}

	private static void say(String line) {
		System.out.println("ORACLE " + line);
		System.out.flush();
	}

}
