package com.cometapi.client.resilience;

import java.util.Collection;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * Maps a model name, which the caller of a request may choose freely, to the key its
 * state and metrics are kept under: a known name (configured, or in the catalog) keeps
 * its own key; up to {@code maxAdmitted} further distinct names, first come first served,
 * keep theirs too, unless longer than {@value #MAX_NAME_LENGTH} characters or holding a
 * control character; any other name shares the key {@value #OTHER}. Limiters, cooldowns,
 * health windows, meters and Redis keys are therefore bounded however many names requests
 * carry, and a new name cannot get a fresh limiter of its own. The wire request still
 * carries the caller's name. A name keeps the key it was first given. Thread-safe; a lock
 * is taken only while names are still being admitted.
 *
 * @author CometAPI team
 */
public final class ModelKeys {

	/**
	 * Key shared by every name that is neither known nor admitted.
	 */
	public static final String OTHER = "other";

	/**
	 * Distinct unknown names admitted by {@link #of(Collection)} when no name is known.
	 */
	public static final int DEFAULT_MAX_ADMITTED = 64;

	/**
	 * Distinct names each per-model map of a component keeps before it folds the rest
	 * into {@value #OTHER}.
	 */
	public static final int MAX_MODELS = 10_000;

	/**
	 * Longest name admitted with a key of its own; longer names, and names with control
	 * characters, are never admitted (they may still be known).
	 */
	public static final int MAX_NAME_LENGTH = 256;

	private final Set<String> known;

	private final Predicate<String> alsoKnown;

	private final int maxAdmitted;

	private final Set<String> admitted = ConcurrentHashMap.newKeySet();

	private volatile boolean full;

	private ModelKeys(Collection<String> known, Predicate<String> alsoKnown, int maxAdmitted) {
		if (maxAdmitted < 0) {
			throw new IllegalArgumentException("maxAdmitted must not be negative, was " + maxAdmitted);
		}
		this.known = Set.copyOf(known);
		this.alsoKnown = alsoKnown;
		this.maxAdmitted = maxAdmitted;
	}

	/**
	 * Return the keys of the given known names: any other name maps to {@value #OTHER}.
	 * When no name is known, the first {@value #DEFAULT_MAX_ADMITTED} distinct names seen
	 * keep their own key instead.
	 * @param known the known names, such as the configured models
	 * @return the keys
	 */
	public static ModelKeys of(Collection<String> known) {
		return new ModelKeys(known, null, known.isEmpty() ? DEFAULT_MAX_ADMITTED : 0);
	}

	/**
	 * Return keys that know the given names and admit up to {@code maxAdmitted} other
	 * distinct names, first come first served, before folding the rest into
	 * {@value #OTHER}.
	 * @param known the known names
	 * @param maxAdmitted how many other distinct names keep their own key
	 * @return the keys
	 */
	public static ModelKeys bounded(Collection<String> known, int maxAdmitted) {
		return new ModelKeys(known, null, maxAdmitted);
	}

	/**
	 * Return keys that also know the names the given test accepts, such as the ids of a
	 * catalog that refreshes; the test runs on every unknown name, so it must be fast and
	 * must not block.
	 * @param alsoKnown accepts further known names
	 * @return new keys with the same known names and admissions bound
	 */
	public ModelKeys alsoKnowing(Predicate<String> alsoKnown) {
		Predicate<String> combined = (this.alsoKnown != null) ? this.alsoKnown.or(alsoKnown) : alsoKnown;
		return new ModelKeys(this.known, combined, this.maxAdmitted);
	}

	/**
	 * Return the key of a model.
	 * @param model the model name, as a request carries it
	 * @return the name itself when it is known or admitted, else {@value #OTHER}
	 */
	public String keyOf(String model) {
		if (model == null) {
			return OTHER;
		}
		if (this.known.contains(model) || this.admitted.contains(model)) {
			return model;
		}
		if (this.alsoKnown != null && this.alsoKnown.test(model)) {
			return model;
		}
		return (!OTHER.equals(model) && isAdmissible(model) && admit(model)) ? model : OTHER;
	}

	/**
	 * Whether a model is one of the known names (not merely admitted).
	 * @param model the model name
	 * @return {@code true} when the model is configured or otherwise known
	 */
	public boolean isKnown(String model) {
		return model != null && (this.known.contains(model) || (this.alsoKnown != null && this.alsoKnown.test(model)));
	}

	/**
	 * Return the names given as known.
	 * @return the known names
	 */
	public Set<String> known() {
		return this.known;
	}

	/**
	 * Return how many distinct unknown names were admitted so far.
	 * @return at most the admissions bound
	 */
	public int admittedCount() {
		return this.admitted.size();
	}

	private static boolean isAdmissible(String model) {
		if (model.length() > MAX_NAME_LENGTH) {
			return false;
		}
		for (int i = 0; i < model.length(); i++) {
			if (Character.isISOControl(model.charAt(i))) {
				return false;
			}
		}
		return true;
	}

	private boolean admit(String model) {
		if (this.full) {
			return false;
		}
		synchronized (this.admitted) {
			if (this.admitted.contains(model)) {
				return true;
			}
			if (this.admitted.size() >= this.maxAdmitted) {
				this.full = true;
				return false;
			}
			this.admitted.add(model);
			return true;
		}
	}

	@Override
	public String toString() {
		return "ModelKeys[known=" + this.known.size() + ", admitted=" + this.admitted.size() + "/" + this.maxAdmitted
				+ "]";
	}

}
