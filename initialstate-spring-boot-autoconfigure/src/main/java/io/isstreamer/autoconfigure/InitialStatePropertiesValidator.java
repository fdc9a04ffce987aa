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

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

import io.isstreamer.streamer.EventRules;
import io.isstreamer.streamer.StreamerBuilder;
import io.isstreamer.streamer.support.Durations;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;
import org.springframework.util.unit.DataSize;

/**
 * Checks every {@code initialstate.*} property before any bean is created, so a bad value
 * stops the application before its web server starts, with a report that names the
 * property, the value and the rule ({@link InvalidConfigurationPropertyValueException},
 * which Spring Boot's own failure analyzer explains), instead of a stack of causes from
 * the {@link StreamerBuilder}. A missing access key is checked here too, when the
 * auto-configuration is about to build the HTTP transport that needs it.
 */
final class InitialStatePropertiesValidator implements BeanFactoryPostProcessor, EnvironmentAware {

	/**
	 * Largest number of pending events that trigger a send.
	 */
	static final int MAX_BUFFER_SIZE = 1_000_000;

	/**
	 * Largest number of events held in memory.
	 */
	static final int MAX_BUFFERED_EVENTS = 1_000_000;

	/**
	 * Largest number of events in one request.
	 */
	static final int MAX_BATCH_EVENTS = 100_000;

	/**
	 * Largest request body: the service refuses bodies over 1 MB.
	 */
	static final DataSize MAX_BATCH_SIZE = DataSize.ofMegabytes(1);

	/**
	 * Smallest bound of the spool.
	 */
	static final DataSize MIN_SPOOL_SIZE = DataSize.ofMegabytes(1);

	/**
	 * Largest bound of the spool.
	 */
	static final DataSize MAX_SPOOL_SIZE = DataSize.ofGigabytes(100);

	/**
	 * Highest request rate; the service allows about 3 per second.
	 */
	static final double MAX_REQUESTS_PER_SECOND = 100;

	/**
	 * Most attempts of one request.
	 */
	static final int MAX_RETRY_ATTEMPTS = 100;

	/**
	 * Largest growth factor of the wait between attempts.
	 */
	static final double MAX_BACKOFF_MULTIPLIER = 10;

	/**
	 * Shortest duration any of the properties takes.
	 */
	static final Duration MIN_DURATION = Duration.ofMillis(1);

	/**
	 * Longest flush interval and retry backoff.
	 */
	static final Duration MAX_INTERVAL = Duration.ofHours(1);

	/**
	 * Longest flush, close and read timeout.
	 */
	static final Duration MAX_TIMEOUT = Duration.ofMinutes(10);

	/**
	 * Longest connect timeout.
	 */
	static final Duration MAX_CONNECT_TIMEOUT = Duration.ofMinutes(5);

	/**
	 * Longest time between probes of a service that refuses events.
	 */
	static final Duration MAX_PROBE_INTERVAL = Duration.ofDays(1);

	/**
	 * What reports show in place of the access key.
	 */
	private static final String HIDDEN = "(hidden)";

	private static final String PREFIX = "initialstate.";

	private static final Logger logger = LoggerFactory.getLogger(InitialStatePropertiesValidator.class);

	private @Nullable Environment environment;

	@Override
	public void setEnvironment(Environment environment) {
		this.environment = environment;
	}

	@Override
	public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
		if (this.environment == null) {
			return;
		}
		InitialStateProperties properties = Binder.get(this.environment)
			.bindOrCreate("initialstate", Bindable.of(InitialStateProperties.class));
		validate(properties);
		warnOfMovedMetricsProperties(this.environment);
		if (beanFactory.containsBeanDefinition(InitialStateAutoConfiguration.TRANSPORT_BEAN_NAME)) {
			checkAccessKey(properties.getAccessKey());
		}
	}

	/**
	 * Warn of {@code initialstate.metrics.*} properties, which earlier versions read and
	 * which now live under {@code management.initialstate.metrics.export.*}, as Spring
	 * Boot's exporters' do: otherwise a budget or a step set there would be ignored
	 * without a word.
	 */
	private static void warnOfMovedMetricsProperties(Environment environment) {
		ConfigurationPropertyName moved = ConfigurationPropertyName.of(PREFIX + "metrics");
		Set<String> names = new TreeSet<>();
		for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
			if (source instanceof IterableConfigurationPropertySource iterable) {
				iterable.filter(moved::isAncestorOf).forEach((name) -> names.add(name.toString()));
			}
		}
		if (!names.isEmpty()) {
			logger.warn(
					"{} {} no longer read: the metrics export's settings are under "
							+ "management.initialstate.metrics.export.* (for example {})",
					String.join(", ", names), (names.size() == 1) ? "is" : "are",
					"management.initialstate.metrics.export."
							+ names.iterator().next().substring(moved.toString().length() + 1));
		}
	}

	/**
	 * Check the properties of the streamer.
	 * @param properties the properties
	 * @throws InvalidConfigurationPropertyValueException naming the first property that
	 * breaks a rule
	 */
	static void validate(InitialStateProperties properties) {
		checkApiBase(properties);
		require("api-version", properties.getApiVersion(), StringUtils.hasText(properties.getApiVersion()),
				"It must not be blank.");
		checkBucket(properties.getBucketKey(), properties.getBucketName());
		range("buffer-size", properties.getBufferSize(), 1, MAX_BUFFER_SIZE);
		range("flush-interval", properties.getFlushInterval(), MIN_DURATION, MAX_INTERVAL);
		require("debug-level", properties.getDebugLevel(), properties.getDebugLevel() >= 0, "It must be 0 or more.");
		path("offline-file", properties.getOfflineFile());
		range("max-buffered-events", properties.getMaxBufferedEvents(), 1, MAX_BUFFERED_EVENTS);
		double rate = properties.getRequestsPerSecond();
		require("requests-per-second", rate, rate > 0 && rate <= MAX_REQUESTS_PER_SECOND,
				"It must be more than 0 and at most " + number(MAX_REQUESTS_PER_SECOND) + ".");
		range("max-in-flight", properties.getMaxInFlight(), 1, StreamerBuilder.MAX_IN_FLIGHT);
		range("flush-timeout", properties.getFlushTimeout(), MIN_DURATION, MAX_TIMEOUT);
		range("close-timeout", properties.getCloseTimeout(), MIN_DURATION, MAX_TIMEOUT);
		range("probe-interval", properties.getProbeInterval(), MIN_DURATION, MAX_PROBE_INTERVAL);
		range("batch.max-events", properties.getBatch().getMaxEvents(), 1, MAX_BATCH_EVENTS);
		range("batch.max-size", properties.getBatch().getMaxSize(), DataSize.ofBytes(StreamerBuilder.MIN_BATCH_BYTES),
				MAX_BATCH_SIZE);
		checkRetry(properties.getRetry());
		path("spool.directory", properties.getSpool().getDirectory());
		range("spool.max-size", properties.getSpool().getMaxSize(), MIN_SPOOL_SIZE, MAX_SPOOL_SIZE);
		checkHttp(properties.getHttp());
		Long budget = properties.getBudget().getMonthlyEvents();
		require("budget.monthly-events", budget, budget == null || budget > 0,
				"It must be more than 0; leave it unset for no budget.");
		require("budget.policy", null, properties.getBudget().getPolicy() != null, "It must be WARN or COALESCE.");
	}

	/**
	 * Check the access key that the HTTP transport needs: set, resolved, and fit for an
	 * HTTP header. Its value is never shown.
	 * @param accessKey the access key
	 * @throws MissingAccessKeyException if it is missing or an unresolved placeholder
	 */
	static void checkAccessKey(@Nullable String accessKey) {
		if (!StringUtils.hasText(accessKey)) {
			throw new MissingAccessKeyException(null);
		}
		String placeholder = Placeholders.firstUnresolved(accessKey);
		if (placeholder != null) {
			throw new MissingAccessKeyException(placeholder);
		}
		String key = accessKey.strip();
		for (int i = 0; i < key.length(); i++) {
			char c = key.charAt(i);
			if (c <= 0x20 || c >= 0x7f) {
				throw new InvalidConfigurationPropertyValueException(PREFIX + "access-key", HIDDEN,
						"It contains a character other than printable ASCII, or a space, at index " + i
								+ ": an access key travels in an HTTP header.");
			}
		}
	}

	private static void checkApiBase(InitialStateProperties properties) {
		URI apiBase = properties.getApiBase();
		String scheme = (apiBase != null) ? apiBase.getScheme() : null;
		require("api-base", apiBase,
				apiBase != null && apiBase.getHost() != null && scheme != null
						&& (scheme.equalsIgnoreCase("https") || scheme.equalsIgnoreCase("http")),
				"It must be an absolute http or https URL with a host, such as " + StreamerBuilder.DEFAULT_API_BASE
						+ ".");
		boolean insecure = scheme != null && scheme.equalsIgnoreCase("http") && !properties.isAllowInsecureHttp()
				&& !properties.isOffline() && !isLoopback(apiBase.getHost());
		require("api-base", apiBase, !insecure,
				"It is plain http to a host other than the loopback address, so the access key would travel in "
						+ "clear text. Use https, or allow it with 'initialstate.allow-insecure-http=true'.");
	}

	private static void checkBucket(@Nullable String bucketKey, @Nullable String bucketName) {
		if (bucketKey != null) {
			unresolved("bucket-key", bucketKey);
			String problem = EventRules.bucketKeyProblem(bucketKey);
			require("bucket-key", bucketKey, problem == null, sentence(problem));
		}
		if (bucketName != null) {
			unresolved("bucket-name", bucketName);
			String problem = EventRules.bucketNameProblem(bucketName);
			require("bucket-name", bucketName, problem == null, sentence(problem));
		}
	}

	private static void checkRetry(InitialStateProperties.Retry retry) {
		range("retry.max-attempts", retry.getMaxAttempts(), 1, MAX_RETRY_ATTEMPTS);
		range("retry.initial-backoff", retry.getInitialBackoff(), MIN_DURATION, MAX_INTERVAL);
		range("retry.max-backoff", retry.getMaxBackoff(), MIN_DURATION, MAX_INTERVAL);
		require("retry.max-backoff", Durations.format(retry.getMaxBackoff()),
				retry.getMaxBackoff().compareTo(retry.getInitialBackoff()) >= 0,
				"It must be at least 'initialstate.retry.initial-backoff' ("
						+ Durations.format(retry.getInitialBackoff()) + ").");
		double multiplier = retry.getBackoffMultiplier();
		require("retry.backoff-multiplier", multiplier, multiplier >= 1 && multiplier <= MAX_BACKOFF_MULTIPLIER,
				"It must be between 1 and " + number(MAX_BACKOFF_MULTIPLIER) + ".");
		double jitter = retry.getJitter();
		require("retry.jitter", jitter, jitter >= 0 && jitter <= 1, "It must be between 0 and 1.");
	}

	private static void checkHttp(InitialStateProperties.Http http) {
		range("http.connect-timeout", http.getConnectTimeout(), MIN_DURATION, MAX_CONNECT_TIMEOUT);
		range("http.read-timeout", http.getReadTimeout(), MIN_DURATION, MAX_TIMEOUT);
		range("http.max-read-timeout", http.getMaxReadTimeout(), MIN_DURATION, MAX_TIMEOUT);
		InitialStateProperties.Http.Proxy proxy = http.getProxy();
		Integer port = proxy.getPort();
		boolean host = StringUtils.hasText(proxy.getHost());
		require("http.proxy.port", port, port != null || !host,
				"A port is required when 'initialstate.http.proxy.host' is set.");
		require("http.proxy.port", port, port == null || (port >= 1 && port <= 65535),
				"It must be between 1 and 65535.");
		require("http.proxy.host", proxy.getHost(), port == null || host,
				"A host is required when 'initialstate.http.proxy.port' is set.");
	}

	private static void unresolved(String property, String value) {
		String placeholder = Placeholders.firstUnresolved(value);
		require(property, value, placeholder == null, "It holds the placeholder " + placeholder
				+ ", which no property or environment variable resolves. Set it, or give it a default.");
	}

	private static void path(String property, @Nullable Path path) {
		require(property, path, path != null && !path.toString().isBlank(), "It must not be empty.");
	}

	private static void range(String property, int value, int min, int max) {
		require(property, value, value >= min && value <= max,
				"It must be between " + number(min) + " and " + number(max) + ".");
	}

	private static void range(String property, @Nullable Duration value, Duration min, Duration max) {
		require(property, (value != null) ? Durations.format(value) : null,
				value != null && value.compareTo(min) >= 0 && value.compareTo(max) <= 0,
				"It must be between " + Durations.format(min) + " and " + Durations.format(max) + ".");
	}

	private static void range(String property, @Nullable DataSize value, DataSize min, DataSize max) {
		require(property, (value != null) ? size(value) : null,
				value != null && value.compareTo(min) >= 0 && value.compareTo(max) <= 0,
				"It must be between " + size(min) + " and " + size(max) + ".");
	}

	private static void require(String property, @Nullable Object value, boolean valid, String reason) {
		if (!valid) {
			throw new InvalidConfigurationPropertyValueException(PREFIX + property, value, reason);
		}
	}

	private static String sentence(@Nullable String problem) {
		if (problem == null) {
			return "";
		}
		String text = problem.replaceFirst("^the bucket (key|name)", "It");
		return Character.toUpperCase(text.charAt(0)) + text.substring(1) + ".";
	}

	private static String number(double value) {
		return (value == Math.rint(value)) ? String.format(Locale.ROOT, "%,d", (long) value) : String.valueOf(value);
	}

	/**
	 * Write a size as properties are written: {@code 16KB}, {@code 1MB}, or bytes.
	 */
	static String size(DataSize size) {
		long bytes = size.toBytes();
		for (String unit : new String[] { "TB", "GB", "MB", "KB" }) {
			long factor = switch (unit) {
				case "TB" -> DataSize.ofTerabytes(1).toBytes();
				case "GB" -> DataSize.ofGigabytes(1).toBytes();
				case "MB" -> DataSize.ofMegabytes(1).toBytes();
				default -> DataSize.ofKilobytes(1).toBytes();
			};
			if (bytes != 0 && bytes % factor == 0) {
				return (bytes / factor) + unit;
			}
		}
		return bytes + "B";
	}

	private static boolean isLoopback(String host) {
		if (host.equalsIgnoreCase("localhost")) {
			return true;
		}
		String literal = (host.startsWith("[") && host.endsWith("]")) ? host.substring(1, host.length() - 1) : host;
		if (literal.isEmpty() || (!Character.isDigit(literal.charAt(0)) && literal.indexOf(':') < 0)) {
			return false; // a name other than localhost: it is not resolved here
		}
		try {
			return InetAddress.getByName(literal).isLoopbackAddress();
		}
		catch (UnknownHostException ex) {
			return false;
		}
	}

}
