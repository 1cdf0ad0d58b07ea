package io.slotswap.swap.web;

import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.security.SecurityScheme;
import org.springframework.context.annotation.Configuration;

/**
 * How the OpenAPI document describes the API's security: one bearer scheme (Swagger UI's
 * <em>Authorize</em> takes a demo token, an API token or a JWT), and on each operation the roles that
 * may call it (OpenAPI 3.1 lets a security requirement list role names). The rules themselves are
 * enforced by {@code io.slotswap.security}; {@code AuthorizationMatrixIT} checks both agree.
 */
@Configuration(proxyBeanMethods = false)
@SecurityScheme(name = ApiSecurity.BEARER, type = SecuritySchemeType.HTTP, scheme = "bearer",
		description = "A bearer token. Locally: dev-viewer, dev-operator, dev-approver or dev-admin.")
class ApiSecurity {

	static final String BEARER = "bearer";

	static final String VIEWER = "viewer";

	static final String OPERATOR = "operator";

	static final String APPROVER = "approver";

	static final String ADMIN = "admin";
}
