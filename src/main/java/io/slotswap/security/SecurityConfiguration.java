package io.slotswap.security;

import java.util.ArrayList;
import java.util.List;

import jakarta.servlet.DispatcherType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationProvider;
import org.springframework.security.config.annotation.web.configuration.WebSecurityCustomizer;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.firewall.StrictHttpFirewall;
import org.springframework.security.web.access.intercept.AuthorizationFilter;

import tools.jackson.databind.json.JsonMapper;

/**
 * Who may call what. Bearer tokens only, no sessions, no cookies (so no CSRF to defend against):
 * API tokens and demo tokens ({@link ApiTokens}), then JWTs when an issuer is configured
 * ({@code spring.security.oauth2.resourceserver.jwt.issuer-uri}, roles by {@link JwtRoles}).
 * <p>
 * Open: the emulator, the health probes, Swagger UI and the OpenAPI document, and the Slack
 * endpoints (they verify Slack's signature themselves). Everything else needs a role: reading needs
 * any of them, acting the one {@link Role} names, {@code reconcile} an admin. Per-site rules and
 * four-eyes are the service's and the aggregate's.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

	private static final Logger log = LoggerFactory.getLogger(SecurityConfiguration.class);

	static final String[] ANY_ROLE = { "VIEWER", "OPERATOR", "APPROVER", "ADMIN" };

	@Bean
	@Profile("!emulator")
	SecurityFilterChain api(HttpSecurity http, SecurityProperties properties, ObjectProvider<JwtDecoder> jwtDecoder,
			Environment environment, JsonMapper json) {
		boolean local = environment.acceptsProfiles(Profiles.of("local"));
		boolean demo = properties.demoTokens() && LocalMachine.only(environment);
		if (properties.demoTokens() && !demo) {
			log.warn("Demo tokens are off: they are for the local profile listening on a loopback address only");
		}
		ApiTokens tokens = new ApiTokens(properties.tokens(), demo);
		JwtDecoder decoder = jwtDecoder.getIfAvailable();
		if (!local && decoder == null && properties.tokens().isEmpty()) {
			throw new MissingCredentialsException();
		}
		if (decoder != null && environment.getProperty("spring.security.oauth2.resourceserver.jwt.audiences[0]",
				environment.getProperty("spring.security.oauth2.resourceserver.jwt.audiences", "")).isBlank()) {
			// without it, any app of the same tenant whose roles share a name would be a caller
			throw new IllegalStateException("A JWT issuer is configured without an audience: set "
					+ "spring.security.oauth2.resourceserver.jwt.audiences to slotswap's own (e.g. api://slotswap)");
		}
		List<AuthenticationProvider> providers = new ArrayList<>();
		providers.add(tokens);
		if (decoder != null) {
			JwtAuthenticationProvider jwts = new JwtAuthenticationProvider(decoder);
			jwts.setJwtAuthenticationConverter(new JwtRoles(properties.jwt()));
			providers.add(jwts);
		}
		AuthenticationManager manager = new ProviderManager(providers);
		SecurityProblems problems = new SecurityProblems(json);
		http.csrf(csrf -> csrf.disable())
			.sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.requestCache(cache -> cache.disable())
			.formLogin(form -> form.disable())
			.httpBasic(basic -> basic.disable())
			.logout(logout -> logout.disable())
			.exceptionHandling(errors -> errors.authenticationEntryPoint(problems).accessDeniedHandler(problems))
			.oauth2ResourceServer(bearer -> bearer.authenticationManagerResolver(request -> manager)
				.authenticationEntryPoint(problems)
				.accessDeniedHandler(problems))
			.authorizeHttpRequests(requests -> requests
				.dispatcherTypeMatchers(DispatcherType.ASYNC, DispatcherType.ERROR).permitAll()
				.requestMatchers("/emulator/**", "/actuator/health", "/actuator/health/**", "/swagger-ui.html",
						"/swagger-ui/**", "/v3/api-docs", "/v3/api-docs/**", "/api/v1/chatops/slack/**", "/error")
				.permitAll()
				.requestMatchers(HttpMethod.POST, "/api/v1/swaps").hasAnyRole("OPERATOR", "ADMIN")
				.requestMatchers(HttpMethod.POST, "/api/v1/swaps/*/rollback").hasAnyRole("OPERATOR", "ADMIN")
				.requestMatchers(HttpMethod.POST, "/api/v1/swaps/*/approve").hasAnyRole("APPROVER", "ADMIN")
				.requestMatchers(HttpMethod.POST, "/api/v1/swaps/*/cancel").hasAnyRole("OPERATOR", "APPROVER", "ADMIN")
				.requestMatchers(HttpMethod.POST, "/api/v1/swaps/*/reconcile").hasRole("ADMIN")
				.requestMatchers(HttpMethod.GET, "/api/v1/**", "/actuator/**").hasAnyRole(ANY_ROLE)
				.anyRequest().hasAnyRole(ANY_ROLE))
			.addFilterAfter(new RateLimits(properties.rateLimit(), problems), AuthorizationFilter.class);
		return http.build();
	}

	/**
	 * Spring Security's firewall, letting TRACE through to Spring MVC, which answers it 405 with the
	 * methods the path really has (the firewall's own answer would be a bare 400).
	 */
	@Bean
	WebSecurityCustomizer traceReachesSpringMvc() {
		StrictHttpFirewall firewall = new StrictHttpFirewall();
		firewall.setAllowedHttpMethods(List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE"));
		return web -> web.httpFirewall(firewall);
	}

	/** The emulator alone: Azure's side, open as the emulator's own API is. */
	@Bean
	@Profile("emulator")
	SecurityFilterChain emulatorOnly(HttpSecurity http) {
		return http.csrf(csrf -> csrf.disable())
			.sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
			.build();
	}
}
