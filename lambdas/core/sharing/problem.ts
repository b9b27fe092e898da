/**
 * Every refusal and failure of the API, as an RFC 9457 problem: a stable `type`, a status, a
 * one-line detail for the caller. Never a stack trace, never SQL text.
 */
export class ApiProblem extends Error {
  override name = 'ApiProblem';
  constructor(
    readonly status: number,
    readonly type: string,
    readonly title: string,
    readonly detail: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(detail);
  }
}

export const problems = {
  unauthorized: (detail: string) =>
    new ApiProblem(401, 'unauthorized', 'Authentication required', detail, {
      'WWW-Authenticate': 'Bearer realm="vpdc"',
    }),
  forbidden: (detail: string) => new ApiProblem(403, 'forbidden', 'Not granted', detail),
  notFound: (detail: string) => new ApiProblem(404, 'not_found', 'Not found', detail),
  badRequest: (detail: string) => new ApiProblem(400, 'bad_request', 'Bad request', detail),
  conflict: (detail: string) => new ApiProblem(409, 'conflict', 'Conflict', detail),
  notAcceptable: (detail: string) => new ApiProblem(406, 'not_acceptable', 'Format not available', detail),
  payloadTooLarge: (detail: string) => new ApiProblem(413, 'payload_too_large', 'Request body too large', detail),
  uriTooLong: (detail: string) => new ApiProblem(414, 'uri_too_long', 'Query string too long', detail),
  unsupportedMediaType: (detail: string) =>
    new ApiProblem(415, 'unsupported_media_type', 'Unsupported media type', detail),
  tooManyRequests: (retryAfterSeconds: number, from = 'this agency') =>
    new ApiProblem(
      429,
      'too_many_requests',
      'Rate limit exceeded',
      `too many requests from ${from}; retry in ${retryAfterSeconds} s`,
      { 'Retry-After': String(retryAfterSeconds) },
    ),
  internal: () =>
    new ApiProblem(
      500,
      'internal',
      'Internal error',
      'the request failed on the server; it was logged with its request id',
    ),
};

export function problemBody(problem: ApiProblem, requestId: string): Record<string, unknown> {
  return {
    type: `https://vpdc.vinhphuc.gov.vn/problems/${problem.type}`,
    title: problem.title,
    status: problem.status,
    detail: problem.detail,
    instance: requestId,
  };
}
