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

import java.util.List;
import java.util.Map;

import io.isstreamer.sample.receiver.ReceivedEvents.BucketSummary;
import org.jspecify.annotations.Nullable;

/**
 * What the dashboard page shows, as {@code GET /dashboard/data} returns it.
 *
 * @param mode where events go: {@code local} (the local receiver), {@code initialstate}
 * (the real service) or {@code offline} (a CSV file)
 * @param receiver the local receiver's base URL, in local mode
 * @param status the streamer's figures
 * @param answers the local receiver's answers by HTTP status, in local mode
 * @param buckets the buckets the local receiver holds, the most recently written first
 * @param bucket the bucket whose streams follow
 * @param sequence the latest sequence number, to ask for what is new from next time
 * @param streams the points of each key that arrived since the sequence number asked for,
 * each {@code [epoch, value]}
 */
public record DashboardData(String mode, @Nullable String receiver, Status status, Map<Integer, Long> answers,
		List<BucketSummary> buckets, @Nullable String bucket, long sequence, Map<String, List<List<Object>>> streams) {

	/**
	 * The streamer's figures, from {@code Streamer.stats()}.
	 *
	 * @param bucketName the bucket events are logged into now
	 * @param bucketKey its key
	 * @param serviceStatus what the streamer knows about the service
	 * @param delivered events delivered
	 * @param pending events in memory, not yet delivered
	 * @param spooled events in the spool, waiting for replay
	 * @param rejected events refused when logged
	 * @param dropped events given up
	 * @param requests requests sent
	 * @param requestsPerSecond requests a second, over the last 10 seconds
	 * @param lastError the latest error, if any
	 */
	public record Status(String bucketName, String bucketKey, String serviceStatus, long delivered, long pending,
			long spooled, long rejected, long dropped, long requests, double requestsPerSecond,
			@Nullable String lastError) {

	}

}
