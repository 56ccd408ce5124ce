package com.cometapi.client.catalog;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import com.cometapi.client.error.LogSafe;

/**
 * A cached copy of CometAPI's model catalog ({@code GET /api/models}): which models
 * exist, their type and their prices. {@link #refresh()} reads it again; {@link #start()}
 * refreshes it on a schedule until {@link #stop()}. A failed refresh keeps the last good
 * copy. A model whose prices lie outside 0 to 1,000,000 USD, or have more than 12
 * decimals, keeps no prices: its cost counts as unknown. Reads never touch the network
 * and never block. Thread-safe.
 *
 * @author CometAPI team
 */
public final class ModelCatalog implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(ModelCatalog.class);

	private final Supplier<Mono<CatalogResponse>> source;

	private final Duration refreshInterval;

	private final Scheduler scheduler;

	private final AtomicReference<Snapshot> current = new AtomicReference<>();

	private final AtomicBoolean loading = new AtomicBoolean();

	private final AtomicBoolean warnedAboutPrices = new AtomicBoolean();

	private Disposable schedule;

	/**
	 * Create a catalog that reads from the given source.
	 * @param source reads the catalog once per subscription
	 * @param refreshInterval how often {@link #start()} refreshes it
	 * @param scheduler the scheduler of the refreshes
	 */
	public ModelCatalog(Supplier<Mono<CatalogResponse>> source, Duration refreshInterval, Scheduler scheduler) {
		if (refreshInterval == null || refreshInterval.isNegative() || refreshInterval.isZero()) {
			throw new IllegalArgumentException("refreshInterval must be positive, was " + refreshInterval);
		}
		this.source = source;
		this.refreshInterval = refreshInterval;
		this.scheduler = scheduler;
	}

	/**
	 * Create a catalog read from a source, such as {@code CometOperations::catalog},
	 * refreshed on {@link Schedulers#parallel()}.
	 * @param source reads the catalog once for each subscription
	 * @param refreshInterval how often {@link #start()} refreshes it
	 * @return the catalog, empty until the first refresh
	 */
	public static ModelCatalog of(Supplier<Mono<CatalogResponse>> source, Duration refreshInterval) {
		return new ModelCatalog(source, refreshInterval, Schedulers.parallel());
	}

	/**
	 * Read the catalog again and keep it when it is good (it answered {@code success} and
	 * lists models). On failure the last good copy stays.
	 * @return the new catalog, or the failure
	 */
	public Mono<CatalogResponse> refresh() {
		return Mono.defer(this.source).flatMap((response) -> {
			if (Boolean.FALSE.equals(response.success()) || response.data() == null) {
				return Mono.error(new IllegalStateException(
						"CometAPI catalog answered without models (success=" + response.success() + ")"));
			}
			CatalogResponse checked = withPricesInRange(response);
			this.current.set(new Snapshot(checked, Instant.now()));
			return Mono.just(checked);
		}).doOnError((ex) -> {
			Snapshot kept = this.current.get();
			logger.warn("CometAPI catalog refresh failed, {}: {}",
					(kept != null) ? "keeping the copy read at " + kept.readAt() : "no copy yet",
					LogSafe.escape(ex.toString()));
		});
	}

	private CatalogResponse withPricesInRange(CatalogResponse response) {
		List<String> rejected = new ArrayList<>();
		CatalogResponse checked = CatalogPrices.withPricesInRange(response, rejected);
		if (rejected.isEmpty()) {
			return checked;
		}
		boolean first = this.warnedAboutPrices.compareAndSet(false, true);
		if (first || logger.isDebugEnabled()) {
			String message = "CometAPI catalog lists prices below 0, above " + CatalogPrices.MAX_PRICE_TEXT
					+ " USD or with more than " + CatalogPrices.MAX_DECIMALS + " decimals for " + rejected.size()
					+ " model(s), such as " + rejected.stream().limit(5).map((id) -> LogSafe.escape(id, 100)).toList()
					+ "; their prices count as unknown";
			if (first) {
				logger.warn(message);
			}
			else {
				logger.debug(message);
			}
		}
		return checked;
	}

	/**
	 * Start reading the catalog in the background when none has been read yet; return at
	 * once. Calls while a read is running do nothing.
	 */
	public void loadIfEmpty() {
		if (this.current.get() == null && this.loading.compareAndSet(false, true)) {
			refresh().doFinally((signal) -> this.loading.set(false)).subscribe((response) -> {
			}, (ex) -> {
			});
		}
	}

	/**
	 * Refresh the catalog every refresh interval, the first time one interval from now,
	 * until {@link #stop()}. Calling it again while running does nothing.
	 */
	public synchronized void start() {
		if (this.schedule != null && !this.schedule.isDisposed()) {
			return;
		}
		this.schedule = Flux.interval(this.refreshInterval, this.refreshInterval, this.scheduler)
			.onBackpressureDrop()
			.concatMap((tick) -> refresh().onErrorResume((ex) -> Mono.empty()), 1)
			.subscribe();
	}

	/**
	 * Stop the scheduled refreshes.
	 */
	public synchronized void stop() {
		if (this.schedule != null) {
			this.schedule.dispose();
			this.schedule = null;
		}
	}

	/**
	 * Whether scheduled refreshes run.
	 * @return {@code true} between {@link #start()} and {@link #stop()}
	 */
	public synchronized boolean isRunning() {
		return this.schedule != null && !this.schedule.isDisposed();
	}

	@Override
	public void close() {
		stop();
	}

	/**
	 * Return the last good catalog.
	 * @return the catalog, or empty when none has been read
	 */
	public Optional<CatalogResponse> current() {
		Snapshot snapshot = this.current.get();
		return (snapshot != null) ? Optional.of(snapshot.response()) : Optional.empty();
	}

	/**
	 * Return when the last good catalog was read.
	 * @return the time, or empty when none has been read
	 */
	public Optional<Instant> readAt() {
		Snapshot snapshot = this.current.get();
		return (snapshot != null) ? Optional.of(snapshot.readAt()) : Optional.empty();
	}

	/**
	 * Return a model of the catalog.
	 * @param id the model id
	 * @return the model, or empty when the catalog does not list it or has not been read
	 */
	public Optional<CatalogModel> find(String id) {
		Snapshot snapshot = this.current.get();
		return (snapshot != null && id != null) ? Optional.ofNullable(snapshot.byId().get(id)) : Optional.empty();
	}

	/**
	 * Return the prices of a model.
	 * @param id the model id
	 * @return the prices, or empty when unknown
	 */
	public Optional<ModelPricing> pricing(String id) {
		return find(id).map(CatalogModel::pricing);
	}

	/**
	 * Return the ids of the catalog closest to the given one (by edit distance, ignoring
	 * case), for a "did you mean" message. Ids too far away to be a typo are left out.
	 * @param id the id to match
	 * @param max the most ids to return
	 * @return the closest ids, closest first; empty when none is close or no catalog has
	 * been read
	 */
	public List<String> closestIds(String id, int max) {
		Snapshot snapshot = this.current.get();
		if (snapshot == null || id == null || max <= 0) {
			return List.of();
		}
		String wanted = id.toLowerCase(Locale.ROOT);
		int limit = Math.max(2, wanted.length() / 2);
		List<Map.Entry<String, Integer>> scored = new ArrayList<>();
		for (String candidate : snapshot.byId().keySet()) {
			if (Math.abs(candidate.length() - wanted.length()) > limit) {
				continue;
			}
			int distance = distance(wanted, candidate.toLowerCase(Locale.ROOT));
			if (distance <= limit) {
				scored.add(Map.entry(candidate, distance));
			}
		}
		scored.sort(Comparator.<Map.Entry<String, Integer>>comparingInt(Map.Entry::getValue)
			.thenComparing(Map.Entry::getKey));
		return scored.stream().limit(max).map(Map.Entry::getKey).toList();
	}

	static int distance(String a, String b) {
		int[] previous = new int[b.length() + 1];
		int[] row = new int[b.length() + 1];
		for (int j = 0; j <= b.length(); j++) {
			previous[j] = j;
		}
		for (int i = 1; i <= a.length(); i++) {
			row[0] = i;
			for (int j = 1; j <= b.length(); j++) {
				int substitution = previous[j - 1] + ((a.charAt(i - 1) == b.charAt(j - 1)) ? 0 : 1);
				row[j] = Math.min(substitution, Math.min(previous[j] + 1, row[j - 1] + 1));
			}
			int[] swap = previous;
			previous = row;
			row = swap;
		}
		return previous[b.length()];
	}

	/**
	 * Whether the catalog read last lists a model, without allocating.
	 * @param id the model id
	 * @return {@code true} when the current copy lists it; {@code false} before the first
	 * read
	 */
	public boolean contains(String id) {
		Snapshot snapshot = this.current.get();
		return snapshot != null && id != null && snapshot.byId().containsKey(id);
	}

	private record Snapshot(CatalogResponse response, Instant readAt, Map<String, CatalogModel> byId) {

		Snapshot(CatalogResponse response, Instant readAt) {
			this(response, readAt, index(response));
		}

		private static Map<String, CatalogModel> index(CatalogResponse response) {
			Map<String, CatalogModel> byId = new LinkedHashMap<>();
			for (CatalogModel model : response.data()) {
				if (model != null && model.id() != null) {
					byId.putIfAbsent(model.id(), model);
				}
			}
			return byId;
		}

	}

}
