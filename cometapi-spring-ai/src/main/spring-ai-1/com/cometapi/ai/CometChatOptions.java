package com.cometapi.ai;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.model.tool.ToolCallingChatOptions;
import org.springframework.ai.tool.ToolCallback;

/**
 * The options of {@link CometChatModel} (Spring AI 1.1 line). {@code ChatClient} copies
 * them and sets the request's tools on the copy; the model runs the tool calls itself
 * unless {@link #getInternalToolExecutionEnabled() internal tool execution} is off.
 *
 * @author CometAPI team
 */
public final class CometChatOptions extends AbstractCometChatOptions {

	private Set<String> toolNames;

	private Boolean internalToolExecutionEnabled;

	private CometChatOptions(Builder builder) {
		super(builder);
		this.toolNames = (builder.toolNames != null) ? new HashSet<>(builder.toolNames) : null;
		this.internalToolExecutionEnabled = builder.internalToolExecutionEnabled;
	}

	/**
	 * Start building options.
	 * @return a new builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Start building options from a copy of these.
	 * @return a new builder
	 */
	public Builder mutate() {
		Builder builder = new Builder();
		copyInto(builder);
		builder.toolNames = (this.toolNames != null) ? new HashSet<>(this.toolNames) : null;
		builder.internalToolExecutionEnabled = this.internalToolExecutionEnabled;
		return builder;
	}

	@Override
	@SuppressWarnings("unchecked")
	public <T extends ChatOptions> T copy() {
		return (T) mutate().build();
	}

	@Override
	public List<ToolCallback> getToolCallbacks() {
		return (this.toolCallbacks != null) ? List.copyOf(this.toolCallbacks) : List.of();
	}

	@Override
	public void setToolCallbacks(List<ToolCallback> toolCallbacks) {
		this.toolCallbacks = copy(toolCallbacks);
	}

	@Override
	public Set<String> getToolNames() {
		return (this.toolNames != null) ? Set.copyOf(this.toolNames) : Set.of();
	}

	@Override
	public void setToolNames(Set<String> toolNames) {
		this.toolNames = (toolNames != null) ? new HashSet<>(toolNames) : null;
	}

	@Override
	public Boolean getInternalToolExecutionEnabled() {
		return this.internalToolExecutionEnabled;
	}

	@Override
	public void setInternalToolExecutionEnabled(Boolean internalToolExecutionEnabled) {
		this.internalToolExecutionEnabled = internalToolExecutionEnabled;
	}

	@Override
	public Map<String, Object> getToolContext() {
		return (this.toolContext != null) ? Map.copyOf(this.toolContext) : Map.of();
	}

	@Override
	public void setToolContext(Map<String, Object> toolContext) {
		this.toolContext = copy(toolContext);
	}

	/**
	 * A builder of {@link CometChatOptions}.
	 */
	public static final class Builder extends AbstractCometChatOptions.AbstractBuilder<Builder>
			implements ToolCallingChatOptions.Builder {

		private Set<String> toolNames;

		private Boolean internalToolExecutionEnabled;

		private Builder() {
		}

		@Override
		public Builder toolNames(Set<String> toolNames) {
			this.toolNames = (toolNames != null) ? new HashSet<>(toolNames) : null;
			return this;
		}

		@Override
		public Builder toolNames(String... toolNames) {
			return toolNames(Set.of(toolNames));
		}

		@Override
		public Builder internalToolExecutionEnabled(Boolean internalToolExecutionEnabled) {
			this.internalToolExecutionEnabled = internalToolExecutionEnabled;
			return this;
		}

		@Override
		public Builder combine(ChatOptions other) {
			super.combine(other);
			if (other instanceof ToolCallingChatOptions tools) {
				if (tools.getToolNames() != null && !tools.getToolNames().isEmpty()) {
					this.toolNames = new HashSet<>(tools.getToolNames());
				}
				if (tools.getInternalToolExecutionEnabled() != null) {
					this.internalToolExecutionEnabled = tools.getInternalToolExecutionEnabled();
				}
			}
			return this;
		}

		@Override
		public CometChatOptions build() {
			return new CometChatOptions(this);
		}

	}

}
