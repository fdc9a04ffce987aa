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

import java.lang.management.ManagementFactory;
import java.util.concurrent.TimeUnit;

import com.sun.management.ThreadMXBean;
import io.isstreamer.streamer.Streamer;
import org.openjdk.jmh.annotations.AuxCounters;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost of {@code log()} while the queue has room, from one and two producer threads,
 * with the default queue and a live sender draining it.
 * <p>
 * A producer logging flat out outruns the one sender (which encodes every event), so the
 * queue fills within milliseconds and every later call measures the drop path instead. So
 * each operation here is a burst of {@value #BURST} calls, well below the queue's
 * capacity, and each iteration starts once the sender has delivered the previous burst.
 * The {@code accepted} and {@code dropped} counters show that no call found the queue
 * full. {@code -prof gc} sums the allocation of every thread, the sender's included;
 * {@code callerBytes} is what the producer threads alone allocated, to divide by the
 * calls.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 300)
@Measurement(iterations = 300)
@Fork(value = 1, jvmArgsAppend = { "-Xms1g", "-Xmx1g" })
@State(Scope.Benchmark)
public class LogBenchmark {

	/**
	 * Calls per operation, per thread.
	 */
	static final int BURST = 10_000;

	private final Transports.Instant transport = new Transports.Instant();

	private Streamer streamer;

	@Setup(Level.Trial)
	public void start() {
		this.streamer = Streamers.draining(this.transport);
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
	@Threads(1)
	@OperationsPerInvocation(BURST)
	public void logDoubleOneThread(Producer producer, Outcomes outcomes) {
		logDoubles(producer, outcomes);
	}

	@Benchmark
	@Threads(2)
	@OperationsPerInvocation(BURST)
	public void logDoubleTwoThreads(Producer producer, Outcomes outcomes) {
		logDoubles(producer, outcomes);
	}

	@Benchmark
	@Threads(1)
	@OperationsPerInvocation(BURST)
	public void logStringOneThread(Producer producer, Outcomes outcomes) {
		Streamer streamer = this.streamer;
		for (int i = 0; i < BURST; i++) {
			outcomes.count(streamer.log(producer.nextKey(), "open"));
		}
	}

	private void logDoubles(Producer producer, Outcomes outcomes) {
		Streamer streamer = this.streamer;
		for (int i = 0; i < BURST; i++) {
			// a primitive, boxed at the call as application code does
			outcomes.count(streamer.log(producer.nextKey(), producer.nextValue()));
		}
	}

	/**
	 * What one producer logs: a few dozen keys in turn, and changing numbers.
	 */
	@State(Scope.Thread)
	public static class Producer {

		private final String[] keys = new String[64];

		private int next;

		private double value = 20.0;

		@Setup(Level.Trial)
		public void keys() {
			for (int i = 0; i < this.keys.length; i++) {
				this.keys[i] = "sensor_" + i + "_temperature";
			}
		}

		String nextKey() {
			return this.keys[(this.next++) & (this.keys.length - 1)];
		}

		double nextValue() {
			this.value += 0.25;
			return this.value;
		}

	}

	/**
	 * Calls accepted and dropped, and the bytes the producer thread allocated, reported
	 * beside the timings.
	 */
	@AuxCounters(AuxCounters.Type.EVENTS)
	@State(Scope.Thread)
	public static class Outcomes {

		private static final ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();

		public long accepted;

		public long dropped;

		public long callerBytes;

		private long startBytes;

		@Setup(Level.Iteration)
		public void start() {
			this.accepted = 0;
			this.dropped = 0;
			this.startBytes = threads.getCurrentThreadAllocatedBytes();
		}

		@TearDown(Level.Iteration)
		public void stop() {
			this.callerBytes = threads.getCurrentThreadAllocatedBytes() - this.startBytes;
		}

		void count(boolean accepted) {
			if (accepted) {
				this.accepted++;
			}
			else {
				this.dropped++;
			}
		}

	}

}
