package com.cometapi.client.observation;

/**
 * The parameters of an embeddings request that a call's span shows, as call observations
 * read them; the client's {@code EmbeddingRequest} is one.
 *
 * @author CometAPI team
 */
public interface CometEmbeddingParameters {

	/**
	 * Return the encoding of the vectors, such as {@code float}.
	 * @return the encoding format, or {@code null}
	 */
	String encodingFormat();

	/**
	 * Return the dimensions of the vectors.
	 * @return the dimensions, or {@code null}
	 */
	Integer dimensions();

}
