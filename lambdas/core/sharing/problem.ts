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
  /**
   * A refusal our code did not make (Hono's HTTPException under 500): our problem of its
   * status where there is one, else one that keeps the status.
   */
  ofStatus: (status: number, detail: string): ApiProblem =>
    BY_STATUS[status]?.(detail) ?? new ApiProblem(status, `http_${status}`, 'Request refused', detail),
  internal: () =>
    new ApiProblem(
      500,
      'internal',
      'Internal error',
      'the request failed on the server; it was logged with its request id',
    ),
};

/** Ours by status, for a refusal made outside our code: the same status, the same type. */
const BY_STATUS: Record<number, (detail: string) => ApiProblem> = {
  400: problems.badRequest,
  401: problems.unauthorized,
  403: problems.forbidden,
  404: problems.notFound,
  406: problems.notAcceptable,
  409: problems.conflict,
  413: problems.payloadTooLarge,
  414: problems.uriTooLong,
  415: problems.unsupportedMediaType,
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
