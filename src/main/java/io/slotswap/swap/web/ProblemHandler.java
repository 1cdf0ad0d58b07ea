package io.slotswap.swap.web;

import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.slotswap.swap.Failures;
import io.slotswap.swap.IllegalStateTransitionException;
import io.slotswap.swap.SwapExceptions;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.lang.Nullable;
import org.springframework.validation.FieldError;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Every error of {@code /api/v1} as RFC 9457 {@code application/problem+json}: {@code type},
 * {@code title}, {@code status}, {@code detail}, {@code instance} and the extension members of
 * API.md ({@code errors}, {@code activeSwapId}, {@code code}). Never a stack trace, SQL or a value
 * that could be a secret.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE - 10)
class ProblemHandler extends ResponseEntityExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

	static final MediaType PROBLEM_JSON = MediaType.APPLICATION_PROBLEM_JSON;

	record FieldProblem(String field, String message) {
	}

	// ------------------------------------------------------------------ 400

	@Override
	protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		List<FieldProblem> errors = ex.getBindingResult()
			.getFieldErrors()
			.stream()
			.map(error -> new FieldProblem(fieldName(error), error.getDefaultMessage()))
			.sorted(Comparator.comparing(FieldProblem::field))
			.toList();
		return invalid(errors, request);
	}

	@Override
	protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		List<FieldProblem> errors = new ArrayList<>();
		ex.getParameterValidationResults()
			.forEach(result -> result.getResolvableErrors()
				.forEach(error -> errors.add(new FieldProblem(result.getMethodParameter().getParameterName(),
						error.getDefaultMessage()))));
		return invalid(errors, request);
	}

	@Override
	protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		return invalid(List.of(describe(ex)), request);
	}

	@ExceptionHandler(MethodArgumentTypeMismatchException.class)
	ResponseEntity<Object> typeMismatch(MethodArgumentTypeMismatchException ex, WebRequest request) {
		String message = ex.getRequiredType() == java.util.UUID.class ? "must be a UUID"
				: ex.getRequiredType() != null && ex.getRequiredType().isEnum()
						? "must be one of " + enumValues(ex.getRequiredType())
						: "has the wrong type";
		return invalid(List.of(new FieldProblem(ex.getName(), message)), request);
	}

	@ExceptionHandler(SwapExceptions.InvalidRequest.class)
	ResponseEntity<Object> invalidRequest(SwapExceptions.InvalidRequest ex, WebRequest request) {
		return invalid(List.of(new FieldProblem(ex.field(), ex.getMessage())), request);
	}

	private ResponseEntity<Object> invalid(List<FieldProblem> errors, WebRequest request) {
		String detail = errors.size() == 1 ? errors.get(0).field() + ": " + errors.get(0).message()
				: errors.size() + " fields are invalid: "
						+ errors.stream().map(FieldProblem::field).distinct().collect(Collectors.joining(", "));
		ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request", detail, request);
		problem.setProperty("errors", errors);
		return respond(problem, null);
	}

	// ------------------------------------------------------------------ our refusals

	@ExceptionHandler(SwapExceptions.OperationNotFound.class)
	ResponseEntity<Object> operationNotFound(SwapExceptions.OperationNotFound ex, WebRequest request) {
		return respond(problem(HttpStatus.NOT_FOUND, "swap-not-found", "Swap operation not found", ex.getMessage(),
				request), null);
	}

	@ExceptionHandler(SwapExceptions.SiteOrSlotNotFound.class)
	ResponseEntity<Object> siteOrSlotNotFound(SwapExceptions.SiteOrSlotNotFound ex, WebRequest request) {
		boolean site = "SiteNotFound".equals(ex.code());
		ProblemDetail problem = problem(HttpStatus.NOT_FOUND, site ? "site-not-found" : "slot-not-found",
				site ? "Site not found" : "Slot not found", ex.getMessage(), request);
		problem.setProperty("code", ex.code());
		return respond(problem, null);
	}

	@ExceptionHandler(SwapExceptions.SiteBusy.class)
	ResponseEntity<Object> siteBusy(SwapExceptions.SiteBusy ex, WebRequest request) {
		ProblemDetail problem = problem(HttpStatus.CONFLICT, "swap-already-active",
				"A swap is already active on this site", ex.getMessage(), request);
		problem.setProperty("activeSwapId", ex.activeSwapId());
		return respond(problem, null);
	}

	@ExceptionHandler(SwapExceptions.StateConflict.class)
	ResponseEntity<Object> stateConflict(SwapExceptions.StateConflict ex, WebRequest request) {
		ProblemDetail problem = problem(HttpStatus.CONFLICT, "state-conflict",
				"Not allowed in the operation's current state", ex.getMessage(), request);
		problem.setProperty("state", ex.state());
		return respond(problem, null);
	}

	@ExceptionHandler(IllegalStateTransitionException.class)
	ResponseEntity<Object> illegalTransition(IllegalStateTransitionException ex, WebRequest request) {
		ProblemDetail problem = problem(HttpStatus.CONFLICT, "state-conflict",
				"Not allowed in the operation's current state", ex.getMessage(), request);
		problem.setProperty("state", ex.from());
		return respond(problem, null);
	}

	@ExceptionHandler(SwapExceptions.Forbidden.class)
	ResponseEntity<Object> forbidden(SwapExceptions.Forbidden ex, WebRequest request) {
		return respond(problem(HttpStatus.FORBIDDEN, "forbidden", "Not allowed", ex.getMessage(), request), null);
	}

	/** A query string that is not valid percent-encoded UTF-8 ({@code ?site=%}, {@code ?size=%ff}). */
	@ExceptionHandler(org.apache.tomcat.util.http.InvalidParameterException.class)
	ResponseEntity<Object> undecodableQuery(org.apache.tomcat.util.http.InvalidParameterException ex,
			WebRequest request) {
		return respond(problem(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request",
				"The query string is not valid percent-encoded UTF-8", request), null);
	}

	@ExceptionHandler(EventStreams.TooManyStreams.class)
	ResponseEntity<Object> tooManyStreams(EventStreams.TooManyStreams ex, WebRequest request) {
		return respond(problem(HttpStatus.TOO_MANY_REQUESTS, "too-many-streams", "Too many live event streams",
				ex.getMessage(), request), retryAfter(30));
	}

	@ExceptionHandler(OperationWaits.TooManyWaits.class)
	ResponseEntity<Object> tooManyWaits(OperationWaits.TooManyWaits ex, WebRequest request) {
		return respond(problem(HttpStatus.TOO_MANY_REQUESTS, "too-many-waits", "Too many long polls",
				ex.getMessage(), request), retryAfter(10));
	}

	@ExceptionHandler(SwapExceptions.IdempotencyKeyReused.class)
	ResponseEntity<Object> idempotencyKeyReused(SwapExceptions.IdempotencyKeyReused ex, WebRequest request) {
		ProblemDetail problem = problem(HttpStatus.UNPROCESSABLE_CONTENT, "idempotency-key-reused",
				"Idempotency-Key reused with a different request", ex.getMessage()
						+ "; use a new key for a new request",
				request);
		problem.setProperty("operationId", ex.operationId());
		return respond(problem, null);
	}

	@ExceptionHandler(SwapExceptions.AzureUnavailable.class)
	ResponseEntity<Object> azureUnavailable(SwapExceptions.AzureUnavailable ex, WebRequest request) {
		return respond(problem(HttpStatus.SERVICE_UNAVAILABLE, "azure-unavailable", "Azure cannot be reached now",
				ex.getMessage(), request), retryAfter(Math.max(1, ex.retryAfter().toSeconds())));
	}

	/**
	 * The database cannot be reached (or answered too slowly) right now: a 503 the caller may retry,
	 * not an internal error. Nothing is said about the database itself.
	 */
	@ExceptionHandler({ DataAccessResourceFailureException.class, CannotCreateTransactionException.class,
			TransientDataAccessException.class, OperationWaits.NotAnswerable.class })
	ResponseEntity<Object> storeUnavailable(Exception ex, WebRequest request) {
		log.warn("Could not serve {}: the store is unavailable ({})", path(request), ex.getClass().getSimpleName());
		return respond(problem(HttpStatus.SERVICE_UNAVAILABLE, "unavailable", "Temporarily unavailable",
				"slotswap cannot read its operations right now; nothing is lost, try again shortly", request),
				retryAfter(5));
	}

	/** The headers of an answer that tells the caller when to come back. */
	private static HttpHeaders retryAfter(long seconds) {
		HttpHeaders headers = new HttpHeaders();
		headers.set(HttpHeaders.RETRY_AFTER, String.valueOf(seconds));
		return headers;
	}

	@ExceptionHandler(Exception.class)
	ResponseEntity<Object> unexpected(Exception ex, WebRequest request) {
		log.error("Unexpected error on {}: {}", path(request), Failures.describe(ex));
		return respond(problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error", "Internal error",
				"Something went wrong on our side; nothing is lost, try again. If it persists, tell the operators.",
				request), null);
	}

	// ------------------------------------------------------------------ framework errors (404, 405, 406, 415, …)

	@Override
	protected ResponseEntity<Object> handleExceptionInternal(Exception ex, @Nullable Object body, HttpHeaders headers,
			HttpStatusCode statusCode, WebRequest request) {
		ProblemDetail problem = body instanceof ProblemDetail detail ? detail
				: ProblemDetail.forStatus(statusCode);
		if (problem.getInstance() == null) {
			problem.setInstance(URI.create(path(request)));
		}
		if (problem.getType() == null || "about:blank".equals(problem.getType().toString())) {
			HttpStatus known = HttpStatus.resolve(statusCode.value());
			String slug = known == null ? "http-" + statusCode.value()
					: known.getReasonPhrase().toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
			problem.setType(URI.create("/problems/" + slug));
		}
		if (ex instanceof HttpMediaTypeNotSupportedException) {
			problem.setDetail("Send the body as application/json");
		}
		if (problem.getDetail() == null) {
			HttpStatus known = HttpStatus.resolve(statusCode.value());
			problem.setDetail(known == HttpStatus.NOT_FOUND ? "Nothing is served at " + path(request)
					: known != null ? known.getReasonPhrase() : "HTTP " + statusCode.value());
		}
		HttpHeaders merged = new HttpHeaders();
		merged.addAll(headers);
		merged.setContentType(PROBLEM_JSON);
		return new ResponseEntity<>(problem, merged, statusCode);
	}

	// ------------------------------------------------------------------ helpers

	static ProblemDetail problem(HttpStatus status, String type, String title, String detail, WebRequest request) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setType(URI.create("/problems/" + type));
		problem.setTitle(title);
		problem.setInstance(URI.create(path(request)));
		return problem;
	}

	private static ResponseEntity<Object> respond(ProblemDetail problem, HttpHeaders extra) {
		HttpHeaders headers = new HttpHeaders();
		if (extra != null) {
			headers.addAll(extra);
		}
		headers.setContentType(PROBLEM_JSON);
		return new ResponseEntity<>(problem, headers, problem.getStatus());
	}

	private static String path(WebRequest request) {
		if (request instanceof ServletWebRequest servlet) {
			HttpServletRequest http = servlet.getRequest();
			return safePath(http.getRequestURI());
		}
		return "";
	}

	/** {@code path} when it makes a valid URI reference (the problem's {@code instance}), else "/". */
	static String safePath(String path) {
		try {
			URI.create(path);
			return path;
		}
		catch (IllegalArgumentException | NullPointerException unusable) {
			return "/";
		}
	}

	private static String fieldName(FieldError error) {
		return error.getField().replaceAll("\\[(\\d+)\\]\\.?<[^>]*>", "[$1]").replace(".<list element>", "");
	}

	private static FieldProblem describe(HttpMessageNotReadableException ex) {
		Throwable cause = ex.getCause();
		if (cause instanceof UnrecognizedPropertyException unknown) {
			return new FieldProblem(path(unknown), "unknown property");
		}
		if (cause instanceof InvalidFormatException format) {
			Class<?> target = format.getTargetType();
			String message = target != null && target.isEnum() ? "must be one of " + enumValues(target)
					: "must be " + typeName(target);
			return new FieldProblem(path(format), message);
		}
		if (cause instanceof MismatchedInputException mismatch) {
			String field = path(mismatch);
			Class<?> target = mismatch.getTargetType();
			if (field.isEmpty()) {
				return new FieldProblem("body", "must be a JSON object");
			}
			return new FieldProblem(field, "must be " + typeName(target));
		}
		if (cause instanceof StreamReadException || cause instanceof JacksonException) {
			return new FieldProblem("body", "is not valid JSON");
		}
		return new FieldProblem("body", "is required and must be a JSON object");
	}

	private static String path(JacksonException ex) {
		StringBuilder path = new StringBuilder();
		for (JacksonException.Reference reference : ex.getPath()) {
			if (reference.getPropertyName() != null) {
				if (!path.isEmpty()) {
					path.append('.');
				}
				path.append(reference.getPropertyName());
			}
			else if (reference.getIndex() >= 0) {
				path.append('[').append(reference.getIndex()).append(']');
			}
		}
		return path.toString();
	}

	private static String typeName(Class<?> type) {
		if (type == null) {
			return "of another type";
		}
		if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
			return "an integer";
		}
		if (type == Boolean.class || type == boolean.class) {
			return "true or false";
		}
		if (type == String.class) {
			return "a string";
		}
		if (type.isEnum()) {
			return "one of " + enumValues(type);
		}
		if (List.class.isAssignableFrom(type)) {
			return "an array";
		}
		if (Map.class.isAssignableFrom(type) || type.isRecord()) {
			return "an object";
		}
		return "of another type";
	}

	private static String enumValues(Class<?> type) {
		return Arrays.stream(type.getEnumConstants()).map(Object::toString).collect(Collectors.joining(", "));
	}
}
