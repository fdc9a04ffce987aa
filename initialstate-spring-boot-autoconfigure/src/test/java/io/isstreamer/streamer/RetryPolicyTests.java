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

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class RetryPolicyTests {

	@Test
	void backoffGrowsByTheMultiplierUpToTheMaximum() {
		RetryPolicy policy = new RetryPolicy(10, Duration.ofSeconds(1), Duration.ofSeconds(30), 2, 0);
		assertThat(policy.backoff(1, 0.5)).isEqualTo(Duration.ofSeconds(1));
		assertThat(policy.backoff(2, 0.5)).isEqualTo(Duration.ofSeconds(2));
		assertThat(policy.backoff(5, 0.5)).isEqualTo(Duration.ofSeconds(16));
		assertThat(policy.backoff(6, 0.5)).isEqualTo(Duration.ofSeconds(30));
		assertThat(policy.backoff(1000, 0.5)).isEqualTo(Duration.ofSeconds(30));
	}

	@Test
	void jitterOnlyShortensTheWaitWithinItsFraction() {
		RetryPolicy policy = new RetryPolicy(10, Duration.ofSeconds(10), Duration.ofSeconds(30), 2, 0.2);
		assertThat(policy.backoff(1, 0.0)).isEqualTo(Duration.ofSeconds(10));
		assertThat(policy.backoff(1, 0.999999)).isBetween(Duration.ofSeconds(8), Duration.ofMillis(8001));
	}

	@Test
	void defaultsAreTheNamedConstants() {
		RetryPolicy policy = RetryPolicy.getDefault();
		assertThat(policy.maxAttempts()).isEqualTo(RetryPolicy.DEFAULT_MAX_ATTEMPTS);
		assertThat(policy.initialBackoff()).isEqualTo(RetryPolicy.DEFAULT_INITIAL_BACKOFF);
		assertThat(policy.maxBackoff()).isEqualTo(RetryPolicy.DEFAULT_MAX_BACKOFF);
		assertThat(policy.backoffMultiplier()).isEqualTo(RetryPolicy.DEFAULT_BACKOFF_MULTIPLIER);
		assertThat(policy.jitter()).isEqualTo(RetryPolicy.DEFAULT_JITTER);
	}

	@Test
	void refusesSettingsThatMakeNoSense() {
		Duration second = Duration.ofSeconds(1);
		assertThatIllegalArgumentException().isThrownBy(() -> new RetryPolicy(0, second, second, 2, 0.2))
			.withMessageContaining("maxAttempts");
		assertThatIllegalArgumentException().isThrownBy(() -> new RetryPolicy(1, Duration.ZERO, second, 2, 0.2))
			.withMessageContaining("initialBackoff");
		assertThatIllegalArgumentException().isThrownBy(() -> new RetryPolicy(1, second, Duration.ofMillis(10), 2, 0.2))
			.withMessageContaining("maxBackoff");
		assertThatIllegalArgumentException().isThrownBy(() -> new RetryPolicy(1, second, second, 0.5, 0.2))
			.withMessageContaining("backoffMultiplier");
		assertThatIllegalArgumentException().isThrownBy(() -> new RetryPolicy(1, second, second, 2, 1.5))
			.withMessageContaining("jitter");
	}

}
