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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.isstreamer.micrometer.InitialStateConfig;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.BeanWrapper;
import org.springframework.beans.PropertyAccessorFactory;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.core.io.ClassPathResource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link InitialStateMetricsProperties}, their metadata and their README table.
 */
class InitialStateMetricsPropertiesTests {

	private static final String PREFIX = "management.initialstate.metrics.export.";

	/**
	 * Inherited from Boot's push registry properties, but meaningless here: the metrics
	 * travel through the streamer, whose own HTTP settings apply.
	 */
	private static final List<String> IGNORED = List.of(PREFIX + "connect-timeout", PREFIX + "read-timeout");

	private static final Pattern README_ROW = Pattern.compile(
			"^\\| `(management\\.initialstate\\.metrics\\.export\\.[a-z0-9.-]+)` \\|([^|]*)\\|", Pattern.MULTILINE);

	@Test
	void defaultValuesAreConsistentWithTheRegistryConfig() {
		InitialStateMetricsProperties properties = new InitialStateMetricsProperties();
		InitialStateConfig config = InitialStateConfig.DEFAULT;
		assertThat(properties.isEnabled()).isEqualTo(config.enabled());
		assertThat(properties.getStep()).isEqualTo(config.step());
		assertThat(properties.getBatchSize()).isEqualTo(config.batchSize());
		assertThat(properties.isDefaultSelection()).isEqualTo(config.defaultSelection());
		assertThat(properties.getInclude()).isEqualTo(config.include());
		assertThat(properties.getExclude()).isEqualTo(config.exclude());
		assertThat(properties.getRefreshInterval()).isEqualTo(config.refreshInterval());
		assertThat(properties.getMonthlyBudget()).isEqualTo(config.monthlyBudget());
		assertThat(properties.getKeyPrefix()).isEqualTo(config.keyPrefix());
	}

	@Test
	void adapterGivesThePropertiesToTheRegistry() {
		InitialStateMetricsProperties properties = new InitialStateMetricsProperties();
		properties.setMonthlyBudget(25_000);
		properties.setBatchSize(7);
		InitialStateConfig config = new InitialStateMetricsPropertiesConfigAdapter(properties);
		assertThat(config.monthlyBudget()).isEqualTo(25_000);
		assertThat(config.batchSize()).isEqualTo(7);
		assertThat(config.prefix()).isEqualTo("management.initialstate.metrics.export");
		assertThat(config.validate().isValid()).isTrue();
	}

	@Test
	void metadataHasNoInitialStateMetricsPropertiesAnyMore() throws IOException {
		assertThat(metadata().keySet()).isNotEmpty().noneMatch((name) -> name.startsWith("initialstate.metrics"));
	}

	@Test
	void metadataDocumentsEveryExportPropertyWithADescriptionAndHidesTheUnusedOnes() throws IOException {
		Map<String, JsonNode> metadata = metadata();
		List<String> names = new ArrayList<>(values(new InitialStateMetricsProperties()).keySet());
		assertThat(names).contains(PREFIX + "enabled", PREFIX + "step", PREFIX + "batch-size", PREFIX + "include",
				PREFIX + "monthly-budget");
		names.removeAll(IGNORED);
		assertThat(metadata).containsKeys(names.toArray(String[]::new))
			.doesNotContainKeys(IGNORED.toArray(String[]::new));
		names.forEach((name) -> assertThat(metadata.get(name).path("description").asString()).as(name)
			.isNotBlank()
			.endsWith("."));
		assertThat(ignored()).containsExactlyInAnyOrderElementsOf(IGNORED);
	}

	@Test
	void documentedDefaultsBindToThePropertyDefaults() throws IOException {
		Map<String, String> documented = new LinkedHashMap<>();
		metadata().forEach((name, property) -> {
			if (name.startsWith(PREFIX) && property.has("defaultValue")) {
				documented.put(name, property.get("defaultValue").asString());
			}
		});
		assertThat(documented).containsKeys(PREFIX + "enabled", PREFIX + "step", PREFIX + "batch-size",
				PREFIX + "default-selection", PREFIX + "refresh-interval", PREFIX + "monthly-budget");
		InitialStateMetricsProperties bound = new Binder(new MapConfigurationPropertySource(documented))
			.bindOrCreate("management.initialstate.metrics.export", Bindable.of(InitialStateMetricsProperties.class));
		assertThat(values(bound)).isEqualTo(values(new InitialStateMetricsProperties()));
	}

	@Test
	void readmeListsEveryExportPropertyWithItsDefault() throws IOException {
		Map<String, String> rows = new LinkedHashMap<>();
		Matcher matcher = README_ROW.matcher(Files.readString(Path.of("..", "README.md"), StandardCharsets.UTF_8));
		while (matcher.find()) {
			rows.put(matcher.group(1), matcher.group(2).strip());
		}
		Map<String, JsonNode> metadata = metadata();
		for (String name : values(new InitialStateMetricsProperties()).keySet()) {
			if (IGNORED.contains(name)) {
				assertThat(rows).as("README row of " + name).doesNotContainKey(name);
				continue;
			}
			assertThat(rows).as("README row of " + name).containsKey(name);
			JsonNode defaultValue = metadata.get(name).get("defaultValue");
			if (defaultValue != null) {
				assertThat(rows.get(name)).as("README default of " + name)
					.isEqualTo("`" + defaultValue.asString() + "`");
			}
		}
	}

	private static Map<String, JsonNode> metadata() throws IOException {
		return ConfigurationMetadata
			.properties(new ClassPathResource("META-INF/spring-configuration-metadata.json").getInputStream());
	}

	private static List<String> ignored() throws IOException {
		List<String> names = new ArrayList<>();
		try (var json = new ClassPathResource("META-INF/spring-configuration-metadata.json").getInputStream()) {
			JsonMapper.builder()
				.build()
				.readTree(json)
				.path("ignored")
				.path("properties")
				.forEach((property) -> names.add(property.path("name").asString()));
		}
		return names;
	}

	private static Map<String, @Nullable Object> values(InitialStateMetricsProperties properties) {
		Map<String, @Nullable Object> values = new LinkedHashMap<>();
		BeanWrapper wrapper = PropertyAccessorFactory.forBeanPropertyAccess(properties);
		for (PropertyDescriptor descriptor : wrapper.getPropertyDescriptors()) {
			if (!descriptor.getName().equals("class")) {
				String name = PREFIX + descriptor.getName().replaceAll("([A-Z])", "-$1").toLowerCase(Locale.ROOT);
				values.put(name, wrapper.getPropertyValue(descriptor.getName()));
			}
		}
		return values;
	}

}
