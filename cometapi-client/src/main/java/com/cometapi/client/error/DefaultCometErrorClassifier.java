package com.cometapi.client.error;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The decision table of CometAPI's error guide.
 * <table>
 * <caption>Decisions</caption>
 * <tr>
 * <th>signal</th>
 * <th>decision</th>
 * </tr>
 * <tr>
 * <td>400, 401, 413, 422</td>
 * <td>fail</td>
 * </tr>
 * <tr>
 * <td>403</td>
 * <td>fail, unless the model is not allowed for this key: next model</td>
 * </tr>
 * <tr>
 * <td>404 naming a model (of a request that names one) or {@code model_not_found}</td>
 * <td>next model</td>
 * </tr>
 * <tr>
 * <td>429 {@code insufficient_quota} or billing (by type or code, or a message that only
 * an empty balance uses)</td>
 * <td>fail</td>
 * </tr>
 * <tr>
 * <td>429 other, per-minute provider quotas included</td>
 * <td>retry</td>
 * </tr>
 * <tr>
 * <td>500 with {@code invalid_request}</td>
 * <td>fail</td>
 * </tr>
 * <tr>
 * <td>503 with {@code model_not_found} or "no available channel"</td>
 * <td>next model</td>
 * </tr>
 * <tr>
 * <td>other 5xx (524 included), timeouts, resets, unreadable 2xx bodies</td>
 * <td>retry</td>
 * </tr>
 * <tr>
 * <td>other 3xx and 4xx</td>
 * <td>fail</td>
 * </tr>
 * </table>
 * Statuses can be forced to a decision with {@link #withOverrides(Map)}, which wins over
 * the table.
 *
 * @author CometAPI team
 */
public class DefaultCometErrorClassifier implements CometErrorClassifier {

	private static final Set<Integer> FAIL_STATUSES = Set.of(400, 401, 413, 422);

	private static final List<String> BILLING_TYPES_OR_CODES = List.of("insufficient_quota", "insufficient_user_quota",
			"billing");

	private static final List<String> NO_CREDIT_PHRASES = List.of("insufficient_quota", "exceeded your current quota",
			"insufficient balance", "credit balance is too low", "user quota is not enough");

	private final Map<Integer, CometErrorDecision> overrides;

	/**
	 * Create a classifier that follows the table alone.
	 */
	public DefaultCometErrorClassifier() {
		this(Map.of());
	}

	private DefaultCometErrorClassifier(Map<Integer, CometErrorDecision> overrides) {
		this.overrides = Map.copyOf(overrides);
	}

	/**
	 * Return a classifier that decides the given statuses as mapped, and everything else
	 * by the table.
	 * @param overrides decisions by HTTP status
	 * @return a new classifier
	 */
	public DefaultCometErrorClassifier withOverrides(Map<Integer, CometErrorDecision> overrides) {
		return new DefaultCometErrorClassifier(overrides);
	}

	@Override
	public CometErrorDecision classify(CometFailureKind kind, CometError error) {
		if (kind != CometFailureKind.HTTP_STATUS) {
			return CometErrorDecision.RETRY;
		}
		CometErrorDecision override = this.overrides.get(error.status());
		return (override != null) ? override : classifyStatus(error);
	}

	private CometErrorDecision classifyStatus(CometError error) {
		int status = error.status();
		if (FAIL_STATUSES.contains(status)) {
			return CometErrorDecision.FAIL;
		}
		if (status == 403) {
			return isModelNotAllowed(error) ? CometErrorDecision.NEXT_MODEL : CometErrorDecision.FAIL;
		}
		if (status == 404) {
			return isModelNotFound(error) || (error.model() != null && error.messageContains("model"))
					? CometErrorDecision.NEXT_MODEL : CometErrorDecision.FAIL;
		}
		if (status == 429) {
			return isQuotaExhausted(error) ? CometErrorDecision.FAIL : CometErrorDecision.RETRY;
		}
		if (status == 500 && error.typeOrCodeContains("invalid_request")) {
			return CometErrorDecision.FAIL;
		}
		if (status == 503 && (isModelNotFound(error) || error.messageContains("no available channel"))) {
			return CometErrorDecision.NEXT_MODEL;
		}
		if (status >= 500) {
			return CometErrorDecision.RETRY;
		}
		return CometErrorDecision.FAIL;
	}

	static boolean isModelNotFound(CometError error) {
		return error.typeOrCodeContains("model_not_found");
	}

	static boolean isModelNotAllowed(CometError error) {
		return isModelNotFound(error) || error.typeOrCodeContains("model_not_allowed")
				|| (error.messageContains("model") && (error.messageContains("not allowed")
						|| error.messageContains("not permitted") || error.messageContains("no access")
						|| error.messageContains("does not have access")));
	}

	/**
	 * Whether a 429 means the balance is empty: a billing type or code, or a phrasing
	 * that only an empty balance uses. A provider's per-minute "quota" (Gemini's "Quota
	 * exceeded for quota metric ... per minute") is a rate limit.
	 * @param error the error
	 * @return whether no retry can help
	 */
	static boolean isQuotaExhausted(CometError error) {
		for (String marker : BILLING_TYPES_OR_CODES) {
			if (error.typeOrCodeContains(marker)) {
				return true;
			}
		}
		for (String phrase : NO_CREDIT_PHRASES) {
			if (error.messageContains(phrase)) {
				return true;
			}
		}
		return false;
	}

}
