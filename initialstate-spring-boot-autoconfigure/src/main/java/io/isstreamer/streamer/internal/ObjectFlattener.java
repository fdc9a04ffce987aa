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

package io.isstreamer.streamer.internal;

import java.beans.PropertyDescriptor;
import java.lang.reflect.Array;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.BeanUtils;
import org.springframework.util.ReflectionUtils;

/**
 * Flattens an object for {@code logObject} into key/value pairs, the way ISStreamer's
 * {@code log_object} names them: maps by key, lists and arrays by index, records by
 * component and JavaBeans by property. Nested containers and beans flatten as
 * {@code outer_inner} down to {@link #MAX_DEPTH} levels; deeper ones are sent as text. An
 * object met again on its own path (a cycle) is not followed, and no more than
 * {@link #MAX_VALUES} values are read from one object, so an endless iterable ends too.
 */
final class ObjectFlattener {

	/**
	 * How many levels of nesting are flattened.
	 */
	static final int MAX_DEPTH = 3;

	/**
	 * How many values one call reads at the most.
	 */
	static final int MAX_VALUES = 10_000;

	/**
	 * Components of the record types met so far. {@code getRecordComponents()} builds new
	 * reflection objects on every call, and the keys under the default prefix are the
	 * same every time: {@code logObject} of a ten-component record spent most of its time
	 * there.
	 */
	private static final ClassValue<RecordShape> RECORDS = new ClassValue<>() {

		@Override
		protected RecordShape computeValue(Class<?> type) {
			return new RecordShape(type);
		}

	};

	private ObjectFlattener() {
	}

	/**
	 * Flatten an object.
	 * @param object the object
	 * @param keyPrefix the prefix: {@code null} for the default, {@code ""} for none
	 * @return the pairs, in the object's order; a value that could not be read is
	 * {@link Unreadable}
	 */
	static List<Pair> flatten(@Nullable Object object, @Nullable String keyPrefix) {
		List<Pair> pairs = new ArrayList<>();
		String prefix = (keyPrefix != null) ? keyPrefix : defaultPrefix(object);
		Set<Object> path = Collections.newSetFromMap(new IdentityHashMap<>());
		if (object == null || isScalar(object)) {
			pairs.add(new Pair(prefix.isEmpty() ? "value" : prefix, object));
			return pairs;
		}
		flatten(object, prefix, 1, path, pairs);
		return pairs;
	}

	static String defaultPrefix(@Nullable Object object) {
		if (object instanceof Map) {
			return "dict";
		}
		if (object instanceof Iterable || (object != null && object.getClass().isArray())) {
			return "list";
		}
		return (object != null) ? object.getClass().getSimpleName() : "value";
	}

	private static void flatten(Object object, String prefix, int depth, Set<Object> path, List<Pair> pairs) {
		if (!path.add(object)) {
			return;
		}
		try {
			if (object instanceof Map<?, ?> map) {
				for (Map.Entry<?, ?> entry : map.entrySet()) {
					if (pairs.size() >= MAX_VALUES) {
						break;
					}
					add(key(prefix, String.valueOf(entry.getKey())), entry.getValue(), depth, path, pairs);
				}
			}
			else if (object instanceof Iterable<?> iterable) {
				int index = 0;
				for (Object item : iterable) {
					if (pairs.size() >= MAX_VALUES) {
						break;
					}
					add(key(prefix, Integer.toString(index++)), item, depth, path, pairs);
				}
			}
			else if (object.getClass().isArray()) {
				int length = Math.min(Array.getLength(object), MAX_VALUES - pairs.size());
				for (int i = 0; i < length; i++) {
					add(key(prefix, Integer.toString(i)), Array.get(object, i), depth, path, pairs);
				}
			}
			else if (object.getClass().isRecord()) {
				RecordShape shape = RECORDS.get(object.getClass());
				String[] keys = shape.keys(prefix);
				for (int i = 0; i < shape.accessors.length; i++) {
					add(keys[i], read(shape.accessors[i], object), depth, path, pairs);
				}
			}
			else {
				for (PropertyDescriptor property : BeanUtils.getPropertyDescriptors(object.getClass())) {
					Method getter = property.getReadMethod();
					if (getter != null && getter.getDeclaringClass() != Object.class) {
						add(key(prefix, property.getName()), read(getter, object), depth, path, pairs);
					}
				}
			}
		}
		catch (Throwable ex) {
			// a map or iterable that fails while iterated: keep what was read
			Values.rethrowIfFatal(ex);
			pairs.add(new Pair(prefix.isEmpty() ? "value" : prefix, Unreadable.INSTANCE));
		}
		finally {
			path.remove(object);
		}
	}

	private static void add(String key, @Nullable Object value, int depth, Set<Object> path, List<Pair> pairs) {
		if (value == null || value instanceof Unreadable || isScalar(value)) {
			pairs.add(new Pair(key, value));
		}
		else if (path.contains(value)) {
			// a cycle: not followed
		}
		else if (depth < MAX_DEPTH) {
			flatten(value, key, depth + 1, path, pairs);
		}
		else {
			pairs.add(new Pair(key, value));
		}
	}

	private static @Nullable Object read(Method accessor, Object target) {
		try {
			ReflectionUtils.makeAccessible(accessor);
			return accessor.invoke(target);
		}
		catch (IllegalAccessException | InvocationTargetException | RuntimeException ex) {
			return Unreadable.INSTANCE;
		}
	}

	/**
	 * Values sent as they are: text, numbers, booleans, enums, and the JDK's own value
	 * types (dates, UUIDs, paths...), which are sent as their text.
	 */
	private static boolean isScalar(Object value) {
		if (value instanceof CharSequence || value instanceof Number || value instanceof Boolean
				|| value instanceof Character || value instanceof Enum) {
			return true;
		}
		if (value instanceof Map || value instanceof Iterable || value.getClass().isArray()) {
			return false;
		}
		String packageName = value.getClass().getPackageName();
		return packageName.startsWith("java.") || packageName.startsWith("javax.");
	}

	private static String key(String prefix, String name) {
		return prefix.isEmpty() ? name : prefix + "_" + name;
	}

	/**
	 * The accessors of a record type, ready to call, and its keys under the default
	 * prefix.
	 */
	private static final class RecordShape {

		private final String[] names;

		private final Method[] accessors;

		private final String defaultPrefix;

		private final String[] defaultKeys;

		RecordShape(Class<?> type) {
			RecordComponent[] components = type.getRecordComponents();
			this.names = new String[components.length];
			this.accessors = new Method[components.length];
			this.defaultPrefix = type.getSimpleName();
			this.defaultKeys = new String[components.length];
			for (int i = 0; i < components.length; i++) {
				this.names[i] = components[i].getName();
				this.accessors[i] = components[i].getAccessor();
				try {
					ReflectionUtils.makeAccessible(this.accessors[i]);
				}
				catch (RuntimeException ex) {
					// read() tries again and reports the value as unreadable
				}
				this.defaultKeys[i] = key(this.defaultPrefix, this.names[i]);
			}
		}

		String[] keys(String prefix) {
			if (prefix.equals(this.defaultPrefix)) {
				return this.defaultKeys;
			}
			String[] keys = new String[this.names.length];
			for (int i = 0; i < keys.length; i++) {
				keys[i] = key(prefix, this.names[i]);
			}
			return keys;
		}

	}

	/**
	 * One key and its value.
	 *
	 * @param key the key
	 * @param value the value, {@link Unreadable#INSTANCE} if it could not be read
	 */
	record Pair(String key, @Nullable Object value) {

	}

	/**
	 * A value whose getter or accessor threw.
	 */
	enum Unreadable {

		INSTANCE

	}

}
