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

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The dashboard in a real browser, Debian's headless Chromium: the page loads and draws
 * the sensor and heap tiles with charts that have points. A screenshot at 1280x800 is
 * kept in {@code target/dashboard.png}.
 * <p>
 * Skipped when Chromium is not installed, except on CI ({@code CI=true}), where it must
 * run: {@code .ci/run} installs it.
 */
class DashboardBrowserTests extends LocalModeTestSupport {

	private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

	private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

	private ChromeDriver driver;

	@BeforeEach
	void startChromium(@TempDir Path profile) {
		boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
		if (!installed) {
			assertThat(System.getenv("CI")).as("Chromium and ChromeDriver must be installed on CI (see .ci/run)")
				.isNotEqualToIgnoringCase("true");
		}
		assumeTrue(installed, "Chromium is not installed: apt-get install -y chromium chromium-driver");
		ChromeOptions options = new ChromeOptions();
		options.setBinary(CHROMIUM.toFile());
		// as root, on a machine with no network but the loopback: no sandbox, no
		// background calls
		options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
				"--disable-background-networking", "--disable-component-update", "--disable-sync",
				"--disable-dev-shm-usage", "--hide-scrollbars", "--window-size=1280,800", "--user-data-dir=" + profile);
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
			.usingAnyFreePort()
			.build();
		this.driver = new ChromeDriver(service, options);
		// the window size includes room for a toolbar, even headless: set the page's own
		this.driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
				Map.of("width", 1280, "height", 800, "deviceScaleFactor", 1, "mobile", false));
	}

	@AfterEach
	void stopChromium() {
		if (this.driver != null) {
			this.driver.quit();
		}
	}

	@Test
	void dashboardDrawsTheSensorAndHeapTilesWithCharts() throws IOException {
		System.gc();
		this.driver.get(url("/"));
		List<String> keys = List.of("sensor_temperature", "sensor_humidity", "jvm.memory.used[area=heap]",
				"http.server.requests:count");
		await().atMost(Duration.ofSeconds(60))
			.untilAsserted(() -> assertThat(keys).allSatisfy((key) -> assertThat(points(key)).isGreaterThan(2)));
		for (String key : keys) {
			WebElement tile = tile(key);
			assertThat(tile.findElements(By.cssSelector(".tile-chart canvas"))).as(key).hasSize(1);
			assertThat(tile.findElement(By.className("tile-value")).getText()).as(key).isNotBlank();
		}
		assertThat(tile("sensor_temperature").findElement(By.className("tile-value")).getText()).endsWith("°C");
		assertThat(tile("jvm.memory.used[area=heap]").findElement(By.className("tile-value")).getText()).endsWith("MB");
		assertThat(tile("sensor_comfort").findElements(By.cssSelector(".tile-history li"))).isNotEmpty();
		assertThat(this.driver.findElement(By.id("mode")).getText()).startsWith("Local receiver at http://127.0.0.1:");
		assertThat(this.driver.findElement(By.id("service")).getText()).isEqualTo("OK");
		Path screenshot = Path.of("target", "dashboard.png");
		Files.write(screenshot, this.driver.getScreenshotAs(OutputType.BYTES));
		assertThat(screenshot).isNotEmptyFile();
		assertThat(this.driver.executeScript("return [window.innerWidth, window.innerHeight]"))
			.isEqualTo(List.of(1280L, 800L));
	}

	private WebElement tile(String key) {
		return this.driver.findElement(By.cssSelector(".tile[data-key='" + key + "']"));
	}

	private int points(String key) {
		List<WebElement> tiles = this.driver.findElements(By.cssSelector(".tile[data-key='" + key + "']"));
		return tiles.isEmpty() ? 0 : Integer.parseInt(tiles.get(0).getDomAttribute("data-points"));
	}

}
