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

package io.isstreamer.micrometer;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link QuotaProjection}.
 */
class QuotaProjectionTests {

	private static final QuotaProjection.Floor DEFAULT_FLOOR = new QuotaProjection.Floor(false, List
		.of("jvm.memory.used[area=heap]", "jvm.memory.used[area=nonheap]", "process.cpu.usage", "system.cpu.usage"), 4,
			5, 2);

	@Test
	void projectsTheDefaultSelectionAtTheDefaultStep() {
		QuotaProjection projection = QuotaProjection.of(15, Duration.ofMinutes(1), Duration.ofMinutes(10), 3_000_000,
				DEFAULT_FLOOR, null);
		// 31 days = 44,640 minutes; unchanged gauges go out every 10 minutes: 4,464 times
		assertThat(projection.minEventsPerMonth()).isEqualTo(4 * 44_640 + 4 * 4_464).isEqualTo(196_416);
		assertThat(projection.maxEventsPerMonth()).isEqualTo(669_600);
		assertThat(projection.minBudgetPercent()).isEqualTo(7);
		assertThat(projection.budgetPercent()).isEqualTo(22);
		assertThat(projection.withinBudget()).isTrue();
	}

	@Test
	void tenSecondStepsOfFifteenSeriesExceedTheSmallestPlan() {
		QuotaProjection projection = QuotaProjection.of(15, Duration.ofSeconds(10), Duration.ofMinutes(10), 3_000_000,
				DEFAULT_FLOOR, null);
		assertThat(projection.maxEventsPerMonth()).isEqualTo(4_017_600);
		assertThat(projection.withinBudget()).isFalse();
		assertThat(projection.budgetPercent()).isEqualTo(134);
	}

	@Test
	void refreshIntervalShorterThanTheStepSendsGaugesAtEveryStep() {
		QuotaProjection projection = QuotaProjection.of(2, Duration.ofMinutes(1), Duration.ZERO, 3_000_000,
				new QuotaProjection.Floor(false, List.of(), 2, 0, 0), null);
		assertThat(projection.minEventsPerMonth()).isEqualTo(projection.maxEventsPerMonth()).isEqualTo(89_280);
	}

	@Test
	void describesItselfInWords() {
		QuotaProjection projection = QuotaProjection.of(15, Duration.ofMinutes(1), Duration.ofMinutes(10), 3_000_000,
				DEFAULT_FLOOR, null);
		assertThat(projection).hasToString("15 series every 1m: 196,416 to 669,600 events a month (7% to 22% of the "
				+ "monthly budget of 3,000,000)");
		assertThat(projection.drivers()).isEqualTo("The least counts 4 series known to change at every step "
				+ "(jvm.memory.used[area=heap], jvm.memory.used[area=nonheap], process.cpu.usage, system.cpu.usage) "
				+ "and 4 gauges sent again every 10m; 5 counts add an event in each step that has any, up to the "
				+ "most: every series at every step; 2 constants are sent once");
	}

	@Test
	void namesAtMostSixKeysOfTheFloor() {
		QuotaProjection projection = QuotaProjection.of(8, Duration.ofMinutes(1), Duration.ofMinutes(10), 3_000_000,
				new QuotaProjection.Floor(true, List.of("a", "b", "c", "d", "e", "f", "g", "h"), 0, 0, 0), null);
		assertThat(projection.drivers()).startsWith(
				"The least counts 8 series sent at every step of the last hour (a, b, c, d, e, f, 2 more) and 0 gauges");
	}

	@Test
	void formatsDurationsLikeProperties() {
		assertThat(QuotaProjection.format(Duration.ofHours(2))).isEqualTo("2h");
		assertThat(QuotaProjection.format(Duration.ofMinutes(90))).isEqualTo("90m");
		assertThat(QuotaProjection.format(Duration.ofSeconds(10))).isEqualTo("10s");
		assertThat(QuotaProjection.format(Duration.ofMillis(1500))).isEqualTo("1500ms");
		assertThat(QuotaProjection.format(Duration.ZERO)).isEqualTo("0ms");
	}

}
