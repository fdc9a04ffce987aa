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

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.core.io.ClassPathResource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests of the configuration metadata that the annotation processor writes for IDEs.
 */
class ConfigurationMetadataTests {

	@Test
	void documentsEveryPropertyWithADescription() throws IOException {
		Map<String, JsonNode> metadata = metadata();
		assertThat(metadata)
			.containsKeys(ConfigurationMetadata.values(new InitialStateProperties()).keySet().toArray(String[]::new));
		metadata.forEach((name, property) -> {
			if (name.startsWith("initialstate.")) {
				assertThat(property.path("description").asString()).as(name).isNotBlank().endsWith(".");
			}
		});
	}

	@Test
	void documentsTheDefaultOfEveryPropertyThatHasOne() throws IOException {
		Map<String, JsonNode> metadata = metadata();
		ConfigurationMetadata.values(new InitialStateProperties()).forEach((name, value) -> {
			// The spool directory's default depends on the user's home directory
			boolean documented = value != null && !name.equals("initialstate.spool.directory");
			assertThat(metadata.get(name).has("defaultValue")).as(name).isEqualTo(documented);
		});
	}

	@Test
	void documentedDefaultsBindToThePropertyDefaults() throws IOException {
		Map<String, String> documented = new LinkedHashMap<>();
		metadata().forEach((name, property) -> {
			if (name.startsWith("initialstate.") && property.has("defaultValue")) {
				documented.put(name, property.get("defaultValue").asString());
			}
		});
		InitialStateProperties bound = new Binder(new MapConfigurationPropertySource(documented))
			.bindOrCreate("initialstate", Bindable.of(InitialStateProperties.class));
		assertThat(ConfigurationMetadata.values(bound))
			.isEqualTo(ConfigurationMetadata.values(new InitialStateProperties()));
	}

	private static Map<String, JsonNode> metadata() throws IOException {
		return ConfigurationMetadata
			.properties(new ClassPathResource("META-INF/spring-configuration-metadata.json").getInputStream());
	}

}
