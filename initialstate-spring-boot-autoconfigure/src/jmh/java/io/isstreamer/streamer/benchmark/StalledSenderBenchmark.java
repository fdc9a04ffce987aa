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

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.isstreamer.streamer.Streamer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@code log()} while the service hangs: the one request out never returns, the sender
 * holds what memory allows and drops the oldest beyond it (no spool: as if the disk were
 * full), and the queue fills. Every call must still return at once; the sample mode gives
 * the percentiles, and {@code accepted}/{@code dropped} show how many calls found the
 * queue full.
 */
@BenchmarkMode({ Mode.SampleTime, Mode.AverageTime })
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
@Fork(value = 1, jvmArgsAppend = { "-Xms1g", "-Xmx1g" })
@State(Scope.Benchmark)
public class StalledSenderBenchmark {

	private final Transports.Hanging transport = new Transports.Hanging();

	private Streamer streamer;

	@Setup(Level.Trial)
	public void start() {
		this.streamer = Streamer.builder()
			.transport(this.transport)
			.bucketKey("benchmark")
			.spoolEnabled(false)
			.closeTimeout(Duration.ofSeconds(1))
			.build();
	}

	@TearDown(Level.Trial)
	public void stop() {
		this.transport.close();
		this.streamer.close();
	}

	@Benchmark
	@Threads(1)
	public boolean logOneThread(LogBenchmark.Producer producer, LogBenchmark.Outcomes outcomes) {
		return log(producer, outcomes);
	}

	@Benchmark
	@Threads(2)
	public boolean logTwoThreads(LogBenchmark.Producer producer, LogBenchmark.Outcomes outcomes) {
		return log(producer, outcomes);
	}

	private boolean log(LogBenchmark.Producer producer, LogBenchmark.Outcomes outcomes) {
		boolean accepted = this.streamer.log(producer.nextKey(), producer.nextValue());
		outcomes.count(accepted);
		return accepted;
	}

}
