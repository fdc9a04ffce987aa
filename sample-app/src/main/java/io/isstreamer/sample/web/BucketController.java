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

package io.isstreamer.sample.web;

import java.time.LocalTime;
import java.time.format.DateTimeFormatter;

import io.isstreamer.streamer.Streamer;
import io.isstreamer.streamer.StreamerStats;
import org.jspecify.annotations.Nullable;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Switches the bucket that events go to, with {@code Streamer.setBucket}: events logged
 * after the switch, the sensor's and the metrics' alike, go to the new bucket.
 */
@RestController
@RequestMapping("/api/bucket")
public class BucketController {

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

	private final Streamer streamer;

	/**
	 * Create the controller.
	 * @param streamer the streamer whose bucket to switch
	 */
	public BucketController(Streamer streamer) {
		this.streamer = streamer;
	}

	/**
	 * Return the bucket events go to now.
	 * @return the bucket
	 */
	@GetMapping
	public Bucket current() {
		StreamerStats stats = this.streamer.stats();
		return new Bucket(stats.bucketName(), stats.bucketKey());
	}

	/**
	 * Send events logged from now on to another bucket.
	 * @param name the bucket name; {@code Sample run <time>} when absent
	 * @param key the bucket key; a new random one when absent
	 * @return the bucket events go to now
	 */
	@PostMapping
	public Bucket switchTo(@RequestParam(required = false) @Nullable String name,
			@RequestParam(required = false) @Nullable String key) {
		String bucketName = (name != null && !name.isBlank()) ? name : "Sample run " + LocalTime.now().format(TIME);
		this.streamer.setBucket(bucketName, (key != null && !key.isBlank()) ? key : null);
		return current();
	}

	/**
	 * A bucket.
	 *
	 * @param name the bucket name
	 * @param key the bucket key
	 */
	public record Bucket(String name, String key) {

	}

}
