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

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.NamingConvention;
import org.jspecify.annotations.Nullable;

/**
 * {@link NamingConvention} for Initial State: Micrometer's dot style (so a key reads
 * {@code jvm.memory.used}, not {@code jvm_memory_used}), with the few characters that
 * structure an {@link EventKeys event key} replaced by {@code _} so that a key always
 * reads one way.
 * <p>
 * Names and tag keys lose {@code : [ ] , =}; tag values lose {@code ,} and {@code ]};
 * control characters become {@code _} everywhere.
 */
public class InitialStateNamingConvention implements NamingConvention {

	private final NamingConvention delegate;

	/**
	 * Create the convention on top of Micrometer's dot style.
	 */
	public InitialStateNamingConvention() {
		this(NamingConvention.dot);
	}

	/**
	 * Create the convention on top of another one.
	 * @param delegate the convention that shapes names before the key characters are
	 * replaced
	 */
	public InitialStateNamingConvention(NamingConvention delegate) {
		this.delegate = delegate;
	}

	@Override
	public String name(String name, Meter.Type type, @Nullable String baseUnit) {
		return replace(this.delegate.name(name, type, baseUnit), ":[],=");
	}

	@Override
	public String tagKey(String key) {
		return replace(this.delegate.tagKey(key), ":[],=");
	}

	@Override
	public String tagValue(String value) {
		return replace(this.delegate.tagValue(value), ",]");
	}

	private static String replace(String text, String reserved) {
		StringBuilder result = null;
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (reserved.indexOf(c) >= 0 || Character.isISOControl(c)) {
				if (result == null) {
					result = new StringBuilder(text);
				}
				result.setCharAt(i, '_');
			}
		}
		return (result != null) ? result.toString() : text;
	}

}
