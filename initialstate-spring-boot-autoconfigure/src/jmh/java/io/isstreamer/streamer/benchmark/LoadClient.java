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

import java.net.URI;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import io.isstreamer.streamer.Streamer;
import io.isstreamer.streamer.StreamerBuilder;
import io.isstreamer.streamer.StreamerStats;

/**
 * One client process of the shared-key load run: an application instance that logs at a
 * steady rate from a given moment for a given time, with values
 * {@code process * 1,000,000,000 + sequence}, then closes its streamer and says what it
 * did on standard output ({@code RESULT ...}).
 * <p>
 * Arguments: {@code <api base> <spool directory> <process> <events/s> <seconds>
 * <start, epoch millis>}.
 */
public final class LoadClient {

	static final String ACCESS_KEY = "load-run-shared-key";

	private LoadClient() {
	}

	public static void main(String[] args) {
		URI api = URI.create(args[0]);
		Path spool = Path.of(args[1]);
		int process = Integer.parseInt(args[2]);
		long rate = Long.parseLong(args[3]);
		double seconds = Double.parseDouble(args[4]);
		long startAt = Long.parseLong(args[5]);
		Streamer streamer = builder(api, spool, process).build();
		System.out.println("READY");
		System.out.flush();
		while (System.currentTimeMillis() < startAt) {
			LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
		}
		long start = System.nanoTime();
		long end = start + (long) (seconds * 1e9);
		long base = process * ImitationService.VALUES_PER_PROCESS;
		long sequence = 0;
		long accepted = 0;
		long now;
		while ((now = System.nanoTime()) - end < 0) {
			long due = (now - start) * rate / TimeUnit.SECONDS.toNanos(1);
			for (; sequence < due; sequence++) {
				accepted += streamer.log("sensor_" + (sequence & 15), base + sequence) ? 1 : 0;
			}
			LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2));
		}
		long loggedUntil = System.currentTimeMillis();
		StreamerStats before = streamer.stats();
		streamer.close();
		StreamerStats stats = streamer.stats();
		System.out.println("RESULT calls=" + sequence + " accepted=" + accepted + " loggedUntil=" + loggedUntil
				+ " requests=" + stats.requests() + " throttled=" + stats.requestsByStatus().getOrDefault(429, 0L)
				+ " delivered=" + stats.delivered() + " spooledWhileLogging=" + before.spooled() + " spooled="
				+ stats.spooled() + " backlog=" + stats.spoolBacklog() + " dropped=" + stats.dropped());
		System.out.flush();
		System.exit(0);
	}

	/**
	 * The streamer of one process: the shared access key and bucket, its own spool.
	 * @param api the service
	 * @param spool the spool directory of this process
	 * @param process the process number
	 * @return the builder
	 */
	static StreamerBuilder builder(URI api, Path spool, int process) {
		return Streamer.builder()
			.accessKey(ACCESS_KEY)
			.apiBase(api)
			.bucketKey("shared-key")
			.applicationName("load-client-" + process)
			.spoolDirectory(spool)
			.shutdownHook(false);
	}

}
