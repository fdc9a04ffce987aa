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

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import io.isstreamer.streamer.transport.TransportResponse;

/**
 * A discrete-event simulation of several senders sharing one account's rate limit: each
 * sender has a {@link PacingGate} and up to three requests in flight; the service counts
 * requests in fixed windows as they arrive and answers with the rate-limit headers, or
 * 429 past the limit. Time is simulated, so a run of minutes takes milliseconds and gives
 * the same figures every time for a seed.
 */
final class RateLimitSimulation {

	private static final long MILLI = TimeUnit.MILLISECONDS.toNanos(1);

	private static final long EPOCH_MILLIS = 1_800_000_000_000L;

	private final int senders;

	private final long windowMillis;

	private final int limit;

	private final long latencyMillis;

	private final Random random;

	private final PriorityQueue<Step> steps = new PriorityQueue<>();

	private final List<Sender> all = new ArrayList<>();

	private long windowStart = Long.MIN_VALUE;

	private int windowCount;

	private long now;

	private long accepted;

	private long throttled;

	private long measureFrom;

	private boolean trace;

	RateLimitSimulation(int senders, long windowMillis, int limit, long latencyMillis, long seed) {
		this.senders = senders;
		this.windowMillis = windowMillis;
		this.limit = limit;
		this.latencyMillis = latencyMillis;
		this.random = new Random(seed);
	}

	/**
	 * Print the figures of every scenario the tests check, for tuning the gate.
	 * @param args not used
	 */
	public static void main(String[] args) {
		if (args.length == 3) {
			RateLimitSimulation simulation = new RateLimitSimulation(Integer.parseInt(args[0]), Long.parseLong(args[1]),
					(int) (3 * Long.parseLong(args[1]) / 1000), Long.parseLong(args[2]), 1);
			simulation.trace = true;
			Result result = simulation.run(60, 10);
			System.out.println(result);
			return;
		}
		for (long latency : new long[] { 50, 500 }) {
			for (long window : new long[] { 1000, 10000 }) {
				for (int senders : new int[] { 1, 2, 3, 6 }) {
					StringBuilder line = new StringBuilder(
							String.format("%d senders, %5d ms window, %3d ms:", senders, window, latency));
					for (long seed = 1; seed <= Long.getLong("sim.seeds", 3); seed++) {
						Result result = new RateLimitSimulation(senders, window, (int) (3 * window / 1000), latency,
								seed)
							.run(Integer.getInteger("sim.seconds", 300), Integer.getInteger("sim.warmup", 30));
						line.append(String.format("  %.2f/s %.1f%%", result.acceptedPerSecond(),
								result.throttledShare() * 100));
					}
					System.out.println(line);
				}
			}
		}
	}

	/**
	 * Run for a time, counting from a warm-up on.
	 * @param seconds how long
	 * @param warmUpSeconds the part not counted
	 * @return the figures
	 */
	Result run(int seconds, int warmUpSeconds) {
		for (int i = 0; i < this.senders; i++) {
			long start = (long) (this.random.nextDouble() * 1000) * MILLI;
			Sender sender = new Sender(i, new PacingGate(3, start, new Random(this.random.nextLong())));
			this.all.add(sender);
			this.steps.add(new Step(start, sender, null));
		}
		long end = TimeUnit.SECONDS.toNanos(seconds);
		this.measureFrom = TimeUnit.SECONDS.toNanos(warmUpSeconds);
		while (!this.steps.isEmpty() && this.steps.peek().at <= end) {
			Step step = this.steps.poll();
			this.now = step.at;
			if (step.answer != null) {
				step.sender.answered(step.answer, this.now);
			}
			step.sender.trySend(this.now);
		}
		double measured = (end - this.measureFrom) / 1e9;
		return new Result(this.accepted / measured,
				this.throttled / (double) Math.max(1, this.accepted + this.throttled), this.throttled);
	}

	private long wallMillis(long nanos) {
		return EPOCH_MILLIS + nanos / MILLI;
	}

	/**
	 * The service counts a request as it arrives.
	 */
	private Answer arrive(long at) {
		long wall = wallMillis(at);
		long start = wall - Math.floorMod(wall, this.windowMillis);
		if (start != this.windowStart) {
			if (this.trace) {
				System.out.printf("window %d: %d accepted; levels %s%n", (this.windowStart - EPOCH_MILLIS) / 1000,
						this.windowCount,
						this.all.stream().map((sender) -> String.format("%.2f", sender.gate.quota())).toList());
			}
			this.windowStart = start;
			this.windowCount = 0;
		}
		long reset = (start + this.windowMillis) / 1000;
		boolean counted = at >= this.measureFrom;
		if (this.windowCount >= this.limit) {
			if (this.trace) {
				System.out.printf("  429 at %.3f%n", (wall - EPOCH_MILLIS) / 1000.0);
			}
			if (counted) {
				this.throttled++;
			}
			long retryAfter = Math.max(1, (start + this.windowMillis - wall + 999) / 1000);
			return new Answer(new TransportResponse(429,
					Map.of("X-RateLimit-Limit", Integer.toString(this.limit), "X-RateLimit-Remaining", "0",
							"X-RateLimit-Reset", Long.toString(reset), "Retry-After", Long.toString(retryAfter)),
					""), at);
		}
		this.windowCount++;
		if (counted) {
			this.accepted++;
		}
		return new Answer(new TransportResponse(204,
				Map.of("X-RateLimit-Limit", Integer.toString(this.limit), "X-RateLimit-Remaining",
						Integer.toString(this.limit - this.windowCount), "X-RateLimit-Reset", Long.toString(reset)),
				""), at);
	}

	private final class Sender {

		private final int id;

		private final PacingGate gate;

		private int inFlight;

		private boolean wakeScheduled;

		Sender(int id, PacingGate gate) {
			this.id = id;
			this.gate = gate;
		}

		void trySend(long at) {
			this.wakeScheduled = false;
			while (this.inFlight < 3 && this.gate.isOpen(at)) {
				this.gate.started(at);
				this.inFlight++;
				long uplink = (2 + RateLimitSimulation.this.random.nextInt(20)) * MILLI;
				Answer answer = arrive(at + uplink);
				long answered = at + uplink + RateLimitSimulation.this.latencyMillis * MILLI
						+ RateLimitSimulation.this.random.nextInt(5) * MILLI;
				RateLimitSimulation.this.steps.add(new Step(answered, this, new Answer(answer.response, at)));
			}
			if (this.inFlight < 3 && !this.wakeScheduled) {
				this.wakeScheduled = true;
				RateLimitSimulation.this.steps.add(new Step(this.gate.opensAt(), this, null));
			}
		}

		void answered(Answer answer, long at) {
			this.inFlight--;
			this.gate.learn(answer.response, answer.startedNanos, at, wallMillis(at));
			if (answer.response.status() == 429) {
				long wait = PacingGate.retryAfter(answer.response, wallMillis(at)).toNanos();
				this.gate.holdUntil(at + wait + (long) (wait * 0.1 * RateLimitSimulation.this.random.nextDouble()));
			}
		}

		@Override
		public String toString() {
			return "Sender" + this.id;
		}

	}

	private record Answer(TransportResponse response, long startedNanos) {

	}

	private record Step(long at, Sender sender, Answer answer) implements Comparable<Step> {

		@Override
		public int compareTo(Step other) {
			return Long.compare(this.at, other.at);
		}

	}

	/**
	 * What a run measured.
	 *
	 * @param acceptedPerSecond requests the service accepted, per second, all senders
	 * @param throttledShare the share of requests answered 429
	 * @param throttled requests answered 429
	 */
	record Result(double acceptedPerSecond, double throttledShare, long throttled) {

	}

}
