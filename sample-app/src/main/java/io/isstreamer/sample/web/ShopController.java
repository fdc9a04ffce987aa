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

package io.isstreamer.sample.web;

import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.random.RandomGenerator;

import io.isstreamer.streamer.Streamer;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A tiny shop API whose use shows in the HTTP server metrics; placing an order also logs
 * {@code orders_placed}, the running total, through the {@link Streamer}.
 */
@RestController
@RequestMapping("/api")
public class ShopController {

	private final Streamer streamer;

	private final RandomGenerator random = RandomGenerator.getDefault();

	private final AtomicLong orders = new AtomicLong();

	/**
	 * Create the controller.
	 * @param streamer the streamer to log orders with
	 */
	public ShopController(Streamer streamer) {
		this.streamer = streamer;
	}

	/**
	 * Greet someone.
	 * @param name who to greet
	 * @return the greeting
	 */
	@GetMapping("/greeting")
	public Map<String, String> greeting(@RequestParam(defaultValue = "World") String name) {
		return Map.of("message", "Hello, " + name + "!");
	}

	/**
	 * Place an order.
	 * @param order the order, {@code {"items": n}}; one item when absent
	 * @return the order number and its items
	 */
	@PostMapping("/orders")
	public ResponseEntity<Map<String, Long>> placeOrder(@RequestBody(required = false) @Nullable Order order) {
		long number = this.orders.incrementAndGet();
		this.streamer.log("orders_placed", number);
		long items = (order != null && order.items() > 0) ? order.items() : 1;
		return ResponseEntity.status(HttpStatus.CREATED).body(Map.of("order", number, "items", items));
	}

	/**
	 * Answer like a shaky dependency: a server error one time in five.
	 * @return {@code 200}, or {@code 500} now and then
	 */
	@GetMapping("/flaky")
	public ResponseEntity<Map<String, Boolean>> flaky() {
		boolean fails = this.random.nextInt(5) == 0;
		return ResponseEntity.status(fails ? HttpStatus.INTERNAL_SERVER_ERROR : HttpStatus.OK)
			.body(Map.of("ok", !fails));
	}

	/**
	 * An order placed through the API.
	 *
	 * @param items the number of items
	 */
	public record Order(long items) {

	}

}
