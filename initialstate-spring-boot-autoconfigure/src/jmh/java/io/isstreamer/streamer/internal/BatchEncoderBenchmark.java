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

package io.isstreamer.streamer.internal;

import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;

import io.isstreamer.streamer.StreamerBuilder;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * Encoding one full request body (up to the default 1,000,000-byte cap) on the sender
 * thread: numbers and short text under a few dozen keys, as sensors and metrics log. One
 * operation is one body; the setup prints how many events and bytes a body holds, so the
 * cost per event is the time per operation divided by that count.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
@Fork(value = 1, jvmArgsAppend = { "-Xms1g", "-Xmx1g" })
@State(Scope.Thread)
public class BatchEncoderBenchmark {

	private static final int EVENTS = StreamerBuilder.DEFAULT_MAX_BATCH_EVENTS;

	private final BatchEncoder encoder = new BatchEncoder();

	private final Event[] events = new Event[EVENTS];

	private final ArrayDeque<Event> pending = new ArrayDeque<>(EVENTS);

	@Setup(Level.Trial)
	public void events() {
		Bucket bucket = new Bucket("benchmark", "benchmark");
		String[] keys = new String[64];
		for (int i = 0; i < keys.length; i++) {
			keys[i] = "sensor_" + i + "_temperature";
		}
		long epochMicros = 1_764_355_200_000_000L;
		for (int i = 0; i < EVENTS; i++) {
			Object value = switch (i % 4) {
				case 0 -> 20.0 + (i % 1000) * 0.25;
				case 1 -> (long) i;
				case 2 -> (i % 2 == 0);
				default -> "state " + (i % 16);
			};
			this.events[i] = new Event(bucket, keys[i % keys.length], value, epochMicros + i * 137L);
		}
		int count = encodeOneMegabyteBody();
		System.out.println("One body: " + count + " events, " + this.encoder.size() + " bytes");
	}

	@Benchmark
	public int encodeOneMegabyteBody() {
		ArrayDeque<Event> pending = this.pending;
		pending.clear();
		for (Event event : this.events) {
			pending.addLast(event);
		}
		return this.encoder.encode(pending, EVENTS, StreamerBuilder.DEFAULT_MAX_BATCH_BYTES);
	}

}
