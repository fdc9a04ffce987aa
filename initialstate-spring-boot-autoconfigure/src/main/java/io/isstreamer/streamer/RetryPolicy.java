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

import java.time.Duration;

/**
 * How a request that failed for a reason worth retrying (a 5xx answer, a timeout, a
 * refused or reset connection) is retried: up to {@code maxAttempts} attempts in all,
 * waiting an exponentially growing, jittered backoff between them. Once the attempts are
 * used up, the batch goes to the spool and the sender moves on.
 *
 * @param maxAttempts attempts in all, the first one included (at least 1)
 * @param initialBackoff wait before the second attempt
 * @param maxBackoff longest wait between attempts, and between probes of a service that
 * stays unreachable
 * @param backoffMultiplier factor applied to the wait after each failed attempt (at least
 * 1)
 * @param jitter random spread of each wait, as a fraction of it (0 to 1): a wait of
 * {@code d} becomes a random value between {@code d * (1 - jitter)} and {@code d}
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff, double backoffMultiplier,
		double jitter) {

	/**
	 * Default number of attempts.
	 */
	public static final int DEFAULT_MAX_ATTEMPTS = 5;

	/**
	 * Default wait before the second attempt.
	 */
	public static final Duration DEFAULT_INITIAL_BACKOFF = Duration.ofSeconds(1);

	/**
	 * Default longest wait.
	 */
	public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(30);

	/**
	 * Default growth factor of the wait.
	 */
	public static final double DEFAULT_BACKOFF_MULTIPLIER = 2.0;

	/**
	 * Default jitter fraction.
	 */
	public static final double DEFAULT_JITTER = 0.2;

	private static final RetryPolicy DEFAULT = new RetryPolicy(DEFAULT_MAX_ATTEMPTS, DEFAULT_INITIAL_BACKOFF,
			DEFAULT_MAX_BACKOFF, DEFAULT_BACKOFF_MULTIPLIER, DEFAULT_JITTER);

	public RetryPolicy {
		if (maxAttempts < 1) {
			throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
		}
		if (initialBackoff == null || initialBackoff.isNegative() || initialBackoff.isZero()) {
			throw new IllegalArgumentException("initialBackoff must be positive, was " + initialBackoff);
		}
		if (maxBackoff == null || maxBackoff.compareTo(initialBackoff) < 0) {
			throw new IllegalArgumentException(
					"maxBackoff must be at least initialBackoff (" + initialBackoff + "), was " + maxBackoff);
		}
		if (!(backoffMultiplier >= 1.0) || Double.isInfinite(backoffMultiplier)) {
			throw new IllegalArgumentException(
					"backoffMultiplier must be a number of at least 1, was " + backoffMultiplier);
		}
		if (!(jitter >= 0.0 && jitter <= 1.0)) {
			throw new IllegalArgumentException("jitter must be between 0 and 1, was " + jitter);
		}
	}

	/**
	 * Return the default policy: {@value #DEFAULT_MAX_ATTEMPTS} attempts, waits from 1 s
	 * doubling up to 30 s, 20% jitter.
	 * @return the default policy
	 */
	public static RetryPolicy getDefault() {
		return DEFAULT;
	}

	/**
	 * Return the wait after the given failed attempt.
	 * @param failedAttempts how many attempts failed so far (at least 1)
	 * @param random a random number in {@code [0, 1)}, which spreads the wait
	 * @return how long to wait before the next attempt
	 */
	public Duration backoff(int failedAttempts, double random) {
		double nanos = this.initialBackoff.toNanos()
				* Math.pow(this.backoffMultiplier, Math.max(0, Math.min(failedAttempts - 1, 62)));
		nanos = Math.min(nanos, this.maxBackoff.toNanos());
		nanos = nanos * (1.0 - this.jitter * random);
		return Duration.ofNanos((long) nanos);
	}

}
