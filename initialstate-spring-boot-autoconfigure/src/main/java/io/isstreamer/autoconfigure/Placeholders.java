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

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Finds placeholders that Spring left in a property value. Spring Boot binds an
 * unresolvable {@code ${NAME}} as its literal text, so without this check
 * {@code initialstate.access-key=${INITIALSTATE_ACCESS_KEY}} with the variable unset
 * would send {@code ${INITIALSTATE_ACCESS_KEY}} as the key.
 */
final class Placeholders {

	private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{[^}]*}");

	private Placeholders() {
	}

	/**
	 * Return the first placeholder left in a value.
	 * @param value the bound value
	 * @return the placeholder, such as {@code ${INITIALSTATE_ACCESS_KEY}}, or
	 * {@code null}
	 */
	static @Nullable String firstUnresolved(@Nullable String value) {
		if (value == null) {
			return null;
		}
		Matcher matcher = PLACEHOLDER.matcher(value);
		return matcher.find() ? matcher.group() : null;
	}

}
