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

/**
 * One reading of the simulated sensor, logged with {@code Streamer.logObject} as
 * {@code sensor_temperature} and {@code sensor_humidity}.
 *
 * @param temperature the temperature, in degrees Celsius
 * @param humidity the relative humidity, in percent
 */
public record Reading(double temperature, double humidity) {

	/**
	 * Describe how the reading feels, in words.
	 * @return {@code comfortable}, {@code too cold}, {@code too warm} or
	 * {@code too humid}
	 */
	public String comfort() {
		if (this.humidity > 60) {
			return "too humid";
		}
		if (this.temperature < 19) {
			return "too cold";
		}
		if (this.temperature > 24) {
			return "too warm";
		}
		return "comfortable";
	}

}
