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

import java.util.concurrent.TimeUnit;

import io.isstreamer.streamer.Streamer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@code logObject} of a record with ten components: flattening, ten keys, ten events,
 * one timestamp. Bursts of calls with the queue emptied in between, as in
 * {@link LogBenchmark}, so the figure is the cost of a call, not of the drop path.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 300)
@Measurement(iterations = 300)
@Fork(value = 1, jvmArgsAppend = { "-Xms1g", "-Xmx1g" })
@State(Scope.Benchmark)
public class LogObjectBenchmark {

	/**
	 * Calls per operation: ten events each, so well below the queue's capacity.
	 */
	static final int BURST = 1_000;

	private final Transports.Instant transport = new Transports.Instant();

	private Streamer streamer;

	private Reading reading;

	@Setup(Level.Trial)
	public void start() {
		this.streamer = Streamers.draining(this.transport);
		this.reading = new Reading("boiler-7", 71.5, 1.25, 230.1, 4.2, 1840, 3, true, Setting.AUTO, "nominal");
	}

	@Setup(Level.Iteration)
	public void waitUntilDelivered() throws InterruptedException {
		Streamers.awaitEmpty(this.streamer);
	}

	@TearDown(Level.Trial)
	public void stop() {
		this.streamer.close();
	}

	@Benchmark
	@OperationsPerInvocation(BURST)
	public void logRecordOfTenComponents(LogBenchmark.Outcomes outcomes) {
		for (int i = 0; i < BURST; i++) {
			int accepted = this.streamer.logObject(this.reading);
			outcomes.accepted += accepted;
			outcomes.dropped += 10 - accepted;
		}
	}

	/**
	 * A reading an application might log in one call.
	 */
	public record Reading(String device, double temperature, double pressure, double voltage, double current, int rpm,
			int errors, boolean running, Setting setting, String status) {

	}

	/**
	 * An enum component, sent as its name.
	 */
	public enum Setting {

		AUTO, MANUAL

	}

}
