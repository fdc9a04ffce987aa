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

package io.isstreamer.streamer.internal;

import java.net.ProxySelector;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

import javax.net.ssl.SSLContext;

import io.isstreamer.streamer.BudgetPolicy;
import io.isstreamer.streamer.RetryPolicy;
import io.isstreamer.streamer.StreamerBuilder;
import io.isstreamer.streamer.transport.Transport;
import org.jspecify.annotations.Nullable;

/**
 * The validated options of a streamer, as {@link StreamerBuilder} made them. Internal:
 * build streamers with {@link StreamerBuilder}.
 *
 * @param accessKey the access key, empty when offline
 * @param bucketName the first bucket's name
 * @param bucketKey the first bucket's key
 * @param apiBase the API base URL
 * @param apiVersion the {@code Accept-Version} header
 * @param bufferSize pending events of a bucket that trigger a send
 * @param flushInterval how long a partial buffer waits
 * @param debugLevel the debug level
 * @param offline whether to write CSV instead of calling the service
 * @param offlineFile the CSV file
 * @param maxBatchEvents largest number of events per request
 * @param maxBatchBytes largest request body
 * @param maxBufferedEvents events held in memory before the oldest are spooled
 * @param requestsPerSecond highest request rate
 * @param retryPolicy how failed requests are retried
 * @param spoolDirectory the account's spool directory, {@code null} for no spool
 * @param maxSpoolBytes bound on the spool size
 * @param connectTimeout connection timeout
 * @param readTimeout answer timeout
 * @param flushTimeout how long {@code flush()} waits
 * @param closeTimeout how long {@code close()} waits for delivery
 * @param probeInterval time between probes while the key is rejected or the quota used
 * @param proxy the proxy, or {@code null}
 * @param sslContext the TLS context, or {@code null}
 * @param transport a transport to use instead of HTTP, or {@code null}
 * @param maxInFlight the most requests in flight at once
 * @param maxReadTimeout the longest the read timeout grows to after timeouts
 * @param shutdownHook whether a JVM shutdown hook closes the streamer
 * @param monthlyEventBudget events the streamer may send in a month, 0 for no budget
 * @param budgetPolicy what to do when the projection passes the budget
 * @param diagnostics test hooks
 */
public record StreamerConfig(String accessKey, String bucketName, String bucketKey, URI apiBase, String apiVersion,
		int bufferSize, Duration flushInterval, int debugLevel, boolean offline, Path offlineFile, int maxBatchEvents,
		int maxBatchBytes, int maxBufferedEvents, double requestsPerSecond, RetryPolicy retryPolicy,
		@Nullable Path spoolDirectory, long maxSpoolBytes, Duration connectTimeout, Duration readTimeout,
		Duration flushTimeout, Duration closeTimeout, Duration probeInterval, @Nullable ProxySelector proxy,
		@Nullable SSLContext sslContext, @Nullable Transport transport, int maxInFlight, Duration maxReadTimeout,
		boolean shutdownHook, long monthlyEventBudget, BudgetPolicy budgetPolicy, Diagnostics diagnostics) {

	/**
	 * Whether {@code log} throws on bad input.
	 * @return {@code true} at debug level 2 or more
	 */
	public boolean strict() {
		return this.debugLevel >= 2;
	}

	/**
	 * Return these options with other test hooks.
	 * @param diagnostics the hooks
	 * @return the options
	 */
	public StreamerConfig withDiagnostics(Diagnostics diagnostics) {
		return new StreamerConfig(this.accessKey, this.bucketName, this.bucketKey, this.apiBase, this.apiVersion,
				this.bufferSize, this.flushInterval, this.debugLevel, this.offline, this.offlineFile,
				this.maxBatchEvents, this.maxBatchBytes, this.maxBufferedEvents, this.requestsPerSecond,
				this.retryPolicy, this.spoolDirectory, this.maxSpoolBytes, this.connectTimeout, this.readTimeout,
				this.flushTimeout, this.closeTimeout, this.probeInterval, this.proxy, this.sslContext, this.transport,
				this.maxInFlight, this.maxReadTimeout, this.shutdownHook, this.monthlyEventBudget, this.budgetPolicy,
				diagnostics);
	}

	@Override
	public String toString() {
		return "StreamerConfig[bucketKey=" + this.bucketKey + ", apiBase=" + this.apiBase + ", offline=" + this.offline
				+ ", spoolDirectory=" + this.spoolDirectory + "]";
	}

}
