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

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link QuotaProjection}.
 */
class QuotaProjectionTests {

	@Test
	void projectsTheDefaultSelectionAtTheDefaultStep() {
		QuotaProjection projection = QuotaProjection.of(13, Duration.ofMinutes(1), Duration.ofMinutes(10), 3_000_000);
		// 31 days = 44,640 minutes; unchanged values go out every 10 minutes: 4,464 times
		assertThat(projection.maxEventsPerMonth()).isEqualTo(580_320);
		assertThat(projection.minEventsPerMonth()).isEqualTo(58_032);
		assertThat(projection.budgetPercent()).isEqualTo(19);
		assertThat(projection.withinBudget()).isTrue();
	}

	@Test
	void tenSecondStepsOfADozenSeriesExceedTheSmallestPlan() {
		QuotaProjection projection = QuotaProjection.of(13, Duration.ofSeconds(10), Duration.ofMinutes(10), 3_000_000);
		assertThat(projection.maxEventsPerMonth()).isEqualTo(3_481_920);
		assertThat(projection.withinBudget()).isFalse();
		assertThat(projection.budgetPercent()).isEqualTo(116);
	}

	@Test
	void refreshIntervalShorterThanTheStepSendsEveryStep() {
		QuotaProjection projection = QuotaProjection.of(2, Duration.ofMinutes(1), Duration.ZERO, 3_000_000);
		assertThat(projection.minEventsPerMonth()).isEqualTo(projection.maxEventsPerMonth()).isEqualTo(89_280);
	}

	@Test
	void describesItselfInWords() {
		assertThat(QuotaProjection.of(13, Duration.ofMinutes(1), Duration.ofMinutes(10), 3_000_000))
			.hasToString("13 series every 1m: at most 580,320 events a month (19% of the monthly budget of "
					+ "3,000,000), at least 58,032 when no value changes");
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
