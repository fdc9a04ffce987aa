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

package io.isstreamer.streamer.support;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.boot.convert.DurationStyle;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link Durations}.
 */
class DurationsTests {

	@Test
	void writesEachDurationInTheLargestUnitThatHoldsItExactly() {
		assertThat(Durations.format(Duration.ofSeconds(30))).isEqualTo("30s");
		assertThat(Durations.format(Duration.ofMinutes(5))).isEqualTo("5m");
		assertThat(Durations.format(Duration.ofHours(1))).isEqualTo("1h");
		assertThat(Durations.format(Duration.ofDays(2))).isEqualTo("2d");
		assertThat(Durations.format(Duration.ofSeconds(90))).isEqualTo("90s");
		assertThat(Durations.format(Duration.ofMillis(1500))).isEqualTo("1500ms");
		assertThat(Durations.format(Duration.ofNanos(2_000))).isEqualTo("2us");
		assertThat(Durations.format(Duration.ofNanos(7))).isEqualTo("7ns");
		assertThat(Durations.format(Duration.ZERO)).isEqualTo("0s");
		assertThat(Durations.format(Duration.ofSeconds(-30))).isEqualTo("-30s");
	}

	@Test
	void springBootReadsEveryResultBackAsTheSameDuration() {
		List<Duration> durations = List.of(Duration.ofMillis(250), Duration.ofSeconds(10), Duration.ofMinutes(90),
				Duration.ofDays(400), Duration.ofNanos(1_234_567_891), Duration.of(3, ChronoUnit.MICROS),
				Duration.ofSeconds(Long.MAX_VALUE / 1_000), Duration.ZERO);
		for (Duration duration : durations) {
			String text = Durations.format(duration);
			assertThat(DurationStyle.SIMPLE.parse(text)).as(text).isEqualTo(duration);
		}
	}

	@Test
	void roundsComputedWaitsForAPerson() {
		assertThat(Durations.approximate(Duration.ofNanos(883_002_853))).isEqualTo("883ms");
		assertThat(Durations.approximate(Duration.ofNanos(9_199_679))).isEqualTo("9ms");
		assertThat(Durations.approximate(Duration.ofMillis(2_317_400).dividedBy(1000))).isEqualTo("2317ms");
		assertThat(Durations.approximate(Duration.ofMillis(17_312))).isEqualTo("17s");
		assertThat(Durations.approximate(Duration.ofSeconds(300))).isEqualTo("5m");
		assertThat(Durations.approximate(Duration.ofMillis(1000))).isEqualTo("1s");
	}

}
