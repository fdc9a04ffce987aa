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

package io.isstreamer.sample.dashboard;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.isstreamer.sample.receiver.LocalReceiver;
import io.isstreamer.sample.receiver.ReceivedEvents;
import io.isstreamer.streamer.Streamer;
import io.isstreamer.streamer.StreamerStats;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.env.Environment;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Serves the dashboard's data: the streamer's figures and, in local mode, what the local
 * receiver holds. The page asks every two seconds for what is new.
 */
@RestController
@RequestMapping("/dashboard")
public class DashboardController {

	private final Streamer streamer;

	private final @Nullable LocalReceiver receiver;

	private final String mode;

	private final Rate requestRate = new Rate();

	/**
	 * Create the controller.
	 * @param streamer the streamer whose figures to show
	 * @param receiver the local receiver, when there is one
	 * @param environment the environment, to tell offline mode
	 */
	public DashboardController(Streamer streamer, ObjectProvider<LocalReceiver> receiver, Environment environment) {
		this.streamer = streamer;
		this.receiver = receiver.getIfAvailable();
		// the first page to ask sees the rate since now, not nothing
		this.requestRate.update(streamer.stats().requests(), System.nanoTime());
		this.mode = (this.receiver != null) ? "local"
				: environment.getProperty("initialstate.offline", Boolean.class, false) ? "offline" : "initialstate";
	}

	/**
	 * Return the figures, and the points of a bucket that arrived after a sequence
	 * number.
	 * @param bucket the bucket key; the streamer's current bucket when absent
	 * @param after the sequence number of the last point the page has, {@code 0} for all
	 * @return the dashboard's data
	 */
	@GetMapping("/data")
	public DashboardData data(@RequestParam(required = false) @Nullable String bucket,
			@RequestParam(defaultValue = "0") long after) {
		StreamerStats stats = this.streamer.stats();
		DashboardData.Status status = new DashboardData.Status(stats.bucketName(), stats.bucketKey(),
				stats.serviceStatus().name(), stats.delivered(), stats.pending(), stats.spoolBacklog(),
				stats.rejected(), stats.dropped(), stats.requests(),
				this.requestRate.update(stats.requests(), System.nanoTime()), stats.lastError());
		if (this.receiver == null) {
			return new DashboardData(this.mode, null, status, Map.of(), List.of(), null, 0, Map.of());
		}
		String key = (bucket != null && !bucket.isBlank()) ? bucket : stats.bucketKey();
		ReceivedEvents events = this.receiver.events();
		ReceivedEvents.Update update = events.read(key, after);
		Map<String, List<List<Object>>> streams = new LinkedHashMap<>();
		update.streams()
			.forEach((stream, points) -> streams.put(stream,
					points.stream().map((point) -> List.of(point.epoch(), point.value())).toList()));
		return new DashboardData(this.mode, this.receiver.baseUri().toString(), status, this.receiver.answers(),
				events.buckets(), key, update.sequence(), streams);
	}

}
