package com.cometapi.autoconfigure;

import org.junit.jupiter.api.Test;
import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.TypeReference;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.core.io.support.SpringFactoriesLoader;
import org.springframework.util.ClassUtils;

import com.cometapi.client.catalog.CatalogModel;
import com.cometapi.client.catalog.CatalogResponse;
import com.cometapi.client.catalog.ModelPricing;
import com.cometapi.client.wire.ChatCompletion;
import com.cometapi.client.wire.ChatCompletionChunk;
import com.cometapi.client.wire.ChatMessage;
import com.cometapi.client.wire.ChatRequest;
import com.cometapi.client.wire.Choice;
import com.cometapi.client.wire.ContentPart;
import com.cometapi.client.wire.EmbeddingRequest;
import com.cometapi.client.wire.EmbeddingResponse;
import com.cometapi.client.wire.MessageContent;
import com.cometapi.client.wire.ModelList;
import com.cometapi.client.wire.ResponseFormat;
import com.cometapi.client.wire.StreamOptions;
import com.cometapi.client.wire.Tool;
import com.cometapi.client.wire.ToolCall;
import com.cometapi.client.wire.ToolChoice;
import com.cometapi.client.wire.Usage;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link CometApiRuntimeHints}.
 */
class CometApiRuntimeHintsTests {

	@Test
	void isRegisteredInAotFactories() {
		assertThat(SpringFactoriesLoader.forResourceLocation("META-INF/spring/aot.factories")
			.load(RuntimeHintsRegistrar.class)).hasAtLeastOneElementOfType(CometApiRuntimeHints.class);
	}

	@Test
	void registersEveryWireTypeAndItsCustomSerializersForReflection() {
		RuntimeHints hints = new RuntimeHints();
		new CometApiRuntimeHints().registerHints(hints, getClass().getClassLoader());
		for (Class<?> type : new Class<?>[] { ChatRequest.class, ChatMessage.class, MessageContent.class,
				ContentPart.class, Tool.class, ToolChoice.class, ResponseFormat.class, StreamOptions.class,
				ChatCompletion.class, Choice.class, ToolCall.class, Usage.class, ChatCompletionChunk.class,
				EmbeddingRequest.class, EmbeddingResponse.class, ModelList.class, CatalogResponse.class,
				CatalogModel.class, ModelPricing.class }) {
			assertThat(RuntimeHintsPredicates.reflection().onType(type)).as(type.getName()).accepts(hints);
		}
		assertThat(RuntimeHintsPredicates.reflection().onMethod(ChatCompletion.class, "id")).accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection().onMethod(Usage.class, "promptTokens")).accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection().onType(MessageContent.Serializer.class)).accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection().onType(MessageContent.Deserializer.class)).accepts(hints);
	}

	@Test
	void registersTheEndpointOperationsWhenTheActuatorIsPresent() {
		RuntimeHints hints = new RuntimeHints();
		new CometApiRuntimeHints().registerHints(hints, getClass().getClassLoader());
		TypeReference endpoint = TypeReference.of("com.cometapi.autoconfigure.observation.CometApiEndpoint");
		boolean actuator = ClassUtils.isPresent("org.springframework.boot.actuate.endpoint.annotation.Endpoint",
				getClass().getClassLoader());
		assertThat(RuntimeHintsPredicates.reflection()
			.onType(endpoint)
			.withMemberCategory(MemberCategory.INVOKE_PUBLIC_METHODS)
			.test(hints)).isEqualTo(actuator);
	}

}
