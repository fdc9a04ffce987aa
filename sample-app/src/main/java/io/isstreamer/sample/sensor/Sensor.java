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

import io.isstreamer.streamer.Streamer;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * A simulated room sensor: every {@code sample.sensor.interval} (2 seconds by default) it
 * logs a {@link Reading} as one object, {@code sensor_temperature} and
 * {@code sensor_humidity}, and how it feels as a text value, {@code sensor_comfort}.
 */
@Component
public class Sensor {

	private final Streamer streamer;

	private final RandomWalk walk = new RandomWalk(RandomGenerator.getDefault());

	/**
	 * Create the sensor.
	 * @param streamer the streamer to log readings with
	 */
	public Sensor(Streamer streamer) {
		this.streamer = streamer;
	}

	/**
	 * Take a reading and log it.
	 */
	@Scheduled(fixedRateString = "${sample.sensor.interval:2s}")
	public void read() {
		Reading reading = this.walk.next();
		this.streamer.logObject(reading, "sensor");
		this.streamer.log("sensor_comfort", reading.comfort());
	}

}
