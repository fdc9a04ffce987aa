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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.core.io.ClassPathResource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests that the README's table of properties stays true: every property is in it, with
 * the default the metadata documents.
 */
class ReadmeTests {

	private static final Pattern ROW = Pattern.compile("^\\| `(initialstate\\.[a-z0-9.-]+)` \\|([^|]*)\\|",
			Pattern.MULTILINE);

	@Test
	void readmeListsEveryPropertyWithItsDefault() throws IOException {
		Map<String, String> rows = new LinkedHashMap<>();
		Matcher matcher = ROW.matcher(Files.readString(Path.of("..", "README.md"), StandardCharsets.UTF_8));
		while (matcher.find()) {
			rows.put(matcher.group(1), matcher.group(2).strip());
		}
		Map<String, JsonNode> metadata = ConfigurationMetadata
			.properties(new ClassPathResource("META-INF/spring-configuration-metadata.json").getInputStream());
		for (String name : ConfigurationMetadata.values(new InitialStateProperties()).keySet()) {
			assertThat(rows).as("README row of " + name).containsKey(name);
			JsonNode defaultValue = metadata.get(name).get("defaultValue");
			if (defaultValue != null) {
				assertThat(rows.get(name)).as("README default of " + name)
					.isEqualTo("`" + defaultValue.asString() + "`");
			}
		}
	}

}
