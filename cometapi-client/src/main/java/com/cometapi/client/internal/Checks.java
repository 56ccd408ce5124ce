package com.cometapi.client.internal;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;

/**
 * The checks of a base URL and of durations, written once for the template's builder and
 * for the {@code cometapi.*} properties: each answers with the problem, and the caller
 * words the exception (a builder method or a property name). Internal: no compatibility
 * promise.
 *
 * @author CometAPI team
 */
public final class Checks {

	/**
	 * Longest duration a timeout may hold: the longest time the HTTP client and the
	 * timers can count.
	 */
	public static final Duration MAX_DURATION = Duration.ofDays(24);

	private static final String VERSION_SUFFIX = "/v1";

	private Checks() {
	}

	/**
	 * Return what is wrong with a duration that must be positive and at most
	 * {@link #MAX_DURATION}.
	 * @param value the duration, or {@code null}
	 * @return the problem, such as {@code "must be positive"}, or {@code null} if none
	 */
	public static String positiveProblem(Duration value) {
		if (value == null || value.isZero() || value.isNegative()) {
			return "must be positive";
		}
		return tooLongProblem(value);
	}

	/**
	 * Return what is wrong with a duration that may be zero and is at most
	 * {@link #MAX_DURATION}.
	 * @param value the duration, or {@code null}
	 * @return the problem, or {@code null} if none
	 */
	public static String notNegativeProblem(Duration value) {
		if (value == null || value.isNegative()) {
			return "must not be negative";
		}
		return tooLongProblem(value);
	}

	private static String tooLongProblem(Duration value) {
		return (value.compareTo(MAX_DURATION) > 0)
				? "must be at most 24d, the longest time the HTTP client and the timers can count" : null;
	}

	/**
	 * Return what is wrong with a base URL.
	 * @param baseUrl the URL, or {@code null}
	 * @return the problem, or {@code null} if none
	 */
	public static BaseUrlProblem baseUrlProblem(String baseUrl) {
		URI uri;
		try {
			uri = URI.create(baseUrl);
		}
		catch (IllegalArgumentException | NullPointerException ex) {
			return BaseUrlProblem.NOT_HTTP_URL;
		}
		if (uri.getHost() == null || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
			return BaseUrlProblem.NOT_HTTP_URL;
		}
		return (uri.getRawUserInfo() != null) ? BaseUrlProblem.USER_INFO : null;
	}

	/**
	 * Return a base URL without its trailing {@code /} and without any trailing
	 * {@code /v1} (the client adds it to every path itself).
	 * @param baseUrl a base URL without {@linkplain #baseUrlProblem problem}
	 * @return the URL to use
	 */
	public static String withoutVersion(String baseUrl) {
		String url = withoutTrailingSlash(baseUrl);
		while (endsWithVersion(url)) {
			url = withoutTrailingSlash(url.substring(0, url.length() - VERSION_SUFFIX.length()));
		}
		return url;
	}

	/**
	 * Return whether {@link #withoutVersion} drops a {@code /v1} from the URL, which
	 * deserves a warning.
	 * @param baseUrl a base URL without {@linkplain #baseUrlProblem problem}
	 * @return whether the URL ends with {@code /v1}
	 */
	public static boolean endsWithVersion(String baseUrl) {
		String url = withoutTrailingSlash(baseUrl);
		int path = url.indexOf('/', url.indexOf("://") + 3);
		return path >= 0 && path <= url.length() - VERSION_SUFFIX.length()
				&& url.toLowerCase(Locale.ROOT).endsWith(VERSION_SUFFIX);
	}

	/**
	 * Return a URL with its user information, if any, replaced by a mask, for messages.
	 * @param url the URL, or {@code null}
	 * @param mask what stands in for the user information
	 * @return the URL without its user information
	 */
	public static String withoutUserInfo(String url, String mask) {
		if (url == null) {
			return null;
		}
		int authority = url.indexOf("://");
		int at = url.lastIndexOf('@');
		return (authority >= 0 && at > authority) ? url.substring(0, authority + 3) + mask + url.substring(at) : url;
	}

	private static String withoutTrailingSlash(String url) {
		return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
	}

	/**
	 * What can be wrong with a base URL.
	 */
	public enum BaseUrlProblem {

		/**
		 * Not an absolute {@code http} or {@code https} URL with a host.
		 */
		NOT_HTTP_URL,

		/**
		 * A {@code user:password@} in the URL: never sent, and it would leak into logs.
		 */
		USER_INFO

	}

}
