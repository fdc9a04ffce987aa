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

package io.isstreamer.autoconfigure;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

import io.isstreamer.streamer.RetryPolicy;
import io.isstreamer.streamer.BudgetPolicy;
import io.isstreamer.streamer.StreamerBuilder;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * {@link ConfigurationProperties @ConfigurationProperties} of the Initial State
 * {@link io.isstreamer.streamer.Streamer}: one property for every option of the
 * {@link StreamerBuilder}, with the builder's defaults.
 *
 * @see StreamerBuilder
 */
@ConfigurationProperties("initialstate")
public class InitialStateProperties {

	/**
	 * Whether to auto-configure the Initial State streamer.
	 */
	private boolean enabled = true;

	/**
	 * Access key of the Initial State account. Required unless offline.
	 */
	private @Nullable String accessKey;

	/**
	 * Key of the bucket that events go to. Defaults to a key derived from
	 * 'spring.application.name', so the bucket stays the same across restarts.
	 */
	private @Nullable String bucketKey;

	/**
	 * Name of the bucket shown on the dashboard. Defaults to 'spring.application.name'.
	 */
	private @Nullable String bucketName;

	/**
	 * Base URL of the Initial State API.
	 */
	private URI apiBase = StreamerBuilder.DEFAULT_API_BASE;

	/**
	 * Version range of the API, sent in the 'Accept-Version' header.
	 */
	private String apiVersion = StreamerBuilder.DEFAULT_API_VERSION;

	/**
	 * Whether a plain 'http' API base is allowed for a host other than the loopback
	 * address, although the access key then travels in clear text.
	 */
	private boolean allowInsecureHttp;

	/**
	 * Number of pending events of a bucket that triggers a send.
	 */
	private int bufferSize = StreamerBuilder.DEFAULT_BUFFER_SIZE;

	/**
	 * Time after which a partial buffer is sent.
	 */
	private Duration flushInterval = StreamerBuilder.DEFAULT_FLUSH_INTERVAL;

	/**
	 * Debug level: 0 is quiet, 1 logs every event, 2 or more also logs every request and
	 * makes logging an invalid event throw.
	 */
	private int debugLevel = StreamerBuilder.DEFAULT_DEBUG_LEVEL;

	/**
	 * Whether to append events to a local CSV file instead of sending them.
	 */
	private boolean offline;

	/**
	 * CSV file that events are appended to when offline.
	 */
	private Path offlineFile = StreamerBuilder.DEFAULT_OFFLINE_FILE;

	/**
	 * Number of events held in memory before the oldest move to the spool.
	 */
	private int maxBufferedEvents = StreamerBuilder.DEFAULT_MAX_BUFFERED_EVENTS;

	/**
	 * Highest number of requests per second. The service allows about 3 per account,
	 * shared by every instance that uses the account.
	 */
	private double requestsPerSecond = StreamerBuilder.DEFAULT_REQUESTS_PER_SECOND;

	/**
	 * Number of requests that may wait for their answers at once, so that a service slow
	 * to answer still gets the full request rate.
	 */
	private int maxInFlight = StreamerBuilder.DEFAULT_MAX_IN_FLIGHT;

	/**
	 * Longest time a flush waits for delivery.
	 */
	private Duration flushTimeout = StreamerBuilder.DEFAULT_FLUSH_TIMEOUT;

	/**
	 * Longest time closing waits for delivery before it keeps the rest in the spool.
	 */
	private Duration closeTimeout = StreamerBuilder.DEFAULT_CLOSE_TIMEOUT;

	/**
	 * Time between probes of the service while the access key is rejected or the monthly
	 * quota is used up.
	 */
	private Duration probeInterval = StreamerBuilder.DEFAULT_PROBE_INTERVAL;

	private final Batch batch = new Batch();

	private final Retry retry = new Retry();

	private final Spool spool = new Spool();

	private final Http http = new Http();

	private final Budget budget = new Budget();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public @Nullable String getAccessKey() {
		return this.accessKey;
	}

	public void setAccessKey(@Nullable String accessKey) {
		this.accessKey = accessKey;
	}

	public @Nullable String getBucketKey() {
		return this.bucketKey;
	}

	public void setBucketKey(@Nullable String bucketKey) {
		this.bucketKey = bucketKey;
	}

	public @Nullable String getBucketName() {
		return this.bucketName;
	}

	public void setBucketName(@Nullable String bucketName) {
		this.bucketName = bucketName;
	}

	public URI getApiBase() {
		return this.apiBase;
	}

	public void setApiBase(URI apiBase) {
		this.apiBase = apiBase;
	}

	public String getApiVersion() {
		return this.apiVersion;
	}

	public void setApiVersion(String apiVersion) {
		this.apiVersion = apiVersion;
	}

	public boolean isAllowInsecureHttp() {
		return this.allowInsecureHttp;
	}

	public void setAllowInsecureHttp(boolean allowInsecureHttp) {
		this.allowInsecureHttp = allowInsecureHttp;
	}

	public int getBufferSize() {
		return this.bufferSize;
	}

	public void setBufferSize(int bufferSize) {
		this.bufferSize = bufferSize;
	}

	public Duration getFlushInterval() {
		return this.flushInterval;
	}

	public void setFlushInterval(Duration flushInterval) {
		this.flushInterval = flushInterval;
	}

	public int getDebugLevel() {
		return this.debugLevel;
	}

	public void setDebugLevel(int debugLevel) {
		this.debugLevel = debugLevel;
	}

	public boolean isOffline() {
		return this.offline;
	}

	public void setOffline(boolean offline) {
		this.offline = offline;
	}

	public Path getOfflineFile() {
		return this.offlineFile;
	}

	public void setOfflineFile(Path offlineFile) {
		this.offlineFile = offlineFile;
	}

	public int getMaxBufferedEvents() {
		return this.maxBufferedEvents;
	}

	public void setMaxBufferedEvents(int maxBufferedEvents) {
		this.maxBufferedEvents = maxBufferedEvents;
	}

	public double getRequestsPerSecond() {
		return this.requestsPerSecond;
	}

	public void setRequestsPerSecond(double requestsPerSecond) {
		this.requestsPerSecond = requestsPerSecond;
	}

	public Duration getFlushTimeout() {
		return this.flushTimeout;
	}

	public void setFlushTimeout(Duration flushTimeout) {
		this.flushTimeout = flushTimeout;
	}

	public Duration getCloseTimeout() {
		return this.closeTimeout;
	}

	public void setCloseTimeout(Duration closeTimeout) {
		this.closeTimeout = closeTimeout;
	}

	public Duration getProbeInterval() {
		return this.probeInterval;
	}

	public void setProbeInterval(Duration probeInterval) {
		this.probeInterval = probeInterval;
	}

	public Batch getBatch() {
		return this.batch;
	}

	public Retry getRetry() {
		return this.retry;
	}

	public Spool getSpool() {
		return this.spool;
	}

	public Http getHttp() {
		return this.http;
	}

	public Budget getBudget() {
		return this.budget;
	}

	public int getMaxInFlight() {
		return this.maxInFlight;
	}

	public void setMaxInFlight(int maxInFlight) {
		this.maxInFlight = maxInFlight;
	}

	/**
	 * Caps on one request.
	 */
	public static class Batch {

		/**
		 * Largest number of events in one request.
		 */
		private int maxEvents = StreamerBuilder.DEFAULT_MAX_BATCH_EVENTS;

		/**
		 * Largest request body. The service refuses bodies over 1 MB.
		 */
		private DataSize maxSize = DataSize.ofBytes(StreamerBuilder.DEFAULT_MAX_BATCH_BYTES);

		public int getMaxEvents() {
			return this.maxEvents;
		}

		public void setMaxEvents(int maxEvents) {
			this.maxEvents = maxEvents;
		}

		public DataSize getMaxSize() {
			return this.maxSize;
		}

		public void setMaxSize(DataSize maxSize) {
			this.maxSize = maxSize;
		}

	}

	/**
	 * Retries of requests that failed with a 5xx answer, a timeout or a connection error.
	 */
	public static class Retry {

		/**
		 * Number of attempts in all, the first one included, before a batch goes to the
		 * spool.
		 */
		private int maxAttempts = RetryPolicy.DEFAULT_MAX_ATTEMPTS;

		/**
		 * Wait before the second attempt.
		 */
		private Duration initialBackoff = RetryPolicy.DEFAULT_INITIAL_BACKOFF;

		/**
		 * Longest wait between attempts.
		 */
		private Duration maxBackoff = RetryPolicy.DEFAULT_MAX_BACKOFF;

		/**
		 * Factor applied to the wait after each failed attempt.
		 */
		private double backoffMultiplier = RetryPolicy.DEFAULT_BACKOFF_MULTIPLIER;

		/**
		 * Random spread of each wait, as a fraction of it between 0 and 1.
		 */
		private double jitter = RetryPolicy.DEFAULT_JITTER;

		public int getMaxAttempts() {
			return this.maxAttempts;
		}

		public void setMaxAttempts(int maxAttempts) {
			this.maxAttempts = maxAttempts;
		}

		public Duration getInitialBackoff() {
			return this.initialBackoff;
		}

		public void setInitialBackoff(Duration initialBackoff) {
			this.initialBackoff = initialBackoff;
		}

		public Duration getMaxBackoff() {
			return this.maxBackoff;
		}

		public void setMaxBackoff(Duration maxBackoff) {
			this.maxBackoff = maxBackoff;
		}

		public double getBackoffMultiplier() {
			return this.backoffMultiplier;
		}

		public void setBackoffMultiplier(double backoffMultiplier) {
			this.backoffMultiplier = backoffMultiplier;
		}

		public double getJitter() {
			return this.jitter;
		}

		public void setJitter(double jitter) {
			this.jitter = jitter;
		}

		RetryPolicy toPolicy() {
			return new RetryPolicy(this.maxAttempts, this.initialBackoff, this.maxBackoff, this.backoffMultiplier,
					this.jitter);
		}

	}

	/**
	 * The spool on disk of batches that could not be delivered yet.
	 */
	public static class Spool {

		/**
		 * Whether to keep undeliverable batches on disk, to be sent later, rather than in
		 * memory.
		 */
		private boolean enabled = true;

		/**
		 * Directory of the spool, '.isstreamer/spool' in the user's home directory when
		 * not set. Each account uses a sub-directory of it.
		 */
		private Path directory = StreamerBuilder.DEFAULT_SPOOL_DIRECTORY;

		/**
		 * Largest total size of the spool, past which the oldest data is dropped.
		 */
		private DataSize maxSize = DataSize.ofBytes(StreamerBuilder.DEFAULT_MAX_SPOOL_BYTES);

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public Path getDirectory() {
			return this.directory;
		}

		public void setDirectory(Path directory) {
			this.directory = directory;
		}

		public DataSize getMaxSize() {
			return this.maxSize;
		}

		public void setMaxSize(DataSize maxSize) {
			this.maxSize = maxSize;
		}

	}

	/**
	 * A monthly budget for every event the application sends, its metrics included.
	 */
	public static class Budget {

		/**
		 * Events the application may send to Initial State in a month (counted as 31
		 * days), such as the plan's monthly quota shared out among the applications of
		 * the account. Unset, there is no budget.
		 */
		private @Nullable Long monthlyEvents;

		/**
		 * What the streamer does while what the keys ask to send would pass the budget:
		 * warn, or also send only the latest value of each key per time slot.
		 */
		private BudgetPolicy policy = BudgetPolicy.WARN;

		public @Nullable Long getMonthlyEvents() {
			return this.monthlyEvents;
		}

		public void setMonthlyEvents(@Nullable Long monthlyEvents) {
			this.monthlyEvents = monthlyEvents;
		}

		public BudgetPolicy getPolicy() {
			return this.policy;
		}

		public void setPolicy(BudgetPolicy policy) {
			this.policy = policy;
		}

	}

	/**
	 * The streamer's own HTTP client.
	 */
	public static class Http {

		/**
		 * Time allowed to open a connection.
		 */
		private Duration connectTimeout = StreamerBuilder.DEFAULT_CONNECT_TIMEOUT;

		/**
		 * Time allowed for an answer.
		 */
		private Duration readTimeout = StreamerBuilder.DEFAULT_READ_TIMEOUT;

		/**
		 * Longest time allowed for an answer: after a request timed out, the next ones
		 * are given twice as long, up to this.
		 */
		private Duration maxReadTimeout = StreamerBuilder.DEFAULT_MAX_READ_TIMEOUT;

		private final Proxy proxy = new Proxy();

		private final Ssl ssl = new Ssl();

		public Duration getConnectTimeout() {
			return this.connectTimeout;
		}

		public void setConnectTimeout(Duration connectTimeout) {
			this.connectTimeout = connectTimeout;
		}

		public Duration getReadTimeout() {
			return this.readTimeout;
		}

		public void setReadTimeout(Duration readTimeout) {
			this.readTimeout = readTimeout;
		}

		public Duration getMaxReadTimeout() {
			return this.maxReadTimeout;
		}

		public void setMaxReadTimeout(Duration maxReadTimeout) {
			this.maxReadTimeout = maxReadTimeout;
		}

		public Proxy getProxy() {
			return this.proxy;
		}

		public Ssl getSsl() {
			return this.ssl;
		}

		/**
		 * An HTTP proxy that every request goes through.
		 */
		public static class Proxy {

			/**
			 * Host name or address of the HTTP proxy. Requests go direct when not set.
			 */
			private @Nullable String host;

			/**
			 * Port of the HTTP proxy.
			 */
			private @Nullable Integer port;

			public @Nullable String getHost() {
				return this.host;
			}

			public void setHost(@Nullable String host) {
				this.host = host;
			}

			public @Nullable Integer getPort() {
				return this.port;
			}

			public void setPort(@Nullable Integer port) {
				this.port = port;
			}

		}

		/**
		 * TLS settings of the HTTP client.
		 */
		public static class Ssl {

			/**
			 * Name of the SSL bundle ('spring.ssl.bundle.*') whose trust material the
			 * client uses. The JDK's default trust store is used when not set.
			 */
			private @Nullable String bundle;

			public @Nullable String getBundle() {
				return this.bundle;
			}

			public void setBundle(@Nullable String bundle) {
				this.bundle = bundle;
			}

		}

	}

}
