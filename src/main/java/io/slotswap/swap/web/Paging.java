package io.slotswap.swap.web;

import io.slotswap.swap.SwapExceptions;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;

/** The {@code page} and {@code size} of a list, checked: a bad one is a 400, never an overflow. */
final class Paging {

	/** How deep a list may be paged (page × size): past it, filter instead. */
	static final long MAX_OFFSET = 10_000_000;

	private Paging() {
	}

	static PageRequest of(int page, int size, Sort sort) {
		if (page < 0) {
			throw new SwapExceptions.InvalidRequest("page", "must be 0 or more");
		}
		if (size < 1 || size > 100) {
			throw new SwapExceptions.InvalidRequest("size", "must be 1-100");
		}
		if ((long) page * size > MAX_OFFSET) {
			throw new SwapExceptions.InvalidRequest("page", "page × size must be at most " + MAX_OFFSET
					+ "; narrow the filter instead");
		}
		return PageRequest.of(page, size, sort);
	}
}
