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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import io.isstreamer.streamer.transport.TransportResponse;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PacingGateTests {

	private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

	private static final long NOW_MILLIS = 1_700_000_000_000L;

	@Test
	void spacesRequestsByTheConfiguredRateWithASmallMargin() {
		PacingGate gate = new PacingGate(3, 0);
		assertThat(gate.isOpen(0)).isTrue();
		gate.started(0);
		assertThat(gate.isOpen(SECOND / 3)).isFalse();
		assertThat(gate.opensAt()).isBetween(SECOND / 3 + TimeUnit.MILLISECONDS.toNanos(15),
				SECOND / 3 + TimeUnit.MILLISECONDS.toNanos(20));
		assertThat(SECOND / (double) gate.opensAt()).as("requests per second").isGreaterThan(2.8);
	}

	@Test
	void neverGoesFasterThanTheConfiguredRateWhateverTheHeadersAllow() {
		PacingGate gate = new PacingGate(3, 0, new Random(1));
		gate.started(0);
		gate.learn(window(1000, 10, 1000), 0, 0, NOW_MILLIS);
		assertThat(gate.quota()).as("requests per 10 s window").isEqualTo(30);
	}

	@Test
	void aOneSecondWindowGetsNearlyThreeRequestsASecondNotOneEveryThreeSeconds() {
		PacingGate gate = new PacingGate(3, 0, new Random(1));
		List<Long> starts = runAlone(gate, 3, 1, 20);
		long lastTen = starts.stream().filter((start) -> start >= 10 * SECOND && start < 20 * SECOND).count();
		// the configured rate's interval, margin included, between any two: 2.86 a second
		// at most
		assertThat(lastTen).as("requests in the last ten one-second windows").isBetween(27L, 29L);
		assertNeverCloserThanTheConfiguredRate(gate, starts);
	}

	@Test
	void slotsOfAWindowThatPassedUnusedAreNotMadeUpForInABurst() {
		PacingGate gate = new PacingGate(3, 0, new Random(1));
		gate.started(0);
		gate.learn(window(29, 10, 30), 0, 0, NOW_MILLIS);
		// nothing to send for the first half of the next 10 s window: half of its 30
		// slots lie in the past when work comes
		List<Long> starts = new ArrayList<>(List.of(0L));
		long now = 15 * SECOND;
		while (starts.size() < 6) {
			now = Math.max(now, gate.opensAt());
			gate.started(now);
			starts.add(now);
		}
		assertNeverCloserThanTheConfiguredRate(gate, starts);
	}

	private static void assertNeverCloserThanTheConfiguredRate(PacingGate gate, List<Long> starts) {
		for (int i = 1; i < starts.size(); i++) {
			assertThat(starts.get(i) - starts.get(i - 1)).as("between requests %d and %d", i - 1, i)
				.isGreaterThanOrEqualTo(gate.baseIntervalNanos());
		}
	}

	@Test
	void waitsForTheWindowToResetWhenNoRequestIsLeft() {
		PacingGate gate = new PacingGate(3, 0);
		gate.learn(window(0, 4, 30), 0, 0, NOW_MILLIS);
		assertThat(gate.isOpen(4 * SECOND - 1)).isFalse();
		assertThat(gate.opensAt()).isBetween(4 * SECOND, 5 * SECOND);
	}

	@Test
	void stepsDownBeforeTheWindowFillsWhenOthersUseItUpFasterThanEvenly() {
		PacingGate gate = new PacingGate(3, 0, new Random(1));
		gate.started(0);
		gate.learn(window(29, 10, 30), 0, 0, NOW_MILLIS);
		assertThat(gate.quota()).isEqualTo(30);
		// a fifth into the window, 7 of its 30 used: about even, nothing to do
		gate.started(2 * SECOND);
		gate.learn(window(23, 10, 30), 2 * SECOND, 2 * SECOND, NOW_MILLIS + 2000);
		assertThat(gate.quota()).isEqualTo(30);
		// a little later, 25 used: the window would be full before half of it passed
		gate.started(3 * SECOND);
		gate.learn(window(5, 10, 30), 3 * SECOND, 3 * SECOND, NOW_MILLIS + 3000);
		assertThat(gate.quota()).isEqualTo(15);
	}

	@Test
	void aRetryAfterShorterThanTheWindowIsBelievedOverNothingLeft() {
		PacingGate gate = new PacingGate(3, 0, new Random(1));
		gate.started(0);
		// a service that also limits each second: nothing left, the window resets in 9 s,
		// but it says to try again in 1 s (the sender holds for that itself)
		gate.learn(
				new TransportResponse(429, Map.of("X-RateLimit-Limit", "30", "X-RateLimit-Remaining", "0",
						"X-RateLimit-Reset", Long.toString(NOW_MILLIS / 1000 + 9), "Retry-After", "1"), ""),
				0, 0, NOW_MILLIS);
		assertThat(gate.opensAt()).isLessThan(2 * SECOND);
	}

	@Test
	void takesItsOwnRequestsStartedAfterTheAnsweredOneOffWhatIsLeft() {
		PacingGate gate = new PacingGate(3, 0);
		gate.started(0);
		gate.started(SECOND / 2);
		// the answer to the first request says one request is left: the second took it
		gate.learn(window(1, 2, 30), 0, SECOND / 2 + 1, NOW_MILLIS);
		assertThat(gate.opensAt()).as("the window's end").isGreaterThanOrEqualTo(2 * SECOND);
	}

	@Test
	void aThrottledRequestHalvesTheShareOfTheWindow() {
		PacingGate gate = new PacingGate(3, 0, new Random(1));
		gate.started(0);
		gate.learn(window(29, 10, 30), 0, 1, NOW_MILLIS);
		assertThat(gate.quota()).isEqualTo(30);
		gate.started(SECOND);
		gate.learn(throttled(9, 30), SECOND, SECOND + 1, NOW_MILLIS + 1000);
		assertThat(gate.quota()).isEqualTo(15);
		gate.started(2 * SECOND);
		gate.learn(throttled(8, 30), 2 * SECOND, 2 * SECOND + 1, NOW_MILLIS + 2000);
		assertThat(gate.quota()).as("one step per window, however many 429s in it").isEqualTo(15);
	}

	@Test
	void returnsToTheConfiguredRateWhenTheHeadersStop() {
		PacingGate gate = new PacingGate(3, 0, new Random(1));
		gate.started(0);
		gate.learn(throttled(10, 30), 0, 0, NOW_MILLIS);
		long later = 60 * SECOND;
		gate.learn(response(Map.of()), later, later, NOW_MILLIS + 60_000);
		gate.started(later);
		assertThat(gate.quota()).isZero();
		assertThat(gate.opensAt() - later).isEqualTo(gate.baseIntervalNanos());
	}

	@Test
	void ignoresMissingOrUnreadableHeaders() {
		PacingGate gate = new PacingGate(3, 0);
		gate.learn(response(Map.of("X-RateLimit-Remaining", "lots", "X-RateLimit-Reset", "soon")), 0, 0, NOW_MILLIS);
		assertThat(gate.isOpen(0)).isTrue();
	}

	@Test
	void readsRetryAfterInSecondsAndAsAnHttpDate() {
		assertThat(PacingGate.retryAfter(response(Map.of("Retry-After", "7")), NOW_MILLIS))
			.isEqualTo(Duration.ofSeconds(7));
		assertThat(PacingGate.retryAfter(response(Map.of("Retry-After", "Tue, 14 Nov 2023 22:13:25 GMT")),
				1_699_999_995_000L))
			.isEqualTo(Duration.ofSeconds(10));
		assertThat(PacingGate.retryAfter(response(Map.of("Retry-After", "Tue, 14 Nov 2023 22:13:25 GMT")),
				1_700_000_010_000L))
			.as("a date in the past")
			.isEqualTo(Duration.ZERO);
		assertThat(PacingGate.retryAfter(response(Map.of("Retry-After", "99999999")), NOW_MILLIS))
			.isEqualTo(PacingGate.MAX_RETRY_AFTER);
		assertThat(PacingGate.retryAfter(response(Map.of("Retry-After", "later")), NOW_MILLIS)).isNull();
		assertThat(PacingGate.retryAfter(response(Map.of()), NOW_MILLIS)).isNull();
	}

	@Test
	void aHoldNeverMovesTheGateEarlierButAnExplicitOpenDoes() {
		PacingGate gate = new PacingGate(3, 0);
		gate.holdUntil(10 * SECOND);
		gate.holdUntil(SECOND);
		assertThat(gate.opensAt()).isEqualTo(10 * SECOND);
		gate.openAt(2 * SECOND);
		assertThat(gate.opensAt()).isEqualTo(2 * SECOND);
	}

	/**
	 * An answer saying how many requests are left until the window resets.
	 */
	private static TransportResponse window(long remaining, long resetInSeconds, long limit) {
		return response(Map.of("X-RateLimit-Limit", Long.toString(limit), "X-RateLimit-Remaining",
				Long.toString(remaining), "X-RateLimit-Reset", Long.toString(NOW_MILLIS / 1000 + resetInSeconds)));
	}

	private static TransportResponse throttled(long resetInSeconds, long limit) {
		return new TransportResponse(429,
				Map.of("X-RateLimit-Limit", Long.toString(limit), "X-RateLimit-Remaining", "0", "X-RateLimit-Reset",
						Long.toString(NOW_MILLIS / 1000 + resetInSeconds), "Retry-After",
						Long.toString(resetInSeconds)),
				"");
	}

	/**
	 * Drive a gate alone against a service with fixed windows that answers at once.
	 * @return when the requests started
	 */
	private static List<Long> runAlone(PacingGate gate, int limit, int windowSeconds, int seconds) {
		List<Long> starts = new ArrayList<>();
		long now = 0;
		long windowStart = -1;
		int count = 0;
		while (now < seconds * SECOND) {
			now = Math.max(now, gate.opensAt());
			gate.started(now);
			starts.add(now);
			long window = now / (windowSeconds * SECOND);
			if (window != windowStart) {
				windowStart = window;
				count = 0;
			}
			count++;
			long reset = NOW_MILLIS / 1000 + (window + 1) * windowSeconds;
			long epochMillis = NOW_MILLIS + now / 1_000_000;
			gate.learn(new TransportResponse(204,
					Map.of("X-RateLimit-Limit", Integer.toString(limit), "X-RateLimit-Remaining",
							Integer.toString(Math.max(0, limit - count)), "X-RateLimit-Reset", Long.toString(reset)),
					""), now, now + 1, epochMillis);
			assertThat(count).as("requests in window %d", window).isLessThanOrEqualTo(limit);
		}
		return starts;
	}

	private static TransportResponse response(Map<String, String> headers) {
		return new TransportResponse(204, headers, "");
	}

}
