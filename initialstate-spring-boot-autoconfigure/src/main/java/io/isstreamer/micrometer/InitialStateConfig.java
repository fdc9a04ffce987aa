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
import java.util.Arrays;
import java.util.List;

import io.micrometer.core.instrument.config.validate.InvalidReason;
import io.micrometer.core.instrument.config.validate.Validated;
import io.micrometer.core.instrument.step.StepRegistryConfig;
import org.jspecify.annotations.Nullable;

import static io.micrometer.core.instrument.config.MeterRegistryConfigValidator.checkAll;
import static io.micrometer.core.instrument.config.MeterRegistryConfigValidator.checkRequired;
import static io.micrometer.core.instrument.config.validate.PropertyValidator.getBoolean;
import static io.micrometer.core.instrument.config.validate.PropertyValidator.getDuration;
import static io.micrometer.core.instrument.config.validate.PropertyValidator.getString;

/**
 * Configuration for {@link InitialStateMeterRegistry}: what is exported, how often, and
 * the monthly event budget the export is measured against.
 * <p>
 * Outside Spring, properties are read from {@link #get(String)} under {@link #prefix()}
 * ({@code initialstate.step}, {@code initialstate.monthlyBudget}); with the starter they
 * are bound from {@code management.initialstate.metrics.export.*}.
 *
 * @see DefaultSelection
 * @see EventKeys
 */
public interface InitialStateConfig extends StepRegistryConfig {

	/**
	 * Accepts every default.
	 */
	InitialStateConfig DEFAULT = (key) -> null;

	/**
	 * Whether the {@link DefaultSelection default selection} is exported unless
	 * configured otherwise.
	 */
	boolean DEFAULT_SELECTION_ENABLED = true;

	/**
	 * Default time after which an unchanged gauge-like value is sent again, so that
	 * dashboard tiles never look stale.
	 */
	Duration DEFAULT_REFRESH_INTERVAL = Duration.ofMinutes(10);

	/**
	 * Default monthly event budget: the published cap of the smallest paid plans, "3
	 * million data points per month" for Student and Individual accounts (Initial State
	 * support article "API: Rate &amp; Bandwidth Limitations"; see
	 * {@code shared/reference/initialstate-clients.md} section 4).
	 */
	long DEFAULT_MONTHLY_BUDGET = 3_000_000;

	/**
	 * Default key prefix: none.
	 */
	String DEFAULT_KEY_PREFIX = "";

	/**
	 * Longest key prefix, so that a prefixed key still has room for a readable name
	 * within {@link EventKeys#MAX_LENGTH}.
	 */
	int MAX_KEY_PREFIX_LENGTH = 40;

	/**
	 * Characters a key prefix may not hold: those that structure an {@link EventKeys
	 * event key}.
	 */
	String KEY_PREFIX_RESERVED = ":[],=";

	@Override
	default String prefix() {
		return "initialstate";
	}

	/**
	 * Return the text put before every event key, followed by a dot.
	 * @return the key prefix, empty for none
	 */
	default String keyPrefix() {
		return getString(this, "keyPrefix").orElse(DEFAULT_KEY_PREFIX);
	}

	/**
	 * Return whether the {@link DefaultSelection default selection} of about fifteen
	 * series is exported.
	 * @return whether the default selection is exported
	 */
	default boolean defaultSelection() {
		return getBoolean(this, "defaultSelection").orElse(DEFAULT_SELECTION_ENABLED);
	}

	/**
	 * Return the meter name patterns whose every series is exported, on top of the
	 * default selection. A pattern is matched against the meter's own name, as
	 * {@code /actuator/metrics} shows it; {@code *} matches any characters, dots
	 * included.
	 * @return the patterns, empty by default
	 */
	default List<String> include() {
		return getString(this, "include").map(InitialStateConfig::patterns).orElse(List.of());
	}

	/**
	 * Return the meter name patterns that are never exported, not even by the default
	 * selection; matched as {@link #include()} patterns are.
	 * @return the patterns, empty by default
	 */
	default List<String> exclude() {
		return getString(this, "exclude").map(InitialStateConfig::patterns).orElse(List.of());
	}

	/**
	 * Return the time after which every gauge-like value (gauges, and the mean, maximum
	 * and percentiles of timers) is sent again, changed or not; between two refreshes
	 * only changed values are sent. Zero sends them at every step. Counts follow their
	 * own rule: see {@link SendRule#COUNT}.
	 * @return the refresh interval
	 */
	default Duration refreshInterval() {
		return getDuration(this, "refreshInterval").orElse(DEFAULT_REFRESH_INTERVAL);
	}

	/**
	 * Return how many events a month the metrics may use; a projection above it is warned
	 * about at startup.
	 * @return the monthly event budget
	 */
	default long monthlyBudget() {
		return getString(this, "monthlyBudget").flatMap((value, valid) -> {
			if (value == null) {
				// not set: the default
				return Validated.<Long>valid(valid.getProperty(), null);
			}
			try {
				return Validated.valid(valid.getProperty(), Long.parseLong(value.strip()));
			}
			catch (NumberFormatException ex) {
				return Validated.invalid(valid.getProperty(), value, "must be a whole number", InvalidReason.MALFORMED,
						ex);
			}
		}).orElse(DEFAULT_MONTHLY_BUDGET);
	}

	@Override
	default Validated<?> validate() {
		return checkAll(this, (config) -> StepRegistryConfig.validate(config),
				checkRequired("step", InitialStateConfig::step).andThen(
						(step) -> step.invalidateWhen((value) -> value.isNegative() || value.isZero(),
								"must be positive", InvalidReason.MALFORMED)),
				checkRequired("batchSize",
						InitialStateConfig::batchSize)
					.andThen((size) -> size.invalidateWhen((value) -> value <= 0, "must be positive",
							InvalidReason.MALFORMED)),
				checkRequired("keyPrefix", InitialStateConfig::keyPrefix).andThen((prefix) -> prefix
					.invalidateWhen((value) -> value.length() > MAX_KEY_PREFIX_LENGTH,
							"must be at most " + MAX_KEY_PREFIX_LENGTH + " characters", InvalidReason.MALFORMED)
					.invalidateWhen(InitialStateConfig::hasReservedCharacter,
							"must not contain any of " + KEY_PREFIX_RESERVED + " or control characters",
							InvalidReason.MALFORMED)),
				checkRequired("include", InitialStateConfig::include),
				checkRequired("exclude", InitialStateConfig::exclude),
				checkRequired("refreshInterval", InitialStateConfig::refreshInterval).andThen((interval) -> interval
					.invalidateWhen(Duration::isNegative, "must not be negative", InvalidReason.MALFORMED)),
				checkRequired("monthlyBudget", InitialStateConfig::monthlyBudget).andThen((budget) -> budget
					.invalidateWhen((value) -> value <= 0, "must be positive", InvalidReason.MALFORMED)));
	}

	private static boolean hasReservedCharacter(String prefix) {
		return prefix.chars().anyMatch((c) -> KEY_PREFIX_RESERVED.indexOf(c) >= 0 || Character.isISOControl(c));
	}

	private static @Nullable List<String> patterns(@Nullable String commaSeparated) {
		if (commaSeparated == null) {
			return null; // not set: orElse supplies the default
		}
		return Arrays.stream(commaSeparated.split(",")).map(String::strip).filter((s) -> !s.isEmpty()).toList();
	}

}
