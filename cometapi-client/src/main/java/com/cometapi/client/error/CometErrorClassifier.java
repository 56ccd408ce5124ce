package com.cometapi.client.error;

/**
 * Decides what the call pipeline does after a failed attempt: retry the same model, move
 * to the next model, or fail the call. {@link DefaultCometErrorClassifier} implements the
 * decision table of CometAPI's error guide; declare a bean of this type to replace or
 * extend it.
 *
 * @author CometAPI team
 * @see DefaultCometErrorClassifier
 */
@FunctionalInterface
public interface CometErrorClassifier {

	/**
	 * Classify one failed attempt.
	 * @param kind how the attempt failed
	 * @param error the status, envelope fields and body excerpt of the failure
	 * @return the decision, never {@code null}
	 */
	CometErrorDecision classify(CometFailureKind kind, CometError error);

}
