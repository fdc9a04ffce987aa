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

package io.isstreamer.autoconfigure.test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * Spring's test framework is an optional dependency: only the test support may use it, so
 * an application without it never loads a class that needs it.
 */
class TestSupportArchitectureTests {

	private final JavaClasses classes = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("io.isstreamer");

	@Test
	void onlyTheTestSupportUsesSpringsTestFramework() {
		noClasses().that()
			.resideOutsideOfPackage("io.isstreamer.autoconfigure.test..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("org.springframework.test..")
			.check(this.classes);
	}

	@Test
	void nothingElseUsesTheTestSupport() {
		noClasses().that()
			.resideOutsideOfPackage("io.isstreamer.autoconfigure.test..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("io.isstreamer.autoconfigure.test..")
			.check(this.classes);
	}

}
