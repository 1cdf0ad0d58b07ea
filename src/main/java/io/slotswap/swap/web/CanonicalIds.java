package io.slotswap.swap.web;

import java.beans.PropertyEditorSupport;
import java.util.UUID;
import java.util.regex.Pattern;

import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.InitBinder;

/**
 * An id in a path or a query is a UUID only in its canonical form (8-4-4-4-12 ASCII hexadecimal
 * digits): {@link UUID#fromString} also reads {@code 1-1-1-1-1} and fullwidth digits, which would
 * name an operation nobody was given. A binder's own editor comes before any conversion service.
 */
@ControllerAdvice
class CanonicalIds {

	static final Pattern CANONICAL = Pattern
		.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

	@InitBinder
	void canonicalUuids(WebDataBinder binder) {
		binder.registerCustomEditor(UUID.class, new PropertyEditorSupport() {

			@Override
			public void setAsText(String text) {
				setValue(parse(text));
			}
		});
	}

	static UUID parse(String id) {
		if (id == null || !CANONICAL.matcher(id).matches()) {
			throw new IllegalArgumentException("not a canonical UUID");
		}
		return UUID.fromString(id);
	}
}
