package com.cometapi.ai;

import java.util.ArrayList;
import java.util.LinkedHashMap;

import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.model.tool.ToolCallingChatOptions;

/**
 * The options of {@link CometChatModel} (Spring AI 2.0 line): immutable, changed
 * through {@link #mutate()}. Tool calls are run by {@code ChatClient}'s
 * {@code ToolCallingAdvisor}, as for every Spring AI 2.0 chat model.
 *
 * @author CometAPI team
 */
public final class CometChatOptions extends AbstractCometChatOptions {

	private CometChatOptions(Builder<?> builder) {
		super(builder);
	}

	/**
	 * Start building options.
	 * @return a new builder
	 */
	public static Builder<?> builder() {
		return new Builder<>();
	}

	@Override
	public Builder<?> mutate() {
		Builder<?> builder = new Builder<>();
		copyInto(builder);
		return builder;
	}

	/**
	 * Return a copy of these options.
	 * @return the copy
	 */
	public CometChatOptions copy() {
		return mutate().build();
	}

	/**
	 * A builder of {@link CometChatOptions}.
	 *
	 * @param <B> the builder's own type
	 */
	public static class Builder<B extends Builder<B>> extends AbstractCometChatOptions.AbstractBuilder<B>
			implements ToolCallingChatOptions.Builder<B> {

		/**
		 * Create a builder.
		 */
		protected Builder() {
		}

		@Override
		@SuppressWarnings("unchecked")
		public B clone() {
			try {
				B copy = (B) super.clone();
				copy.fallbackModels = copy(this.fallbackModels);
				copy.stopSequences = copy(this.stopSequences);
				copy.extras = (this.extras != null) ? new LinkedHashMap<>(this.extras) : null;
				copy.toolCallbacks = (this.toolCallbacks != null) ? new ArrayList<>(this.toolCallbacks) : null;
				copy.toolContext = (this.toolContext != null) ? new LinkedHashMap<>(this.toolContext) : null;
				return copy;
			}
			catch (CloneNotSupportedException ex) {
				throw new IllegalStateException(ex);
			}
		}

		@Override
		public B combineWith(ChatOptions.Builder<?> other) {
			return combine((other != null) ? other.build() : null);
		}

		@Override
		public CometChatOptions build() {
			return new CometChatOptions(this);
		}

	}

}
