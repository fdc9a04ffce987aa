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

package io.isstreamer.sample.sensor;

import java.util.random.RandomGenerator;

/**
 * A random walk of temperature and humidity that drifts back towards a room's usual
 * values, so that it wanders without running away.
 */
public final class RandomWalk {

	private static final double TEMPERATURE_MEAN = 21.5;

	private static final double HUMIDITY_MEAN = 45;

	private static final double PULL = 0.05;

	private final RandomGenerator random;

	private double temperature = TEMPERATURE_MEAN;

	private double humidity = HUMIDITY_MEAN;

	/**
	 * Create a walk that starts at the usual values.
	 * @param random the source of steps
	 */
	public RandomWalk(RandomGenerator random) {
		this.random = random;
	}

	/**
	 * Take a step.
	 * @return the new reading, rounded to 0.01
	 */
	public synchronized Reading next() {
		this.temperature = step(this.temperature, TEMPERATURE_MEAN, 0.35, 10, 35);
		this.humidity = step(this.humidity, HUMIDITY_MEAN, 1.2, 15, 90);
		return new Reading(round(this.temperature), round(this.humidity));
	}

	private double step(double value, double mean, double spread, double min, double max) {
		double next = value + (mean - value) * PULL + this.random.nextGaussian() * spread;
		return Math.max(min, Math.min(max, next));
	}

	private static double round(double value) {
		return Math.round(value * 100) / 100d;
	}

}
