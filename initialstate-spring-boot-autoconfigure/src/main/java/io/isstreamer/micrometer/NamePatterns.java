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

package io.isstreamer.micrometer;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Meter name patterns: a name matches a pattern equal to it, and {@code *} in a pattern
 * matches any characters, dots included ({@code jvm.gc.*}, {@code *.requests},
 * {@code *}). Patterns are matched against the meter's own name
 * ({@link io.micrometer.core.instrument.Meter.Id#getName()}), as
 * {@code /actuator/metrics} and Boot's {@code management.metrics.enable.*} see it, never
 * against the name the naming convention makes of it for event keys; the default
 * selection's series are named the same way. Blank patterns are ignored.
 */
final class NamePatterns {

	private final List<Pattern> patterns;

	NamePatterns(List<String> patterns) {
		this.patterns = patterns.stream()
			.map(String::strip)
			.filter((pattern) -> !pattern.isEmpty())
			.map(NamePatterns::compile)
			.toList();
	}

	boolean matches(String name) {
		for (Pattern pattern : this.patterns) {
			if (pattern.matcher(name).matches()) {
				return true;
			}
		}
		return false;
	}

	private static Pattern compile(String glob) {
		StringBuilder regex = new StringBuilder();
		int start = 0;
		for (int star = glob.indexOf('*'); star >= 0; star = glob.indexOf('*', start)) {
			if (star > start) {
				regex.append(Pattern.quote(glob.substring(start, star)));
			}
			regex.append(".*");
			start = star + 1;
		}
		if (start < glob.length()) {
			regex.append(Pattern.quote(glob.substring(start)));
		}
		return Pattern.compile(regex.toString());
	}

}
