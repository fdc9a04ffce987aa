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

import java.time.Duration;

/**
 * Test hooks of the engine: audit the books at every transition, and throw at named
 * points of the sender's loop to prove that an exception anywhere loses nothing.
 *
 * @param audit whether the ledger checks itself against what the engine holds
 * @param faults called at each named point of the loop; may throw
 * @param idleBucket how long a bucket with nothing to do is kept in memory
 */
public record Diagnostics(boolean audit, FaultInjector faults, Duration idleBucket) {

	/**
	 * How long a bucket with nothing to do is kept in memory, unless a test says
	 * otherwise.
	 */
	public static final Duration IDLE_BUCKET = Duration.ofMinutes(10);

	/**
	 * No audit, no faults: what every streamer runs with.
	 */
	public static final Diagnostics NONE = new Diagnostics(false, (point) -> {
	}, IDLE_BUCKET);

	/**
	 * Create hooks that keep idle buckets as long as usual.
	 * @param audit whether the ledger checks itself against what the engine holds
	 * @param faults called at each named point of the loop; may throw
	 */
	public Diagnostics(boolean audit, FaultInjector faults) {
		this(audit, faults, IDLE_BUCKET);
	}

	/**
	 * Called at the named points of the sender's loop, and at {@code stopping} in its
	 * shutdown, after it took the answers that had come and before it gives up the
	 * requests still in flight.
	 */
	@FunctionalInterface
	public interface FaultInjector {

		/**
		 * The loop reached a point.
		 * @param point the point's name
		 */
		void at(String point);

	}

}
