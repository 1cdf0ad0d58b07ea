package io.slotswap.security;

import java.util.Locale;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * What a caller may do. Not a ladder: an approver decides on swaps others requested, an operator
 * requests, cancels and rolls back; an admin does everything, {@code reconcile} included.
 * <ul>
 * <li>{@link #VIEWER}: read operations, sites, history, {@code /actuator/swaps} and metrics;</li>
 * <li>{@link #OPERATOR}: read, request, cancel, roll back;</li>
 * <li>{@link #APPROVER}: read, approve, reject (cancel an operation that awaits approval);</li>
 * <li>{@link #ADMIN}: everything.</li>
 * </ul>
 */
public enum Role {

	VIEWER, OPERATOR, APPROVER, ADMIN;

	/** The Spring Security authority, {@code ROLE_OPERATOR} for example. */
	public GrantedAuthority authority() {
		return new SimpleGrantedAuthority("ROLE_" + name());
	}

	/** The role named {@code value} (any case), or null when it names none. */
	static Role named(String value) {
		if (value == null) {
			return null;
		}
		try {
			return valueOf(value.trim().toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException unknown) {
			return null;
		}
	}
}
