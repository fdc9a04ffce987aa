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

package io.isstreamer.sample.receiver;

import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.StringUtils;

/**
 * Starts the {@link LocalReceiver} and points the starter at it when no access key is
 * configured, before the context refreshes, so that the sample runs without an Initial
 * State account. With {@code INITIALSTATE_ACCESS_KEY} (or
 * {@code initialstate.access-key}) set, offline mode on, the starter disabled or
 * {@code sample.local-receiver.enabled=false}, it does nothing.
 * <p>
 * The receiver has no monthly quota, so the metrics are published every 5 seconds and
 * gauges at every step, unless configured otherwise: the charts fill within a minute.
 */
public class LocalReceiverInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

	/**
	 * Name of the bean holding the receiver.
	 */
	public static final String BEAN_NAME = "sampleLocalReceiver";

	private static final Log logger = LogFactory.getLog(LocalReceiverInitializer.class);

	@Override
	public void initialize(ConfigurableApplicationContext context) {
		ConfigurableEnvironment environment = context.getEnvironment();
		Binder binder = Binder.get(environment);
		if (!isWanted(binder)) {
			return;
		}
		LocalReceiver receiver = new LocalReceiver(binder.bind("sample.local-receiver.port", Integer.class).orElse(0));
		if (!(context.getBeanFactory() instanceof DefaultListableBeanFactory beanFactory)) {
			receiver.close();
			throw new IllegalStateException("Cannot register the local receiver in " + context);
		}
		beanFactory.registerSingleton(BEAN_NAME, receiver);
		// destroyed with the context even when the refresh fails; stopped as a lifecycle
		beanFactory.registerDisposableBean(BEAN_NAME, receiver::close);
		environment.getPropertySources()
			.addFirst(new MapPropertySource("sampleLocalReceiver", Map.of("initialstate.api-base",
					receiver.baseUri().toString(), "initialstate.access-key", LocalReceiver.ACCESS_KEY)));
		Map<String, Object> defaults = new LinkedHashMap<>();
		defaults.put("management.initialstate.metrics.export.step", "5s");
		defaults.put("management.initialstate.metrics.export.refresh-interval", "0s");
		defaults.put("management.initialstate.metrics.export.monthly-budget", "1000000000");
		environment.getPropertySources().addLast(new MapPropertySource("sampleLocalReceiverDefaults", defaults));
		logger.info("No Initial State access key is set (INITIALSTATE_ACCESS_KEY): events go to the local receiver at "
				+ receiver.baseUri() + ", in memory only");
	}

	private static boolean isWanted(Binder binder) {
		return binder.bind("sample.local-receiver.enabled", Boolean.class).orElse(true)
				&& binder.bind("initialstate.enabled", Boolean.class).orElse(true)
				&& !binder.bind("initialstate.offline", Boolean.class).orElse(false)
				&& !StringUtils.hasText(binder.bind("initialstate.access-key", String.class).orElse(null));
	}

}
