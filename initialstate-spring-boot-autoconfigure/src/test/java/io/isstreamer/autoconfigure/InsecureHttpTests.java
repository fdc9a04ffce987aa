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

import io.isstreamer.streamer.Streamer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A plain {@code http://} API base to another host would send the access key in clear
 * text: refused unless allowed by a property, and the refusal never shows the key. No
 * request is made: the host name cannot resolve, and nothing is logged.
 */
@Timeout(30)
class InsecureHttpTests {

	private static final String ACCESS_KEY = "ist_insecure_secret_3c4d5e6f7a8b";

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(InitialStateAutoConfiguration.class))
		.withPropertyValues("initialstate.access-key=" + ACCESS_KEY,
				"initialstate.api-base=http://initialstate.invalid", "initialstate.spool.enabled=false",
				"initialstate.close-timeout=1s");

	@Test
	void plainHttpToAnotherHostFailsStartupWithoutShowingTheKey() {
		this.runner.run((context) -> {
			assertThat(context).hasFailed();
			Throwable failure = context.getStartupFailure();
			StringBuilder messages = new StringBuilder();
			for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
				messages.append(cause).append('\n');
			}
			assertThat(messages).contains("initialstate.allow-insecure-http").doesNotContain(ACCESS_KEY);
		});
	}

	@Test
	void plainHttpToAnotherHostStartsWhenExplicitlyAllowed() {
		this.runner.withPropertyValues("initialstate.allow-insecure-http=true").run((context) -> {
			assertThat(context).hasNotFailed().hasSingleBean(Streamer.class);
			assertThat(context.getBean(Streamer.class).toString()).doesNotContain(ACCESS_KEY);
		});
	}

}
