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
import java.util.jar.JarFile;

import io.isstreamer.autoconfigure.test.AutoConfigureInitialState;
import io.isstreamer.streamer.Streamer;
import io.isstreamer.streamer.memory.InMemoryStreamer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests of the sources and Javadoc jars, run by Failsafe after the {@code package} phase,
 * so that IDEs can show the library's code and documentation.
 */
class SourcesAndJavadocJarTests {

	@Test
	void sourcesJarHoldsTheSources() throws IOException {
		try (JarFile jar = jar("sourcesJar")) {
			assertThat(jar.getEntry(path(Streamer.class) + ".java")).isNotNull();
			assertThat(jar.getEntry(path(InMemoryStreamer.class) + ".java")).isNotNull();
			assertThat(jar.getEntry(path(AutoConfigureInitialState.class) + ".java")).isNotNull();
		}
	}

	@Test
	void javadocJarHoldsThePublicApi() throws IOException {
		try (JarFile jar = jar("javadocJar")) {
			assertThat(jar.getEntry(path(Streamer.class) + ".html")).isNotNull();
			assertThat(jar.getEntry(path(InMemoryStreamer.class) + ".html")).isNotNull();
			assertThat(jar.getEntry(path(InitialStateProperties.class) + ".html")).isNotNull();
			assertThat(jar.getEntry("index.html")).isNotNull();
		}
	}

	private static String path(Class<?> type) {
		return type.getName().replace('.', '/');
	}

	private static JarFile jar(String property) throws IOException {
		String path = System.getProperty(property);
		assertThat(path).as("system property " + property + " (set by the Failsafe configuration)").isNotNull();
		return new JarFile(path);
	}

}
