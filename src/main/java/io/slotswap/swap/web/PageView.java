package io.slotswap.swap.web;

import java.util.List;

import org.springframework.data.domain.Page;

/** A page of results: {@code { content, page: { number, size, totalElements, totalPages } }}. */
record PageView<T>(List<T> content, PageMetadata page) {

	record PageMetadata(int number, int size, long totalElements, int totalPages) {
	}

	static <T> PageView<T> of(Page<T> page) {
		return new PageView<>(page.getContent(),
				new PageMetadata(page.getNumber(), page.getSize(), page.getTotalElements(), page.getTotalPages()));
	}
}
