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

package io.isstreamer.streamer;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The client core stays usable without Spring Boot, so it can become its own artifact.
 */
class ArchitectureTests {

	private final JavaClasses classes = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("io.isstreamer");

	@Test
	void clientCoreDoesNotDependOnSpringBoot() {
		noClasses().that()
			.resideInAPackage("io.isstreamer.streamer..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("org.springframework.boot..")
			.check(this.classes);
	}

	@Test
	void clientCoreDoesNotDependOnTheMetricsOrSpringIntegration() {
		noClasses().that()
			.resideInAPackage("io.isstreamer.streamer..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("io.isstreamer.micrometer..", "io.isstreamer.autoconfigure..", "io.micrometer..")
			.check(this.classes);
	}

}
