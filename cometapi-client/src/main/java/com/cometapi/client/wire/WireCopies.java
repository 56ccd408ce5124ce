package com.cometapi.client.wire;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Null-tolerant immutable copies for the wire records.
 *
 * @author CometAPI team
 */
final class WireCopies {

	private WireCopies() {
	}

	/**
	 * Copy the extras of a record: never {@code null}, order and {@code null} values
	 * kept.
	 * @param extras the extras, or {@code null}
	 * @return an unmodifiable copy
	 */
	static Map<String, Object> extras(Map<String, Object> extras) {
		return (extras == null || extras.isEmpty()) ? Map.of() : map(extras);
	}

	/**
	 * Copy a map, keeping order and {@code null} values.
	 * @param <K> the key type
	 * @param <V> the value type
	 * @param map the map, or {@code null}
	 * @return an unmodifiable copy, or {@code null}
	 */
	static <K, V> Map<K, V> map(Map<K, V> map) {
		return (map != null) ? Collections.unmodifiableMap(new LinkedHashMap<>(map)) : null;
	}

	/**
	 * Copy a list, keeping {@code null} elements.
	 * @param <T> the element type
	 * @param list the list, or {@code null}
	 * @return an unmodifiable copy, or {@code null}
	 */
	static <T> List<T> list(List<T> list) {
		return (list != null) ? Collections.unmodifiableList(new ArrayList<>(list)) : null;
	}

}
