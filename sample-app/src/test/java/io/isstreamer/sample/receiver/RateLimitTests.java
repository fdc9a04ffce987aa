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

package io.isstreamer.sample.receiver;

import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link RateLimit}.
 */
class RateLimitTests {

	// 2026-01-01T00:00:00Z, the start of a 10-second window
	private final AtomicLong now = new AtomicLong(1_767_225_600_000L);

	private final RateLimit rateLimit = new RateLimit(3, this.now::get);

	@Test
	void allowsThreeRequestsAtOnceThenRefusesTheFourthForOneSecond() {
		for (int i = 0; i < 3; i++) {
			assertThat(this.rateLimit.acquire().allowed()).isTrue();
		}
		RateLimit.Decision refused = this.rateLimit.acquire();
		assertThat(refused.allowed()).isFalse();
		assertThat(refused.retryAfterSeconds()).isEqualTo(1);
		assertThat(refused.remaining()).isEqualTo(27);
	}

	@Test
	void allowsAnotherRequestOnceAThirdOfASecondHasPassed() {
		for (int i = 0; i < 3; i++) {
			this.rateLimit.acquire();
		}
		this.now.addAndGet(200);
		assertThat(this.rateLimit.acquire().allowed()).isFalse();
		this.now.addAndGet(134);
		assertThat(this.rateLimit.acquire().allowed()).isTrue();
	}

	@Test
	void neverRefusesAClientPacedAtThreeRequestsASecondWithJitter() {
		for (int i = 0; i < 300; i++) {
			this.now.addAndGet((i % 2 == 0) ? 300 : 376);
			assertThat(this.rateLimit.acquire().allowed()).as("request %d", i).isTrue();
		}
	}

	@Test
	void describesTheTenSecondWindowInEveryDecision() {
		RateLimit.Decision first = this.rateLimit.acquire();
		assertThat(first.limit()).isEqualTo(30);
		assertThat(first.remaining()).isEqualTo(29);
		assertThat(first.reset()).isEqualTo(1_767_225_610L);
		this.now.addAndGet(9_999);
		assertThat(this.rateLimit.acquire().reset()).isEqualTo(1_767_225_610L);
		this.now.addAndGet(1);
		RateLimit.Decision next = this.rateLimit.acquire();
		assertThat(next.reset()).isEqualTo(1_767_225_620L);
		assertThat(next.remaining()).isEqualTo(29);
	}

	@Test
	void refusesPastThirtyRequestsInAWindowUntilItEnds() {
		for (int i = 0; i < 3; i++) {
			assertThat(this.rateLimit.acquire().allowed()).isTrue();
		}
		for (int i = 0; i < 27; i++) {
			this.now.addAndGet(334);
			assertThat(this.rateLimit.acquire().allowed()).isTrue();
		}
		this.now.addAndGet(700);
		RateLimit.Decision refused = this.rateLimit.acquire();
		assertThat(refused.allowed()).isFalse();
		assertThat(refused.remaining()).isZero();
		assertThat(refused.retryAfterSeconds()).isEqualTo(1);
		this.now.addAndGet(300);
		assertThat(this.rateLimit.acquire().allowed()).isTrue();
	}

}
