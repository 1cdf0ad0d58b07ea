package io.slotswap.swap.web;

import java.security.Principal;

import io.slotswap.swap.Actor;
import jakarta.servlet.http.HttpServletRequest;

/** Who is calling: the authenticated principal (Spring Security puts it on the request). */
final class Callers {

	private Callers() {
	}

	static Actor of(HttpServletRequest request) {
		Principal principal = request.getUserPrincipal();
		if (principal == null || principal.getName() == null) {
			// the security rules let no unauthenticated caller reach an action
			throw new IllegalStateException("no authenticated caller");
		}
		return Actor.api(principal.getName());
	}

	/** An approver who is neither operator nor admin: a cancel from them can only be a rejection. */
	static boolean mayOnlyReject(HttpServletRequest request) {
		return request.isUserInRole("APPROVER") && !request.isUserInRole("OPERATOR")
				&& !request.isUserInRole("ADMIN");
	}
}
