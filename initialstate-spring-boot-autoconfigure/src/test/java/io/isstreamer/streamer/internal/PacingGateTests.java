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
import java.util.Map;
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
		PacingGate gate = new PacingGate(3, 0);
		gate.started(0);
		gate.learn(window(1000, 1), 0, 0, NOW_MILLIS);
		assertThat(gate.intervalNanos()).isGreaterThanOrEqualTo(SECOND / 3);
		assertThat(gate.opensAt()).isGreaterThanOrEqualTo(SECOND / 3);
	}

	@Test
	void waitsForTheWindowToResetWhenNoRequestIsLeft() {
		PacingGate gate = new PacingGate(3, 0);
		gate.learn(window(0, 4), 0, 0, NOW_MILLIS);
		assertThat(gate.isOpen(4 * SECOND - 1)).isFalse();
		assertThat(gate.opensAt()).isBetween(4 * SECOND, 4 * SECOND + TimeUnit.MILLISECONDS.toNanos(10));
	}

	@Test
	void spreadsTheRequestsLeftOverTheTimeLeftInTheWindow() {
		PacingGate gate = new PacingGate(3, 0);
		gate.started(0);
		gate.learn(window(2, 9), 0, 0, NOW_MILLIS);
		assertThat(gate.opensAt()).isGreaterThanOrEqualTo(3 * SECOND);
	}

	@Test
	void aOneSecondWindowIsSpreadOverOneSecondNotTen() {
		PacingGate gate = new PacingGate(3, 0);
		gate.started(0);
		gate.learn(window(2, 1), 0, 0, NOW_MILLIS);
		assertThat(gate.opensAt()).as("about a third of a second").isBetween(SECOND / 3, SECOND / 2);
	}

	@Test
	void takesItsOwnRequestsStartedAfterTheAnsweredOneOffWhatIsLeft() {
		PacingGate gate = new PacingGate(3, 0);
		gate.started(0);
		gate.started(SECOND / 2);
		// the answer to the first request says one request is left: the second took it
		gate.learn(window(1, 2), 0, SECOND / 2 + 1, NOW_MILLIS);
		assertThat(gate.opensAt()).as("the window's end").isGreaterThanOrEqualTo(2 * SECOND);
	}

	@Test
	void returnsToTheConfiguredRateWhenTheHeadersStop() {
		PacingGate gate = new PacingGate(3, 0);
		gate.started(0);
		gate.learn(window(1, 10), 0, 0, NOW_MILLIS);
		assertThat(gate.intervalNanos()).isGreaterThan(4 * SECOND);
		long later = 60 * SECOND;
		gate.learn(response(Map.of()), later, later, NOW_MILLIS + 60_000);
		gate.started(later);
		assertThat(gate.opensAt() - later).isLessThan(SECOND / 2);
	}

	@Test
	void slowsDownWhenTheBudgetShrinksFasterThanItsOwnRequestsExplain() {
		PacingGate alone = new PacingGate(3, 0);
		PacingGate shared = new PacingGate(3, 0);
		long reset = 10;
		for (int i = 0; i < 6; i++) {
			long start = i * SECOND / 2;
			alone.started(start);
			shared.started(start);
			// alone, the budget falls by one per request; shared, by two
			alone.learn(window(28 - i, reset), start, start + 1, NOW_MILLIS + start / 1_000_000);
			shared.learn(window(28 - 2 * i, reset), start, start + 1, NOW_MILLIS + start / 1_000_000);
		}
		assertThat(shared.intervalNanos()).isGreaterThan(alone.intervalNanos() * 3 / 2);
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
	private static TransportResponse window(long remaining, long resetInSeconds) {
		return response(Map.of("X-RateLimit-Limit", "30", "X-RateLimit-Remaining", Long.toString(remaining),
				"X-RateLimit-Reset", Long.toString(NOW_MILLIS / 1000 + resetInSeconds)));
	}

	private static TransportResponse response(Map<String, String> headers) {
		return new TransportResponse(204, headers, "");
	}

}
