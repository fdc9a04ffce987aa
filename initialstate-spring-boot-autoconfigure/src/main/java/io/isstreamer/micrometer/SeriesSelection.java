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

import java.util.List;

/**
 * What the registry exports: the {@link DefaultSelection default selection} unless turned
 * off, plus every series of the meters named by the {@code include} patterns, less
 * everything named by the {@code exclude} patterns.
 */
final class SeriesSelection {

	private final List<Rollup> rollups;

	private final NamePatterns include;

	private final NamePatterns exclude;

	SeriesSelection(InitialStateConfig config) {
		this.include = new NamePatterns(config.include());
		this.exclude = new NamePatterns(config.exclude());
		this.rollups = config.defaultSelection() ? DefaultSelection.SERIES.stream()
			.filter((rollup) -> !this.exclude.matches(rollup.meterName()))
			.toList() : List.of();
	}

	/**
	 * Return whether every series of a meter is exported.
	 * @param name the meter's own name
	 * @return whether an include pattern names it and no exclude pattern does
	 */
	boolean exportsInFull(String name) {
		return this.include.matches(name) && !this.exclude.matches(name);
	}

	/**
	 * Return whether the series of a meter exported in full are known to change at every
	 * step.
	 * @param name the meter's own name
	 * @return whether the name is one of {@link DefaultSelection#CHANGING_EVERY_STEP}
	 */
	boolean changesEveryStep(String name) {
		return DefaultSelection.CHANGING_EVERY_STEP.contains(name);
	}

	/**
	 * Return the rolled-up series exported.
	 * @return the series of the default selection that are not excluded
	 */
	List<Rollup> rollups() {
		return this.rollups;
	}

}
