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

import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.time.Clock;

import javax.net.ssl.SSLContext;

import io.isstreamer.streamer.Streamer;
import io.isstreamer.streamer.StreamerBuilder;
import io.isstreamer.streamer.memory.InMemoryStreamer;
import io.isstreamer.streamer.transport.HttpTransport;
import io.isstreamer.streamer.transport.Transport;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Role;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;
import org.springframework.util.unit.DataSize;

/**
 * {@link EnableAutoConfiguration Auto-configuration} of the Initial State
 * {@link Streamer}: built from the {@code initialstate.*} properties, adjusted by
 * {@link StreamerCustomizer} beans, and closed by a {@link StreamerLifecycle} late in the
 * context's shutdown.
 * <p>
 * The streamer flushes partial buffers on its own sender thread: nothing here enables
 * {@code @Scheduled} processing or adds a scheduler bean, either of which would change
 * how the application's own scheduled methods run.
 * <p>
 * Under Spring's test framework the streamer is an {@link InMemoryStreamer} instead,
 * unless the test opts into the real one: the test support sets
 * {@value #IN_MEMORY_PROPERTY}.
 */
@AutoConfiguration
@ConditionalOnBooleanProperty(name = "initialstate.enabled", matchIfMissing = true)
@EnableConfigurationProperties(InitialStateProperties.class)
public final class InitialStateAutoConfiguration {

	/**
	 * The property that replaces the streamer with an {@link InMemoryStreamer}, as the
	 * test support does.
	 */
	public static final String IN_MEMORY_PROPERTY = "initialstate.test.in-memory";

	static final String TRANSPORT_BEAN_NAME = "initialStateTransport";

	private final InitialStateProperties properties;

	InitialStateAutoConfiguration(InitialStateProperties properties) {
		this.properties = properties;
	}

	@Bean
	@Role(BeanDefinition.ROLE_INFRASTRUCTURE)
	static InitialStatePropertiesValidator initialStatePropertiesValidator() {
		return new InitialStatePropertiesValidator();
	}

	@Bean(TRANSPORT_BEAN_NAME)
	@ConditionalOnMissingBean({ Transport.class, Streamer.class })
	@ConditionalOnBooleanProperty(name = "initialstate.offline", havingValue = false, matchIfMissing = true)
	@ConditionalOnBooleanProperty(name = IN_MEMORY_PROPERTY, havingValue = false, matchIfMissing = true)
	Transport initialStateTransport(ObjectProvider<SslBundles> sslBundles) {
		String accessKey = this.properties.getAccessKey();
		InitialStatePropertiesValidator.checkAccessKey(accessKey);
		InitialStateProperties.Http http = this.properties.getHttp();
		return new HttpTransport(new HttpTransport.Settings(this.properties.getApiBase(), accessKey.strip(),
				this.properties.getApiVersion(), http.getConnectTimeout(), http.getReadTimeout(), proxy(),
				sslContext(sslBundles)));
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBooleanProperty(name = IN_MEMORY_PROPERTY, havingValue = false, matchIfMissing = true)
	Streamer initialStateStreamer(Environment environment, ObjectProvider<Transport> transport,
			ObjectProvider<SslBundles> sslBundles, ObjectProvider<StreamerCustomizer> customizers) {
		StreamerBuilder builder = Streamer.builder();
		DefaultBucket bucket = bucket(environment);
		builder.bucketKey(bucket.key()).bucketName(bucket.name());
		// the spool directory is per application; the context's shutdown closes the
		// streamer in order, so no JVM shutdown hook
		builder.applicationName(environment.getProperty("spring.application.name", bucket.key())).shutdownHook(false);
		applyProperties(builder);
		builder.proxy(proxy()).sslContext(sslContext(sslBundles)).transport(transport.getIfAvailable());
		customizers.orderedStream().forEach((customizer) -> customizer.customize(builder));
		// started with the context, by the lifecycle bean
		return builder.buildStopped();
	}

	/**
	 * The streamer under Spring's test framework: it records events in memory, to the
	 * bucket the real one would use.
	 */
	@Bean
	@ConditionalOnMissingBean(Streamer.class)
	@ConditionalOnBooleanProperty(name = IN_MEMORY_PROPERTY)
	InMemoryStreamer initialStateInMemoryStreamer(Environment environment) {
		DefaultBucket bucket = bucket(environment);
		return new InMemoryStreamer(bucket.name(), bucket.key(), this.properties.getDebugLevel(), Clock.systemUTC());
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnSingleCandidate(Streamer.class)
	StreamerLifecycle initialStateStreamerLifecycle(Streamer streamer) {
		return new StreamerLifecycle(streamer);
	}

	private DefaultBucket bucket(Environment environment) {
		return DefaultBucket.resolve(this.properties.getBucketKey(), this.properties.getBucketName(),
				environment.getProperty("spring.application.name"));
	}

	private void applyProperties(StreamerBuilder builder) {
		InitialStateProperties properties = this.properties;
		InitialStateProperties.Http http = properties.getHttp();
		InitialStateProperties.Spool spool = properties.getSpool();
		builder.accessKey(properties.getAccessKey())
			.apiBase(properties.getApiBase())
			.apiVersion(properties.getApiVersion())
			.allowInsecureHttp(properties.isAllowInsecureHttp())
			.bufferSize(properties.getBufferSize())
			.flushInterval(properties.getFlushInterval())
			.debugLevel(properties.getDebugLevel())
			.offline(properties.isOffline())
			.offlineFile(properties.getOfflineFile())
			.maxBatchEvents(properties.getBatch().getMaxEvents())
			.maxBatchBytes(intBytes("initialstate.batch.max-size", properties.getBatch().getMaxSize()))
			.maxBufferedEvents(properties.getMaxBufferedEvents())
			.requestsPerSecond(properties.getRequestsPerSecond())
			.maxInFlight(properties.getMaxInFlight())
			.retryPolicy(properties.getRetry().toPolicy())
			.spoolEnabled(spool.isEnabled())
			.spoolDirectory(spool.getDirectory())
			.maxSpoolBytes(spool.getMaxSize().toBytes())
			.connectTimeout(http.getConnectTimeout())
			.readTimeout(http.getReadTimeout())
			.maxReadTimeout(http.getMaxReadTimeout())
			.flushTimeout(properties.getFlushTimeout())
			.closeTimeout(properties.getCloseTimeout())
			.probeInterval(properties.getProbeInterval())
			.budgetPolicy(properties.getBudget().getPolicy());
		Long budget = properties.getBudget().getMonthlyEvents();
		if (budget != null) {
			builder.monthlyEventBudget(budget);
		}
	}

	private @Nullable ProxySelector proxy() {
		InitialStateProperties.Http.Proxy proxy = this.properties.getHttp().getProxy();
		String host = proxy.getHost();
		if (!StringUtils.hasText(host)) {
			return null;
		}
		Integer port = proxy.getPort();
		if (port == null) {
			throw new InvalidConfigurationPropertyValueException("initialstate.http.proxy.port", null,
					"A port is required when 'initialstate.http.proxy.host' is set.");
		}
		return ProxySelector.of(new InetSocketAddress(host.strip(), port));
	}

	private @Nullable SSLContext sslContext(ObjectProvider<SslBundles> sslBundles) {
		String bundle = this.properties.getHttp().getSsl().getBundle();
		if (!StringUtils.hasText(bundle)) {
			return null;
		}
		SslBundles bundles = sslBundles.getIfAvailable();
		if (bundles == null) {
			throw new InvalidConfigurationPropertyValueException("initialstate.http.ssl.bundle", bundle,
					"SSL bundles are not available in this application context.");
		}
		return bundles.getBundle(bundle).createSslContext();
	}

	private static int intBytes(String property, DataSize size) {
		long bytes = size.toBytes();
		if (bytes > Integer.MAX_VALUE) {
			throw new InvalidConfigurationPropertyValueException(property, size, "The size must be below 2GB.");
		}
		return (int) bytes;
	}

}
