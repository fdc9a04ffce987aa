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

import java.util.Map;
import java.util.Set;

import io.micrometer.core.instrument.Meter;
import org.jspecify.annotations.Nullable;

/**
 * One series made of all the meters of a name: one statistic, summed (or, for
 * {@code max}, the largest) over the tags that would otherwise multiply it, such as the
 * memory pool or the request URI. Tags in {@code where} pick the meters; the other tags
 * that are not summed over, common tags included, stay in the key. In a sum, a value
 * below zero is left out: a memory pool without a maximum reports -1.
 *
 * @param meterName the meter's own name, as {@code /actuator/metrics} shows it
 * @param statistic the statistic ({@code count}, {@code sum}, {@code mean},
 * {@code max}...), or {@code null} for meters with one value
 * @param where tags the meters must have
 * @param summedOver tag keys summed over, left out of the key
 * @param rule when the series is sent
 * @param changesEveryStep whether its value is known to change at every step (CPU and
 * memory use), which the monthly projection counts on until it has measured an hour
 * @param expected whether the projection counts the series before any meter feeds it
 * (HTTP meters appear with the first request); {@code false} for series that exist only
 * in some applications, such as the connection pool's
 * @see DefaultSelection
 */
public record Rollup(String meterName, @Nullable String statistic, Map<String, String> where, Set<String> summedOver,
		SendRule rule, boolean changesEveryStep, boolean expected) {

	public Rollup {
		where = Map.copyOf(where);
		summedOver = Set.copyOf(summedOver);
	}

	/**
	 * Return whether a meter has the tags this series picks.
	 * @param id the meter's id
	 * @return whether the meter is part of this series
	 */
	boolean picks(Meter.Id id) {
		for (Map.Entry<String, String> tag : this.where.entrySet()) {
			if (!tag.getValue().equals(id.getTag(tag.getKey()))) {
				return false;
			}
		}
		return true;
	}

}
