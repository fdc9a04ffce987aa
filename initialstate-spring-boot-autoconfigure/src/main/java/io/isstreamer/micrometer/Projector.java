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
import java.util.Set;
import java.util.TreeSet;

/**
 * Makes the registry's {@link QuotaProjection} from the series of a pass, what was sent
 * at each step, and what was sent this month.
 */
final class Projector {

	private static final Duration HOUR = Duration.ofHours(1);

	private final InitialStateConfig config;

	private final SendMemory memory;

	private final MonthlyUsage usage;

	private final long stepsPerHour;

	/**
	 * The metrics' budget: theirs, or the streamer's when that is smaller, since the
	 * metrics count against it like any other events.
	 */
	private final long monthlyBudget;

	Projector(InitialStateConfig config, SendMemory memory, MonthlyUsage usage, long streamerBudget) {
		this.config = config;
		this.monthlyBudget = (streamerBudget > 0) ? Math.min(config.monthlyBudget(), streamerBudget)
				: config.monthlyBudget();
		this.memory = memory;
		this.usage = usage;
		long step = config.step().toMillis();
		this.stepsPerHour = Math.max(1, (HOUR.toMillis() + step - 1) / step);
	}

	/**
	 * Count events sent.
	 * @param nowMillis the wall time they were sent
	 * @param sent how many
	 */
	void sent(long nowMillis, long sent) {
		this.usage.add(nowMillis, sent);
	}

	/**
	 * Return what was sent this month.
	 * @param nowMillis the wall time
	 * @return the events of this month and their pace
	 */
	QuotaProjection.MonthToDate thisMonth(long nowMillis) {
		return this.usage.thisMonth(nowMillis);
	}

	/**
	 * Project the monthly use.
	 * @param collected the series of a pass over the meters
	 * @param nowMillis the wall time
	 * @return the projection
	 */
	QuotaProjection project(SeriesCollector.Collected collected, long nowMillis) {
		return QuotaProjection.of(collected.expectedSeries(), this.config.step(), this.config.refreshInterval(),
				this.monthlyBudget, floorOf(collected), thisMonth(nowMillis));
	}

	/**
	 * What the least events a month are made of: the series sent at every step of the
	 * last hour once the registry has run that long, else the series known to change at
	 * every step; then the other series by their rule.
	 */
	private QuotaProjection.Floor floorOf(SeriesCollector.Collected collected) {
		boolean measured = this.memory.steps() >= this.stepsPerHour;
		Set<String> everyStep = new TreeSet<>();
		if (measured) {
			everyStep.addAll(this.memory.sentInEachOfTheLast(this.stepsPerHour));
		}
		else {
			collected.values()
				.stream()
				.filter(SeriesValue::changesEveryStep)
				.forEach((value) -> everyStep.add(value.key()));
		}
		int[] byRule = new int[SendRule.values().length];
		for (SeriesValue value : collected.values()) {
			if (!everyStep.contains(value.key())) {
				byRule[value.rule().ordinal()]++;
			}
		}
		// series expected but not seen yet (HTTP meters appear with the first request)
		for (Rollup unseen : collected.unseen()) {
			byRule[unseen.rule().ordinal()]++;
		}
		return new QuotaProjection.Floor(measured, List.copyOf(everyStep), byRule[SendRule.GAUGE.ordinal()],
				byRule[SendRule.COUNT.ordinal()], byRule[SendRule.CONSTANT.ordinal()]);
	}

}
