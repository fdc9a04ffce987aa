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

import io.isstreamer.streamer.support.Durations;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.util.SystemPropertyUtils;

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
		ConfigurationMetadata.values(new InitialStateProperties())
			.forEach((name, value) -> assertThat(metadata.get(name).has("defaultValue")).as(name)
				.isEqualTo(value != null));
	}

	@Test
	void documentsTheDefaultsOfTheHealthIndicator() throws IOException {
		Map<String, JsonNode> metadata = metadata();
		InitialStateHealthIndicatorProperties defaults = new InitialStateHealthIndicatorProperties();
		assertThat(metadata.get("management.health.initialstate.unreachable-threshold").path("defaultValue").asString())
			.isEqualTo(Durations.format(defaults.getUnreachableThreshold()));
		assertThat(metadata.get("management.health.initialstate.problem-status").path("defaultValue").asString())
			.isEqualTo(defaults.getProblemStatus());
		assertThat(metadata.get("management.health.initialstate.enabled").path("defaultValue").asBoolean()).isTrue();
		assertThat(metadata.get("management.endpoint.initialstate.access").path("defaultValue").asString())
			.isEqualTo("read_only");
	}

	@Test
	void documentedDefaultsBindToThePropertyDefaults() throws IOException {
		Map<String, String> documented = new LinkedHashMap<>();
		metadata().forEach((name, property) -> {
			if (name.startsWith("initialstate.") && property.has("defaultValue")) {
				// the spool directory's default is in the user's home directory
				documented.put(name, SystemPropertyUtils.resolvePlaceholders(property.get("defaultValue").asString()));
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
