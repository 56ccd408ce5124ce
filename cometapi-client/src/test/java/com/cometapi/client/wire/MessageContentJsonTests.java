package com.cometapi.client.wire;

import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for reading and writing {@link MessageContent} and {@link ChatMessage}.
 */
class MessageContentJsonTests {

	private final ObjectMapper mapper = CometJson.newObjectMapper();

	@Test
	void readsContentFromString() throws Exception {
		ChatMessage message = this.mapper.readValue("{\"role\":\"user\",\"content\":\"Hi\"}", ChatMessage.class);
		assertThat(message.content()).isEqualTo(MessageContent.text("Hi"));
		assertThat(message.text()).isEqualTo("Hi");
	}

	@Test
	void readsContentFromParts() throws Exception {
		ChatMessage message = this.mapper.readValue("""
				{"role":"user","content":[
				  {"type":"text","text":"Look"},
				  {"type":"image_url","image_url":{"url":"https://x/y.png","detail":"high"}},
				  {"type":"text","text":"here","cache_control":{"type":"ephemeral"}}
				]}""", ChatMessage.class);
		assertThat(message.content()).isInstanceOf(MessageContent.Parts.class);
		List<ContentPart> parts = ((MessageContent.Parts) message.content()).parts();
		assertThat(parts).hasSize(3);
		assertThat(parts.get(1).imageUrl()).isEqualTo(new ContentPart.ImageUrl("https://x/y.png", "high"));
		assertThat(parts.get(2).extras()).containsKey("cache_control");
		assertThat(message.text()).isEqualTo("Look\nhere");
	}

	@Test
	void readsNullContentAsNull() throws Exception {
		ChatMessage message = this.mapper.readValue("""
				{"role":"assistant","content":null,"tool_calls":[
				  {"id":"call_1","type":"function","function":{"name":"f","arguments":"{}"}}]}""", ChatMessage.class);
		assertThat(message.content()).isNull();
		assertThat(message.text()).isNull();
		assertThat(message.toolCalls()).containsExactly(ToolCall.function("call_1", "f", "{}"));
		assertThat(this.mapper.writeValueAsString(message)).doesNotContain("content");
	}

	@Test
	void writesTextAsStringAndPartsAsArray() throws Exception {
		assertThat(this.mapper.writeValueAsString(MessageContent.text("Hi"))).isEqualTo("\"Hi\"");
		assertThat(this.mapper.writeValueAsString(MessageContent.parts(List.of(ContentPart.text("a")))))
			.isEqualTo("[{\"type\":\"text\",\"text\":\"a\"}]");
	}

	@Test
	void textOfPartsWithoutTextIsNull() {
		ChatMessage message = ChatMessage.user(List.of(ContentPart.imageUrl("https://x/y.png")));
		assertThat(message.text()).isNull();
	}

	@Test
	void factoriesSetRoles() {
		assertThat(ChatMessage.system("a").role()).isEqualTo(ChatMessage.ROLE_SYSTEM);
		assertThat(ChatMessage.developer("a").role()).isEqualTo(ChatMessage.ROLE_DEVELOPER);
		assertThat(ChatMessage.user("a").role()).isEqualTo(ChatMessage.ROLE_USER);
		assertThat(ChatMessage.assistant("a").role()).isEqualTo(ChatMessage.ROLE_ASSISTANT);
		ChatMessage tool = ChatMessage.tool("call_1", "42");
		assertThat(tool.role()).isEqualTo(ChatMessage.ROLE_TOOL);
		assertThat(tool.toolCallId()).isEqualTo("call_1");
		assertThat(ChatMessage.ROLES).containsExactly("system", "developer", "user", "assistant", "tool");
	}

}
