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

package io.isstreamer.streamer;

import java.net.InetAddress;
import java.net.ProxySelector;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.UUID;

import javax.net.ssl.SSLContext;

import io.isstreamer.streamer.internal.DefaultStreamer;
import io.isstreamer.streamer.internal.Diagnostics;
import io.isstreamer.streamer.internal.StreamerConfig;
import io.isstreamer.streamer.transport.Transport;
import org.jspecify.annotations.Nullable;

/**
 * Builds a {@link Streamer}. Every option has a default, named by a {@code DEFAULT_}
 * constant; only the access key is required (unless offline).
 */
public final class StreamerBuilder {

	/**
	 * Default API base URL.
	 */
	public static final URI DEFAULT_API_BASE = URI.create("https://groker.init.st");

	/**
	 * Default {@code Accept-Version} header: any 0.x version of the API.
	 */
	public static final String DEFAULT_API_VERSION = "~0";

	/**
	 * Default number of pending events that triggers a send, as in ISStreamer.
	 */
	public static final int DEFAULT_BUFFER_SIZE = 10;

	/**
	 * Default time after which a partial buffer is sent.
	 */
	public static final Duration DEFAULT_FLUSH_INTERVAL = Duration.ofSeconds(1);

	/**
	 * Default debug level: quiet.
	 */
	public static final int DEFAULT_DEBUG_LEVEL = 0;

	/**
	 * Default file of the offline mode.
	 */
	public static final Path DEFAULT_OFFLINE_FILE = Path.of("isstreamer_out.csv");

	/**
	 * Default largest number of events in one request.
	 */
	public static final int DEFAULT_MAX_BATCH_EVENTS = 20_000;

	/**
	 * Default largest request body, in bytes: the service's 1 MB limit read as decimal.
	 */
	public static final int DEFAULT_MAX_BATCH_BYTES = 1_000_000;

	/**
	 * Smallest allowed request body cap, in bytes: one event of the longest key and value
	 * always fits.
	 */
	public static final int MIN_BATCH_BYTES = 16 * 1024;

	/**
	 * Default number of events held in memory, the queue included (half of it), before
	 * the oldest move to the spool.
	 */
	public static final int DEFAULT_MAX_BUFFERED_EVENTS = 131_072;

	/**
	 * Default number of requests in flight at once: a service slow to answer still gets
	 * its full rate.
	 */
	public static final int DEFAULT_MAX_IN_FLIGHT = 3;

	/**
	 * Most requests in flight at once.
	 */
	public static final int MAX_IN_FLIGHT = 16;

	/**
	 * Default bound on the read timeout, which doubles after each request that timed out.
	 */
	public static final Duration DEFAULT_MAX_READ_TIMEOUT = Duration.ofSeconds(60);

	/**
	 * Default request rate: the service allows about 3 requests per second per account.
	 */
	public static final double DEFAULT_REQUESTS_PER_SECOND = 3.0;

	/**
	 * Default directory of the spool; a sub-directory per account and application is used
	 * inside it.
	 */
	public static final Path DEFAULT_SPOOL_DIRECTORY = Path.of(System.getProperty("user.home", "."), ".isstreamer",
			"spool");

	/**
	 * Default bound on the spool's total size: 512 MB.
	 */
	public static final long DEFAULT_MAX_SPOOL_BYTES = 512L * 1024 * 1024;

	/**
	 * Default time allowed to open a connection.
	 */
	public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);

	/**
	 * Default time allowed for an answer.
	 */
	public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(10);

	/**
	 * Default time {@link Streamer#flush()} waits.
	 */
	public static final Duration DEFAULT_FLUSH_TIMEOUT = Duration.ofSeconds(10);

	/**
	 * Default time {@link Streamer#close()} waits for delivery before spooling the rest.
	 */
	public static final Duration DEFAULT_CLOSE_TIMEOUT = Duration.ofSeconds(10);

	/**
	 * Default time between probes while the key is rejected or the quota used up.
	 */
	public static final Duration DEFAULT_PROBE_INTERVAL = Duration.ofMinutes(5);

	private @Nullable String accessKey;

	private @Nullable String bucketName;

	private @Nullable String bucketKey;

	private URI apiBase = DEFAULT_API_BASE;

	private String apiVersion = DEFAULT_API_VERSION;

	private int bufferSize = DEFAULT_BUFFER_SIZE;

	private Duration flushInterval = DEFAULT_FLUSH_INTERVAL;

	private int debugLevel = DEFAULT_DEBUG_LEVEL;

	private boolean offline;

	private Path offlineFile = DEFAULT_OFFLINE_FILE;

	private int maxBatchEvents = DEFAULT_MAX_BATCH_EVENTS;

	private int maxBatchBytes = DEFAULT_MAX_BATCH_BYTES;

	private int maxBufferedEvents = DEFAULT_MAX_BUFFERED_EVENTS;

	private double requestsPerSecond = DEFAULT_REQUESTS_PER_SECOND;

	private RetryPolicy retryPolicy = RetryPolicy.getDefault();

	private boolean spoolEnabled = true;

	private Path spoolDirectory = DEFAULT_SPOOL_DIRECTORY;

	private long maxSpoolBytes = DEFAULT_MAX_SPOOL_BYTES;

	private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;

	private Duration readTimeout = DEFAULT_READ_TIMEOUT;

	private Duration flushTimeout = DEFAULT_FLUSH_TIMEOUT;

	private Duration closeTimeout = DEFAULT_CLOSE_TIMEOUT;

	private Duration probeInterval = DEFAULT_PROBE_INTERVAL;

	private @Nullable ProxySelector proxy;

	private @Nullable SSLContext sslContext;

	private boolean allowInsecureHttp;

	private @Nullable Transport transport;

	private int maxInFlight = DEFAULT_MAX_IN_FLIGHT;

	private Duration maxReadTimeout = DEFAULT_MAX_READ_TIMEOUT;

	private boolean shutdownHook = true;

	private @Nullable String applicationName;

	private Diagnostics diagnostics = Diagnostics.NONE;

	private long monthlyEventBudget;

	private BudgetPolicy budgetPolicy = BudgetPolicy.WARN;

	StreamerBuilder() {
	}

	/**
	 * Set the access key of the Initial State account. Required unless offline. It is
	 * never logged or shown.
	 * @param accessKey the access key
	 * @return this builder
	 */
	public StreamerBuilder accessKey(@Nullable String accessKey) {
		this.accessKey = accessKey;
		return this;
	}

	/**
	 * Set the name of the first bucket. Defaults to the bucket key.
	 * @param bucketName the bucket name
	 * @return this builder
	 */
	public StreamerBuilder bucketName(@Nullable String bucketName) {
		this.bucketName = bucketName;
		return this;
	}

	/**
	 * Set the key of the first bucket. Defaults to a random UUID, as in ISStreamer, which
	 * makes a new bucket on every run: set a stable key to append to one bucket.
	 * @param bucketKey the bucket key
	 * @return this builder
	 */
	public StreamerBuilder bucketKey(@Nullable String bucketKey) {
		this.bucketKey = bucketKey;
		return this;
	}

	/**
	 * Set the base URL of the API (default {@code https://groker.init.st}).
	 * @param apiBase the base URL
	 * @return this builder
	 */
	public StreamerBuilder apiBase(URI apiBase) {
		this.apiBase = apiBase;
		return this;
	}

	/**
	 * Set the {@code Accept-Version} header (default {@value #DEFAULT_API_VERSION}).
	 * @param apiVersion the API version range
	 * @return this builder
	 */
	public StreamerBuilder apiVersion(String apiVersion) {
		this.apiVersion = apiVersion;
		return this;
	}

	/**
	 * Set how many pending events of a bucket trigger a send (default
	 * {@value #DEFAULT_BUFFER_SIZE}). While the sender waits for its turn, more events
	 * join the request, up to the batch caps.
	 * @param bufferSize the event count
	 * @return this builder
	 */
	public StreamerBuilder bufferSize(int bufferSize) {
		this.bufferSize = bufferSize;
		return this;
	}

	/**
	 * Set how long a partial buffer waits before it is sent (default 1 s).
	 * @param flushInterval the interval
	 * @return this builder
	 */
	public StreamerBuilder flushInterval(Duration flushInterval) {
		this.flushInterval = flushInterval;
		return this;
	}

	/**
	 * Set the debug level: 0 is quiet; 1 logs every event at INFO; 2 or more also logs
	 * each request and answer, and turns on strict mode, where {@code log} throws on bad
	 * input. The debug level never changes delivery.
	 * @param debugLevel the debug level
	 * @return this builder
	 */
	public StreamerBuilder debugLevel(int debugLevel) {
		this.debugLevel = debugLevel;
		return this;
	}

	/**
	 * Set whether to write events to a local CSV file instead of calling the service.
	 * @param offline whether to run offline
	 * @return this builder
	 */
	public StreamerBuilder offline(boolean offline) {
		this.offline = offline;
		return this;
	}

	/**
	 * Set the CSV file of the offline mode (default {@code isstreamer_out.csv}); rows are
	 * appended as {@code epoch,key,value}.
	 * @param offlineFile the file
	 * @return this builder
	 */
	public StreamerBuilder offlineFile(Path offlineFile) {
		this.offlineFile = offlineFile;
		return this;
	}

	/**
	 * Set the largest number of events in one request (default
	 * {@value #DEFAULT_MAX_BATCH_EVENTS}).
	 * @param maxBatchEvents the event count
	 * @return this builder
	 */
	public StreamerBuilder maxBatchEvents(int maxBatchEvents) {
		this.maxBatchEvents = maxBatchEvents;
		return this;
	}

	/**
	 * Set the largest request body in bytes (default {@value #DEFAULT_MAX_BATCH_BYTES}).
	 * @param maxBatchBytes the size in bytes
	 * @return this builder
	 */
	public StreamerBuilder maxBatchBytes(int maxBatchBytes) {
		this.maxBatchBytes = maxBatchBytes;
		return this;
	}

	/**
	 * Set how many events are held in memory, the queue included, before the oldest move
	 * to the spool (default {@value #DEFAULT_MAX_BUFFERED_EVENTS}). Half of them are for
	 * the queue: past that, {@code log} refuses events as the queue is full.
	 * @param maxBufferedEvents the event count
	 * @return this builder
	 */
	public StreamerBuilder maxBufferedEvents(int maxBufferedEvents) {
		this.maxBufferedEvents = maxBufferedEvents;
		return this;
	}

	/**
	 * Set the highest request rate (default {@value #DEFAULT_REQUESTS_PER_SECOND} per
	 * second). The sender goes slower when the service's rate-limit headers ask it to,
	 * never faster. Instances that share an account share its limit.
	 * @param requestsPerSecond requests per second
	 * @return this builder
	 */
	public StreamerBuilder requestsPerSecond(double requestsPerSecond) {
		this.requestsPerSecond = requestsPerSecond;
		return this;
	}

	/**
	 * Set how failed requests are retried.
	 * @param retryPolicy the retry policy
	 * @return this builder
	 */
	public StreamerBuilder retryPolicy(RetryPolicy retryPolicy) {
		this.retryPolicy = retryPolicy;
		return this;
	}

	/**
	 * Set whether batches that cannot be delivered are kept in a spool on disk (default
	 * {@code true}). Without it, they are held in memory, up to the buffer bound.
	 * @param spoolEnabled whether to spool
	 * @return this builder
	 */
	public StreamerBuilder spoolEnabled(boolean spoolEnabled) {
		this.spoolEnabled = spoolEnabled;
		return this;
	}

	/**
	 * Set the spool directory (default {@code ~/.isstreamer/spool}). The spool of an
	 * application lives in a sub-directory named after a hash of its access key and its
	 * application name (or bucket key).
	 * @param spoolDirectory the directory
	 * @return this builder
	 */
	public StreamerBuilder spoolDirectory(Path spoolDirectory) {
		this.spoolDirectory = spoolDirectory;
		return this;
	}

	/**
	 * Set the bound on the spool's total size in bytes (default 512 MB); past it the
	 * oldest file is removed and its events counted as dropped.
	 * @param maxSpoolBytes the size in bytes
	 * @return this builder
	 */
	public StreamerBuilder maxSpoolBytes(long maxSpoolBytes) {
		this.maxSpoolBytes = maxSpoolBytes;
		return this;
	}

	/**
	 * Set the time allowed to open a connection (default 5 s).
	 * @param connectTimeout the timeout
	 * @return this builder
	 */
	public StreamerBuilder connectTimeout(Duration connectTimeout) {
		this.connectTimeout = connectTimeout;
		return this;
	}

	/**
	 * Set the time allowed for an answer (default 10 s). After a request that timed out,
	 * the next ones are given twice as long, up to {@link #maxReadTimeout(Duration)}, so
	 * a slow service gets each batch once or twice rather than again and again.
	 * @param readTimeout the timeout
	 * @return this builder
	 */
	public StreamerBuilder readTimeout(Duration readTimeout) {
		this.readTimeout = readTimeout;
		return this;
	}

	/**
	 * Set how long the read timeout may grow after timeouts (default 60 s); a bound below
	 * the read timeout means it does not grow.
	 * @param maxReadTimeout the bound
	 * @return this builder
	 */
	public StreamerBuilder maxReadTimeout(Duration maxReadTimeout) {
		this.maxReadTimeout = maxReadTimeout;
		return this;
	}

	/**
	 * Set how many requests may be in flight at once (default
	 * {@value #DEFAULT_MAX_IN_FLIGHT}, at most {@value #MAX_IN_FLIGHT}): a service slow
	 * to answer still gets its full rate. The service orders the points of a bucket by
	 * their timestamps, so requests that overtake each other change nothing on the
	 * dashboard.
	 * @param maxInFlight the number of requests
	 * @return this builder
	 */
	public StreamerBuilder maxInFlight(int maxInFlight) {
		this.maxInFlight = maxInFlight;
		return this;
	}

	/**
	 * Set whether {@link #build()} registers a JVM shutdown hook that closes the streamer
	 * (within the close timeout) when the program ends without closing it, as ISStreamer
	 * flushes when the interpreter exits (default {@code true}). The hook is removed by
	 * {@link Streamer#close()}. Turn it off where something else closes the streamer in
	 * order, as Spring's application context does.
	 * @param shutdownHook whether to register the hook
	 * @return this builder
	 */
	public StreamerBuilder shutdownHook(boolean shutdownHook) {
		this.shutdownHook = shutdownHook;
		return this;
	}

	/**
	 * Set how many events this streamer may send in a month, everything it sends included
	 * (an application's metrics export too): Initial State plans cap the events of an
	 * account per month. The streamer projects its month from what it sent in the last
	 * hour, shows the projection in its stats, and warns when it passes the budget; the
	 * {@link #budgetPolicy(BudgetPolicy) policy} says what else it does. Unset, there is
	 * no budget.
	 * @param monthlyEventBudget the events of a month, positive
	 * @return this builder
	 */
	public StreamerBuilder monthlyEventBudget(long monthlyEventBudget) {
		this.monthlyEventBudget = monthlyEventBudget;
		return this;
	}

	/**
	 * Set what happens while the projected month passes the budget (default
	 * {@link BudgetPolicy#WARN}).
	 * @param budgetPolicy the policy
	 * @return this builder
	 */
	public StreamerBuilder budgetPolicy(BudgetPolicy budgetPolicy) {
		this.budgetPolicy = budgetPolicy;
		return this;
	}

	/**
	 * Set the name of the application, which names its spool directory, so that two
	 * applications on one host never share one (default: the bucket key, when one is
	 * set).
	 * @param applicationName the application name
	 * @return this builder
	 */
	public StreamerBuilder applicationName(@Nullable String applicationName) {
		this.applicationName = applicationName;
		return this;
	}

	/**
	 * Set how long {@link Streamer#flush()} waits (default 10 s).
	 * @param flushTimeout the timeout
	 * @return this builder
	 */
	public StreamerBuilder flushTimeout(Duration flushTimeout) {
		this.flushTimeout = flushTimeout;
		return this;
	}

	/**
	 * Set how long {@link Streamer#close()} waits for delivery before it spools the rest
	 * (default 10 s).
	 * @param closeTimeout the timeout
	 * @return this builder
	 */
	public StreamerBuilder closeTimeout(Duration closeTimeout) {
		this.closeTimeout = closeTimeout;
		return this;
	}

	/**
	 * Set the time between probes of the service while the access key is rejected or the
	 * quota is used up (default 5 minutes).
	 * @param probeInterval the interval
	 * @return this builder
	 */
	public StreamerBuilder probeInterval(Duration probeInterval) {
		this.probeInterval = probeInterval;
		return this;
	}

	/**
	 * Set the proxy of the HTTP client.
	 * @param proxy the proxy selector, or {@code null} for a direct connection
	 * @return this builder
	 */
	public StreamerBuilder proxy(@Nullable ProxySelector proxy) {
		this.proxy = proxy;
		return this;
	}

	/**
	 * Set the TLS context of the HTTP client, for example with a custom trust store.
	 * @param sslContext the TLS context, or {@code null} for the JDK default
	 * @return this builder
	 */
	public StreamerBuilder sslContext(@Nullable SSLContext sslContext) {
		this.sslContext = sslContext;
		return this;
	}

	/**
	 * Set whether a plain {@code http://} API base is allowed for a host other than the
	 * loopback address. It is refused by default, since the access key would travel in
	 * clear text.
	 * @param allowInsecureHttp whether to allow it
	 * @return this builder
	 */
	public StreamerBuilder allowInsecureHttp(boolean allowInsecureHttp) {
		this.allowInsecureHttp = allowInsecureHttp;
		return this;
	}

	/**
	 * Set the transport, in place of the HTTP client built from the other options.
	 * @param transport the transport
	 * @return this builder
	 */
	public StreamerBuilder transport(@Nullable Transport transport) {
		this.transport = transport;
		return this;
	}

	/**
	 * Build and start the streamer, and register the shutdown hook unless it was turned
	 * off.
	 * @return the streamer
	 * @throws IllegalArgumentException if an option is invalid
	 * @throws IllegalStateException if the access key is missing and not offline
	 */
	public Streamer build() {
		return new DefaultStreamer(toConfig()).startWithShutdownHook();
	}

	/**
	 * Build the streamer without starting it: its owner starts and stops it (Spring's
	 * lifecycle does). Events logged before the start wait in memory. No shutdown hook is
	 * registered.
	 * @return the stopped streamer
	 * @throws IllegalArgumentException if an option is invalid
	 * @throws IllegalStateException if the access key is missing and not offline
	 */
	public ManagedStreamer buildStopped() {
		return new DefaultStreamer(toConfig());
	}

	/**
	 * Set the engine's test hooks (for tests).
	 * @param diagnostics the hooks
	 * @return this builder
	 */
	StreamerBuilder diagnostics(Diagnostics diagnostics) {
		this.diagnostics = diagnostics;
		return this;
	}

	StreamerConfig toConfig() {
		if (!this.offline && this.transport == null && (this.accessKey == null || this.accessKey.isBlank())) {
			throw new IllegalStateException(
					"An Initial State access key is required: set one with accessKey(...), or use offline(true)");
		}
		String key = (this.bucketKey != null) ? this.bucketKey : UUID.randomUUID().toString();
		require(EventRules.bucketKeyProblem(key));
		String name = (this.bucketName != null) ? this.bucketName : key;
		require(EventRules.bucketNameProblem(name));
		requirePositive("bufferSize", this.bufferSize);
		requirePositive("maxBatchEvents", this.maxBatchEvents);
		requirePositive("maxBufferedEvents", this.maxBufferedEvents);
		if (this.maxBatchBytes < MIN_BATCH_BYTES) {
			throw new IllegalArgumentException(
					"maxBatchBytes must be at least " + MIN_BATCH_BYTES + ", was " + this.maxBatchBytes);
		}
		if (!(this.requestsPerSecond > 0)) {
			throw new IllegalArgumentException("requestsPerSecond must be positive, was " + this.requestsPerSecond);
		}
		if (this.maxSpoolBytes <= 0) {
			throw new IllegalArgumentException("maxSpoolBytes must be positive, was " + this.maxSpoolBytes);
		}
		requirePositive("flushInterval", this.flushInterval);
		requirePositive("connectTimeout", this.connectTimeout);
		requirePositive("readTimeout", this.readTimeout);
		requirePositive("flushTimeout", this.flushTimeout);
		requirePositive("closeTimeout", this.closeTimeout);
		requirePositive("probeInterval", this.probeInterval);
		requirePositive("maxReadTimeout", this.maxReadTimeout);
		if (this.monthlyEventBudget < 0) {
			throw new IllegalArgumentException("monthlyEventBudget must be positive, was " + this.monthlyEventBudget);
		}
		if (this.budgetPolicy == null) {
			throw new IllegalArgumentException("budgetPolicy must not be null");
		}
		if (this.maxInFlight < 1 || this.maxInFlight > MAX_IN_FLIGHT) {
			throw new IllegalArgumentException(
					"maxInFlight must be between 1 and " + MAX_IN_FLIGHT + ", was " + this.maxInFlight);
		}
		if (this.apiVersion == null || this.apiVersion.isBlank()) {
			throw new IllegalArgumentException("apiVersion must not be blank");
		}
		checkApiBase();
		String accessKey = (this.accessKey != null) ? this.accessKey.strip() : "";
		String application = (this.applicationName != null && !this.applicationName.isBlank()) ? this.applicationName
				: this.bucketKey;
		Path spool = (this.spoolEnabled && !this.offline)
				? this.spoolDirectory.resolve(spoolDirectoryName(accessKey, application)) : null;
		return new StreamerConfig(accessKey, name, key, this.apiBase, this.apiVersion, this.bufferSize,
				this.flushInterval, this.debugLevel, this.offline, this.offlineFile, this.maxBatchEvents,
				this.maxBatchBytes, this.maxBufferedEvents, this.requestsPerSecond, this.retryPolicy, spool,
				this.maxSpoolBytes, this.connectTimeout, this.readTimeout, this.flushTimeout, this.closeTimeout,
				this.probeInterval, this.proxy, this.sslContext, this.transport, this.maxInFlight,
				// a bound below the read timeout means the timeout does not grow
				(this.maxReadTimeout.compareTo(this.readTimeout) < 0) ? this.readTimeout : this.maxReadTimeout,
				this.shutdownHook, this.monthlyEventBudget, this.budgetPolicy, this.diagnostics);
	}

	private void checkApiBase() {
		String scheme = this.apiBase.getScheme();
		if (this.apiBase.getHost() == null || scheme == null
				|| !(scheme.equalsIgnoreCase("https") || scheme.equalsIgnoreCase("http"))) {
			throw new IllegalArgumentException("apiBase must be an absolute http(s) URL, was " + this.apiBase);
		}
		if (scheme.equalsIgnoreCase("http") && !this.allowInsecureHttp && !this.offline
				&& !isLoopback(this.apiBase.getHost())) {
			throw new IllegalArgumentException("apiBase " + this.apiBase
					+ " is plain http to another host: the access key would travel in clear text. Use https, "
					+ "or allow it explicitly with allowInsecureHttp(true)");
		}
	}

	private static boolean isLoopback(String host) {
		if (host.equalsIgnoreCase("localhost")) {
			return true;
		}
		String literal = (host.startsWith("[") && host.endsWith("]")) ? host.substring(1, host.length() - 1) : host;
		if (!Character.isDigit(literal.charAt(0)) && literal.indexOf(':') < 0) {
			return false; // a name other than localhost: do not resolve it here
		}
		try {
			return InetAddress.getByName(literal).isLoopbackAddress();
		}
		catch (UnknownHostException ex) {
			return false;
		}
	}

	/**
	 * A directory name per account and application, so one account's spool is never
	 * replayed with another's key (a hash tells nothing useful about the key itself), and
	 * two applications on one host never share a spool.
	 */
	static String spoolDirectoryName(String accessKey, @Nullable String application) {
		String name = "account-" + hash(accessKey, 8);
		if (application == null || application.isBlank()) {
			return name;
		}
		StringBuilder readable = new StringBuilder();
		for (int i = 0; i < application.length() && readable.length() < 32; i++) {
			char c = application.charAt(i);
			boolean safe = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_'
					|| c == '-';
			readable.append(safe ? c : '_');
		}
		return name + "-" + readable + "-" + hash(application, 4);
	}

	private static String hash(String text, int bytes) {
		try {
			byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(hash, 0, bytes);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is not available", ex);
		}
	}

	private static void require(@Nullable String problem) {
		if (problem != null) {
			throw new IllegalArgumentException(problem);
		}
	}

	private static void requirePositive(String name, int value) {
		if (value <= 0) {
			throw new IllegalArgumentException(name + " must be positive, was " + value);
		}
	}

	private static void requirePositive(String name, Duration value) {
		if (value == null || value.isNegative() || value.isZero()) {
			throw new IllegalArgumentException(name + " must be a positive duration, was " + value);
		}
	}

	@Override
	public String toString() {
		return "StreamerBuilder[apiBase=" + this.apiBase + ", bucketKey=" + this.bucketKey + ", offline=" + this.offline
				+ ", accessKey=" + ((this.accessKey != null) ? "(set)" : "(none)") + "]";
	}

}
