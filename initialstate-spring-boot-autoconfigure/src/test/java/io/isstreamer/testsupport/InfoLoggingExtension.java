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

package io.isstreamer.testsupport;

import java.util.HashMap;
import java.util.Map;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;
import org.slf4j.LoggerFactory;

/**
 * Raises the loggers of {@link InfoLogging} to INFO before each test, and puts every
 * logger's level back as it was after it.
 */
class InfoLoggingExtension implements BeforeEachCallback, AfterEachCallback {

	private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace
		.create(InfoLoggingExtension.class);

	@Override
	public void beforeEach(ExtensionContext context) {
		LoggerContext loggers = (LoggerContext) LoggerFactory.getILoggerFactory();
		Map<String, Level> levels = new HashMap<>();
		for (Logger logger : loggers.getLoggerList()) {
			levels.put(logger.getName(), logger.getLevel());
		}
		context.getStore(NAMESPACE).put(Map.class, levels);
		AnnotationSupport.findAnnotation(context.getElement(), InfoLogging.class)
			.or(() -> AnnotationSupport.findAnnotation(context.getTestClass(), InfoLogging.class))
			.ifPresent((annotation) -> {
				for (String name : annotation.value()) {
					loggers.getLogger(name).setLevel(Level.INFO);
				}
			});
	}

	@Override
	@SuppressWarnings("unchecked")
	public void afterEach(ExtensionContext context) {
		Map<String, Level> levels = context.getStore(NAMESPACE).remove(Map.class, Map.class);
		LoggerContext loggers = (LoggerContext) LoggerFactory.getILoggerFactory();
		for (Logger logger : loggers.getLoggerList()) {
			Level level = levels.get(logger.getName());
			// the root logger must keep a level
			if (level != null || !logger.getName().equals(org.slf4j.Logger.ROOT_LOGGER_NAME)) {
				logger.setLevel(level);
			}
		}
	}

}
