package io.slotswap.swap.web;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.slotswap.swap.EventType;
import io.slotswap.swap.SwapEvent;
import io.slotswap.swap.SwapEventRepository;
import io.slotswap.swap.SwapService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Live history over Server-Sent Events: the history so far, then each new event as it is
 * committed, closing after the terminal transition. Events are read from the database, so a
 * client sees the steps of every replica, not just this one. One ticker thread serves every
 * stream; a stream costs no thread while it waits.
 */
@Component
class EventStreams implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(EventStreams.class);

	static final Duration TICK = Duration.ofMillis(500);

	static final Duration MAX_STREAM = Duration.ofMinutes(30);

	/** Live streams one principal may hold open at a time (per replica). */
	static final int MAX_PER_PRINCIPAL = 10;

	/** A principal already holds {@link #MAX_PER_PRINCIPAL} live streams (429). */
	static final class TooManyStreams extends RuntimeException {

		TooManyStreams(String principal) {
			super(principal + " already has " + MAX_PER_PRINCIPAL + " live event streams open; close one, or read "
					+ "the history without Accept: text/event-stream");
		}
	}

	private final SwapService swaps;

	private final SwapEventRepository events;

	private final Set<Stream> streams = ConcurrentHashMap.newKeySet();

	private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(task -> {
		Thread thread = new Thread(task, "swap-event-streams");
		thread.setDaemon(true);
		return thread;
	});

	EventStreams(SwapService swaps, SwapEventRepository events) {
		this.swaps = swaps;
		this.events = events;
		ticker.scheduleWithFixedDelay(this::tick, TICK.toMillis(), TICK.toMillis(), TimeUnit.MILLISECONDS);
	}

	/**
	 * Opens a stream of operation {@code id}'s history after event {@code afterEventId} (0 = all) for
	 * {@code principal}, who may hold {@link #MAX_PER_PRINCIPAL} at a time.
	 */
	SseEmitter open(UUID id, long afterEventId, String principal) {
		boolean finished = swaps.get(id).getState().isTerminal();
		SseEmitter emitter = new SseEmitter(MAX_STREAM.toMillis());
		Stream stream = new Stream(id, emitter, afterEventId, finished, principal);
		emitter.onCompletion(() -> streams.remove(stream));
		emitter.onTimeout(() -> {
			streams.remove(stream);
			emitter.complete();
		});
		emitter.onError(error -> streams.remove(stream));
		synchronized (streams) {
			if (streams.stream().filter(s -> s.principal.equals(principal)).count() >= MAX_PER_PRINCIPAL) {
				throw new TooManyStreams(principal);
			}
			streams.add(stream);
		}
		ticker.execute(() -> push(stream));
		return emitter;
	}

	private void tick() {
		for (Stream stream : streams) {
			push(stream);
		}
	}

	private void push(Stream stream) {
		if (stream.closed) {
			return;
		}
		try {
			List<SwapEvent> fresh = events.findByOperationIdAndIdGreaterThanOrderByIdAsc(stream.operationId,
					stream.lastEventId);
			for (SwapEvent event : fresh) {
				stream.emitter.send(SseEmitter.event()
					.id(String.valueOf(event.getId()))
					.name(event.getType().name().toLowerCase())
					.data(SwapEventView.of(event), MediaType.APPLICATION_JSON));
				stream.lastEventId = event.getId();
				if (event.getType() == EventType.TRANSITION && event.getToState().isTerminal()) {
					close(stream);
					return;
				}
			}
			if (stream.finishedAtOpen) {
				close(stream);
			}
		}
		catch (IOException | IllegalStateException clientGone) {
			streams.remove(stream);
			stream.closed = true;
		}
		catch (RuntimeException e) {
			log.warn("Could not read the history of {} for a live stream ({}); trying again", stream.operationId,
					e.getClass().getSimpleName());
		}
	}

	private void close(Stream stream) {
		stream.closed = true;
		streams.remove(stream);
		stream.emitter.complete();
	}

	@Override
	public void destroy() {
		ticker.shutdownNow();
		streams.forEach(stream -> stream.emitter.complete());
	}

	private static final class Stream {

		final UUID operationId;

		final SseEmitter emitter;

		volatile long lastEventId;

		volatile boolean closed;

		final boolean finishedAtOpen;

		final String principal;

		Stream(UUID operationId, SseEmitter emitter, long lastEventId, boolean finishedAtOpen, String principal) {
			this.principal = principal;
			this.operationId = operationId;
			this.emitter = emitter;
			this.lastEventId = lastEventId;
			this.finishedAtOpen = finishedAtOpen;
		}
	}
}
