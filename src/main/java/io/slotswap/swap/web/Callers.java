package io.slotswap.swap.web;

import java.security.Principal;

import io.slotswap.swap.Actor;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Who is calling. The authenticated principal when security is on; {@code anonymous} until then
 * (the {@code local} profile's open mode).
 */
final class Callers {

	static final String ANONYMOUS = io.slotswap.swap.SwapService.ANONYMOUS;

	private Callers() {
	}

	static Actor of(HttpServletRequest request) {
		Principal principal = request.getUserPrincipal();
		return Actor.api(principal == null || principal.getName() == null ? ANONYMOUS : principal.getName());
	}
}
