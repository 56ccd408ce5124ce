package com.cometapi.client.catalog;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Null-tolerant immutable copies for the catalog records.
 *
 * @author CometAPI team
 */
final class CatalogCopies {

	private CatalogCopies() {
	}

	static Map<String, Object> extras(Map<String, Object> extras) {
		return (extras == null || extras.isEmpty()) ? Map.of()
				: Collections.unmodifiableMap(new LinkedHashMap<>(extras));
	}

	static <T> List<T> list(List<T> list) {
		return (list != null) ? Collections.unmodifiableList(new ArrayList<>(list)) : null;
	}

}
