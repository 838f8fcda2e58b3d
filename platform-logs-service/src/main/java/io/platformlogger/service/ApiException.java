package io.platformlogger.service;

/**
 * A request the service refuses, with the HTTP status and the JSON body {@code {"error": ...,
 * "parameter": ...}} it answers with. The message is for the client: it never holds SQL, a stack
 * or a connection string.
 */
final class ApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  final int status;
  final String parameter;

  ApiException(int status, String error, String parameter) {
    super(error, null, false, false);
    this.status = status;
    this.parameter = parameter;
  }

  static ApiException badParameter(String parameter, String error) {
    return new ApiException(400, error, parameter);
  }

  static ApiException unauthorized() {
    return new ApiException(401, "missing or unknown API key: send Authorization: Bearer <key>", null);
  }

  static ApiException forbidden(String parameter, String error) {
    return new ApiException(403, error, parameter);
  }

  static ApiException notFound(String error) {
    return new ApiException(404, error, null);
  }
}
