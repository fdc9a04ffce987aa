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

import java.util.Locale;

import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * {@link EnableAutoConfiguration Auto-configuration} that masks the Initial State access
 * key wherever Actuator shows configuration, such as the {@code env} and
 * {@code configprops} endpoints when they are set to show values. Since Spring Boot 3,
 * Actuator masks nothing by key on its own once values are shown.
 * <p>
 * It applies even when the streamer is disabled: a key may well be configured then.
 */
@AutoConfiguration
@ConditionalOnClass(SanitizingFunction.class)
public final class InitialStateSanitizingAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(name = "initialStateAccessKeySanitizingFunction")
	SanitizingFunction initialStateAccessKeySanitizingFunction() {
		return SanitizingFunction.sanitizeValue().ifKeyMatches(InitialStateSanitizingAutoConfiguration::isAccessKey);
	}

	/**
	 * Whether a key names the access key, in any of its forms: the property itself
	 * ({@code initialstate.access-key}), the environment variable
	 * ({@code INITIALSTATE_ACCESS_KEY}) or the bound bean property
	 * ({@code initialstate.accessKey}).
	 */
	static boolean isAccessKey(String key) {
		StringBuilder letters = new StringBuilder(key.length());
		key.chars().filter(Character::isLetterOrDigit).forEach((c) -> letters.append((char) c));
		return letters.toString().toLowerCase(Locale.ROOT).equals("initialstateaccesskey");
	}

}
