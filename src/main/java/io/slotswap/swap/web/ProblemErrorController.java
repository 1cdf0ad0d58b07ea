package io.slotswap.swap.web;

import java.net.URI;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Hidden;

/**
 * {@code /error}, where the servlet container forwards what failed outside Spring MVC: a problem like
 * every other error, with the status the container chose (404 when {@code /error} is asked for
 * directly), never Spring Boot's default body or its status 999.
 */
@Hidden
@RestController
class ProblemErrorController implements ErrorController {

	@RequestMapping(path = "/error", produces = { MediaType.APPLICATION_PROBLEM_JSON_VALUE, MediaType.ALL_VALUE })
	ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
		Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
		HttpStatus status = code instanceof Integer value && HttpStatus.resolve(value) != null
				&& value >= 400 ? HttpStatus.valueOf(value) : HttpStatus.NOT_FOUND;
		Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail(status));
		problem.setType(URI.create("/problems/" + status.name().toLowerCase().replace('_', '-')));
		problem.setTitle(status.getReasonPhrase());
		problem.setInstance(URI.create(uri instanceof String path ? ProblemHandler.safePath(path) : "/error"));
		return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
	}

	static String detail(HttpStatus status) {
		return switch (status) {
			case NOT_FOUND -> "Nothing is here.";
			case METHOD_NOT_ALLOWED -> "This method is not allowed here.";
			case BAD_REQUEST -> "The request could not be read.";
			case URI_TOO_LONG -> "The request line is too long.";
			case REQUEST_HEADER_FIELDS_TOO_LARGE -> "The request headers are too large.";
			default -> status.is5xxServerError() ? "Something went wrong on our side; nothing is lost, try again."
					: status.getReasonPhrase() + ".";
		};
	}
}
