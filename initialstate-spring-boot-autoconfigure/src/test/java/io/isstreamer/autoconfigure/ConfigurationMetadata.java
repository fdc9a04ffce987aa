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

import java.beans.PropertyDescriptor;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.BeanWrapper;
import org.springframework.beans.PropertyAccessorFactory;

/**
 * Reads {@code spring-configuration-metadata.json}, and lists the properties that
 * {@link InitialStateProperties} really has, for the metadata tests.
 */
final class ConfigurationMetadata {

	private ConfigurationMetadata() {
	}

	/**
	 * Read the properties of a metadata file.
	 * @param json the metadata file
	 * @return each property's entry, by property name
	 * @throws IOException if the file cannot be read
	 */
	static Map<String, JsonNode> properties(InputStream json) throws IOException {
		Map<String, JsonNode> properties = new LinkedHashMap<>();
		try (json) {
			for (JsonNode property : JsonMapper.builder().build().readTree(json).path("properties")) {
				properties.put(property.path("name").asString(), property);
			}
		}
		return properties;
	}

	/**
	 * Return every property of {@link InitialStateProperties} with its default value, by
	 * property name ({@code initialstate.http.read-timeout}).
	 * @param properties the properties to read
	 * @return the values by name
	 */
	static Map<String, @Nullable Object> values(InitialStateProperties properties) {
		Map<String, @Nullable Object> values = new LinkedHashMap<>();
		collect("initialstate.", properties, values);
		return values;
	}

	private static void collect(String prefix, Object bean, Map<String, @Nullable Object> values) {
		BeanWrapper wrapper = PropertyAccessorFactory.forBeanPropertyAccess(bean);
		for (PropertyDescriptor descriptor : wrapper.getPropertyDescriptors()) {
			if (descriptor.getName().equals("class")) {
				continue;
			}
			String name = prefix + descriptor.getName().replaceAll("([A-Z])", "-$1").toLowerCase(Locale.ROOT);
			Object value = wrapper.getPropertyValue(descriptor.getName());
			if (descriptor.getPropertyType().getName().startsWith(InitialStateProperties.class.getName() + "$")) {
				collect(name + ".", value, values);
			}
			else {
				values.put(name, value);
			}
		}
	}

}
