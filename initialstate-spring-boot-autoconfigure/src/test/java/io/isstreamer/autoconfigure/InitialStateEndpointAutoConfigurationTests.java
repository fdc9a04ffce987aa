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

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.isstreamer.micrometer.QuotaProjection;
import io.isstreamer.streamer.RecordingTransport;
import io.isstreamer.streamer.SentEvent;
import io.isstreamer.streamer.Streamer;
import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.autoconfigure.endpoint.PropertiesEndpointAccessResolver;
import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.OperationFilter;
import org.springframework.boot.actuate.endpoint.invoke.convert.ConversionServiceParameterValueMapper;
import org.springframework.boot.actuate.endpoint.web.EndpointMediaTypes;
import org.springframework.boot.actuate.endpoint.web.ExposableWebEndpoint;
import org.springframework.boot.actuate.endpoint.web.WebOperation;
import org.springframework.boot.actuate.endpoint.web.annotation.WebEndpointDiscoverer;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link InitialStateEndpointAutoConfiguration} and
 * {@link InitialStateEndpoint}.
 */
class InitialStateEndpointAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(InitialStateEndpointAutoConfiguration.class));

	private final ApplicationContextRunner exposedRunner = this.contextRunner
		.withPropertyValues("management.endpoints.web.exposure.include=initialstate");

	@Test
	void isNotAvailableUnlessExposed() {
		this.contextRunner.withUserConfiguration(RecordingStreamerConfiguration.class)
			.run((context) -> assertThat(context).doesNotHaveBean(InitialStateEndpoint.class));
	}

	@Test
	void isAvailableWhenExposed() {
		this.exposedRunner.withUserConfiguration(RecordingStreamerConfiguration.class)
			.run((context) -> assertThat(context).hasSingleBean(InitialStateEndpoint.class));
	}

	@Test
	void isNotAvailableWithAccessNone() {
		this.exposedRunner.withUserConfiguration(RecordingStreamerConfiguration.class)
			.withPropertyValues("management.endpoint.initialstate.access=NONE")
			.run((context) -> assertThat(context).doesNotHaveBean(InitialStateEndpoint.class));
	}

	@Test
	void backsOffWithoutAStreamer() {
		this.exposedRunner.run((context) -> assertThat(context).doesNotHaveBean(InitialStateEndpoint.class));
	}

	@Test
	void backsOffWithoutTheActuator() {
		this.exposedRunner.withUserConfiguration(RecordingStreamerConfiguration.class)
			.withClassLoader(new FilteredClassLoader("org.springframework.boot.actuate"))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(InitialStateEndpoint.class));
	}

	@Test
	void mapsAReadAndTwoWriteOperationsOverTheWeb() {
		this.exposedRunner.withUserConfiguration(RecordingStreamerConfiguration.class).run((context) -> {
			WebEndpointDiscoverer discoverer = new WebEndpointDiscoverer(context,
					new ConversionServiceParameterValueMapper(), EndpointMediaTypes.DEFAULT, List.of(), List.of(),
					List.of(), List.of(), List.of());
			ExposableWebEndpoint endpoint = discoverer.getEndpoints()
				.stream()
				.filter((candidate) -> candidate.getEndpointId().toString().equals("initialstate"))
				.findFirst()
				.orElseThrow();
			assertThat(endpoint.getOperations()).extracting(WebOperation::getRequestPredicate)
				.extracting((predicate) -> predicate.getHttpMethod() + " " + predicate.getPath())
				.containsExactlyInAnyOrder("GET initialstate", "POST initialstate/{operation}");
		});
	}

	@Test
	void offersOnlyTheReadOperationByDefault() {
		this.exposedRunner.withUserConfiguration(RecordingStreamerConfiguration.class)
			.run((context) -> assertThat(webOperations(context)).containsExactly("GET initialstate"));
	}

	@Test
	void offersTheWriteOperationsWithUnrestrictedAccess() {
		this.exposedRunner.withUserConfiguration(RecordingStreamerConfiguration.class)
			.withPropertyValues("management.endpoint.initialstate.access=UNRESTRICTED")
			.run((context) -> assertThat(webOperations(context)).containsExactlyInAnyOrder("GET initialstate",
					"POST initialstate/{operation}"));
	}

	/**
	 * The operations mapped over the web, filtered by access as the actuator does.
	 */
	private static List<String> webOperations(ApplicationContext context) {
		WebEndpointDiscoverer discoverer = new WebEndpointDiscoverer(context,
				new ConversionServiceParameterValueMapper(), EndpointMediaTypes.DEFAULT, List.of(), List.of(),
				List.of(), List.of(),
				List.of(OperationFilter.byAccess(new PropertiesEndpointAccessResolver(context.getEnvironment()))));
		return discoverer.getEndpoints()
			.stream()
			.filter((endpoint) -> endpoint.getEndpointId().toString().equals("initialstate"))
			.flatMap((endpoint) -> endpoint.getOperations().stream())
			.map(WebOperation::getRequestPredicate)
			.map((predicate) -> predicate.getHttpMethod() + " " + predicate.getPath())
			.toList();
	}

	@Test
	void readGivesTheStatisticsAndTheMetricsProjection() {
		this.exposedRunner.withUserConfiguration(RecordingStreamerAndClockConfiguration.class)
			.withConfiguration(AutoConfigurations.of(InitialStateMetricsExportAutoConfiguration.class))
			.run((context) -> {
				Streamer streamer = context.getBean(Streamer.class);
				streamer.log("temperature", 21.5);
				streamer.flush(Duration.ofSeconds(10));
				InitialStateEndpoint.InitialStateDescriptor descriptor = context.getBean(InitialStateEndpoint.class)
					.read();
				assertThat(descriptor.streamer().bucketKey()).isEqualTo("b");
				assertThat(descriptor.streamer().delivered()).isEqualTo(1);
				assertThat(descriptor.metrics()).isNotNull()
					.extracting(QuotaProjection::maxEventsPerMonth)
					.isEqualTo(15L * 44_640);
			});
	}

	@Test
	void readGivesNoProjectionWithoutMetricsExport() {
		this.exposedRunner.withUserConfiguration(RecordingStreamerConfiguration.class)
			.run((context) -> assertThat(context.getBean(InitialStateEndpoint.class).read().metrics()).isNull());
	}

	@Test
	void flushDeliversWhatIsPending() {
		this.exposedRunner.withUserConfiguration(HoldingStreamerConfiguration.class).run((context) -> {
			Streamer streamer = context.getBean(Streamer.class);
			streamer.log("a", 1);
			streamer.log("b", 2);
			InitialStateEndpoint.OperationResult result = context.getBean(InitialStateEndpoint.class).run("flush");
			assertThat(result).isEqualTo(new InitialStateEndpoint.OperationResult("flush", true, 0, 0, "OK"));
			assertThat(sentValues(context.getBean(RecordingTransport.class))).containsOnly(Map.entry("a", "1"),
					Map.entry("b", "2"));
		});
	}

	@Test
	void replaySendsWhatIsWaiting() {
		this.exposedRunner.withUserConfiguration(HoldingStreamerConfiguration.class).run((context) -> {
			context.getBean(Streamer.class).log("a", 1);
			InitialStateEndpoint.OperationResult result = context.getBean(InitialStateEndpoint.class).run("replay");
			assertThat(result).isEqualTo(new InitialStateEndpoint.OperationResult("replay", true, 0, 0, "OK"));
			assertThat(sentValues(context.getBean(RecordingTransport.class))).containsOnly(Map.entry("a", "1"));
		});
	}

	@Test
	void refusesAnUnknownOperation() {
		this.exposedRunner.withUserConfiguration(RecordingStreamerConfiguration.class)
			.run((context) -> assertThatExceptionOfType(InvalidEndpointRequestException.class)
				.isThrownBy(() -> context.getBean(InitialStateEndpoint.class).run("purge"))
				.withMessageContaining("flush or replay"));
	}

	private static Map<String, String> sentValues(RecordingTransport transport) {
		return transport.events().stream().collect(Collectors.toMap(SentEvent::key, SentEvent::value));
	}

	/**
	 * A streamer that holds its events for an hour, unless flushed.
	 */
	@Configuration(proxyBeanMethods = false)
	static class HoldingStreamerConfiguration {

		@Bean
		RecordingTransport recordingTransport() {
			return new RecordingTransport();
		}

		@Bean(destroyMethod = "close")
		Streamer streamer(RecordingTransport recordingTransport) {
			return Streamer.builder()
				.transport(recordingTransport)
				.bucketKey("b")
				.spoolEnabled(false)
				.bufferSize(1000)
				.flushInterval(Duration.ofHours(1))
				.closeTimeout(Duration.ofSeconds(5))
				.build();
		}

	}

}
