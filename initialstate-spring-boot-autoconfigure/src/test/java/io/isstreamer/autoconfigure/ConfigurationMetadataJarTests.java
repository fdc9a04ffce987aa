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
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests of the packaged jar, run by Failsafe after the {@code package} phase: it carries
 * the configuration metadata and registers the auto-configurations and the failure
 * analyzer.
 */
class ConfigurationMetadataJarTests {

	@Test
	void jarDocumentsEveryPropertyWithADescription() throws IOException {
		try (JarFile jar = builtJar()) {
			ZipEntry entry = jar.getEntry("META-INF/spring-configuration-metadata.json");
			assertThat(entry).as("metadata in " + jar.getName()).isNotNull();
			Map<String, JsonNode> metadata = ConfigurationMetadata.properties(jar.getInputStream(entry));
			assertThat(metadata).containsKeys(
					ConfigurationMetadata.values(new InitialStateProperties()).keySet().toArray(String[]::new));
			metadata.forEach((name, property) -> {
				if (name.startsWith("initialstate.")) {
					assertThat(property.path("description").asString()).as(name).isNotBlank();
				}
			});
		}
	}

	@Test
	void jarRegistersAutoConfigurationsAndFailureAnalyzer() throws IOException {
		try (JarFile jar = builtJar()) {
			assertThat(read(jar, "META-INF/spring/org.springframework.boot.autoconfigure.AutoConfiguration.imports"))
				.contains(InitialStateAutoConfiguration.class.getName(),
						InitialStateSanitizingAutoConfiguration.class.getName());
			assertThat(read(jar, "META-INF/spring.factories")).contains(MissingAccessKeyFailureAnalyzer.class.getName(),
					"io.isstreamer.autoconfigure.test.InitialStateContextCustomizerFactory");
			assertThat(read(jar, "META-INF/spring/io.isstreamer.autoconfigure.test.AutoConfigureInitialState.imports"))
				.contains(InitialStateAutoConfiguration.class.getName());
		}
	}

	private static JarFile builtJar() throws IOException {
		String path = System.getProperty("builtJar");
		assertThat(path).as("system property builtJar (set by the Failsafe configuration)").isNotNull();
		return new JarFile(path);
	}

	private static String read(JarFile jar, String name) throws IOException {
		ZipEntry entry = jar.getEntry(name);
		assertThat(entry).as(name + " in " + jar.getName()).isNotNull();
		try (InputStream in = jar.getInputStream(entry)) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
	}

}
