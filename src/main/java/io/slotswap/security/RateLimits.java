package io.slotswap.security;

import java.io.IOException;
import java.security.Principal;
import java.time.Duration;

import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.UrlPathHelper;

/**
 * A rate limit per principal on the API's {@code POST}s (requests and decisions), with Resilience4j:
 * past {@code requests} per {@code period} a caller gets 429 with {@code Retry-After}, and nothing is
 * done. Reads are not limited. Runs after authentication, so the principal is known; per replica.
 */
final class RateLimits extends OncePerRequestFilter {

	private static final UrlPathHelper PATHS = new UrlPathHelper();

	private final RateLimiterRegistry limiters;

	private final Duration period;

	private final SecurityProblems problems;

	RateLimits(SecurityProperties.RateLimit limit, SecurityProblems problems) {
		this.period = limit.period();
		this.problems = problems;
		this.limiters = RateLimiterRegistry.of(RateLimiterConfig.custom()
			.limitForPeriod(limit.requests())
			.limitRefreshPeriod(limit.period())
			.timeoutDuration(Duration.ZERO)
			.build());
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		String path = PATHS.getPathWithinApplication(request); // decoded: /%61pi/… is /api/… too
		return !"POST".equals(request.getMethod()) || !path.startsWith("/api/v1/") || path.startsWith("/api/v1/chatops/");
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Principal caller = request.getUserPrincipal();
		if (caller != null) {
			RateLimiter limiter = limiters.rateLimiter(caller.getName());
			if (!limiter.acquirePermission()) {
				response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, period.toSeconds())));
				problems.write(request, response, 429, "rate-limited", "Too Many Requests",
						"Too many requests from " + caller.getName() + "; try again after Retry-After seconds.");
				return;
			}
		}
		chain.doFilter(request, response);
	}
}
