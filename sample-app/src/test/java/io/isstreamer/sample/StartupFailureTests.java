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

package io.isstreamer.sample;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * A bad property value stops the sample, a web application, before its web server starts:
 * a short report names the property, the value and the rule, and Tomcat has no thread to
 * warn about.
 */
@ExtendWith(OutputCaptureExtension.class)
class StartupFailureTests {

	@Test
	void aNegativeBufferSizeFailsWithAShortReportBeforeTheWebServerStarts(CapturedOutput output) {
		SpringApplicationBuilder application = new SpringApplicationBuilder(SampleApplication.class)
			.properties("server.port=0", "initialstate.buffer-size=-1");
		assertThatException().isThrownBy(application::run);
		String report = output.getOut().substring(output.getOut().indexOf("APPLICATION FAILED TO START"));
		assertThat(report).contains("Invalid value '-1' for configuration property 'initialstate.buffer-size'",
				"It must be between 1 and 1,000,000.");
		List<String> lines = report.lines().toList();
		assertThat(lines).as(report).hasSizeLessThan(30);
		assertThat(output.getAll()).doesNotContain("appears to have started a thread")
			.doesNotContain("Tomcat initialized")
			.doesNotContain("bufferSize")
			.doesNotContain("\tat ");
	}

	@Test
	void aBucketKeyWithAColonFailsNamingTheProperty(CapturedOutput output) {
		SpringApplicationBuilder application = new SpringApplicationBuilder(SampleApplication.class)
			.properties("server.port=0", "initialstate.bucket-key=orders:eu");
		assertThatException().isThrownBy(application::run);
		assertThat(output.getOut()).contains(
				"Invalid value 'orders:eu' for configuration property 'initialstate.bucket-key'",
				"It contains ':', which Initial State does not allow.");
		assertThat(output.getAll()).doesNotContain("appears to have started a thread");
	}

}
