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

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Tests for {@link MonthlyProjection}, on a simulated clock.
 */
class MonthlyProjectionTests {

	private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

	@Test
	void tenMinutesOfSteadySendingProjectTheMonthAtThatPace() {
		MonthlyProjection projection = new MonthlyProjection(0);
		long now = 0;
		for (int second = 1; second <= 600; second++) {
			now = second * SECOND;
			// 7 events a second, sent in a request every other second
			if (second % 2 == 0) {
				projection.sent(14, now);
			}
		}
		double truth = 7.0 * MonthlyProjection.MONTH.toSeconds();
		assertThat((double) projection.projected(now)).isCloseTo(truth, within(truth * 0.1));
	}

	@Test
	void afterAnHourOnlyTheLastHourCounts() {
		MonthlyProjection projection = new MonthlyProjection(0);
		long now = 0;
		// an hour at 100 a second, then an hour at 1 a second
		for (int second = 1; second <= 7200; second++) {
			now = second * SECOND;
			projection.sent((second <= 3600) ? 100 : 1, now);
		}
		double truth = 1.0 * MonthlyProjection.MONTH.toSeconds();
		assertThat((double) projection.projected(now)).isCloseTo(truth, within(truth * 0.05));
	}

	@Test
	void silenceBringsTheProjectionDown() {
		MonthlyProjection projection = new MonthlyProjection(0);
		projection.sent(3600, 60 * SECOND);
		long loud = projection.projected(61 * SECOND);
		long later = projection.projected(3 * 3600 * SECOND);
		assertThat(later).isZero();
		assertThat(loud).isPositive();
	}

}
