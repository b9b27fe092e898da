import { promisify } from 'node:util';
import { gzip } from 'node:zlib';

const gzipAsync = promisify(gzip);
/** Text worth compressing; Parquet and Arrow are compressed already. */
const TEXT = /^(application\/(json|x-ndjson|problem\+json)|text\/)/;
/** Below this, gzip's header costs more than it saves. */
const MIN_BYTES = 1024;

/**
 * Gzips the API's text responses for clients that accept it, as API Gateway does in AWS
 * (`minimumCompressionSize`). Receipts are unchanged: X-Content-SHA256 is the hash of the
 * content, before its transfer encoding.
 */
export function gzipResponses(
  fetch: (request: Request, env?: unknown) => Response | Promise<Response>,
): (request: Request, env?: unknown) => Promise<Response> {
  return async (request, env) => {
    const response = await fetch(request, env);
    const type = response.headers.get('content-type') ?? '';
    if (
      !/\bgzip\b/.test(request.headers.get('accept-encoding') ?? '') ||
      response.headers.has('content-encoding') ||
      !TEXT.test(type) ||
      !response.body
    )
      return response;
    const body = Buffer.from(await response.arrayBuffer());
    if (body.length < MIN_BYTES) return new Response(body, response);
    const gzipped = await gzipAsync(body);
    const headers = new Headers(response.headers);
    headers.set('Content-Encoding', 'gzip');
    headers.set('Content-Length', String(gzipped.length));
    headers.append('Vary', 'Accept-Encoding');
    return new Response(new Uint8Array(gzipped), { status: response.status, statusText: response.statusText, headers });
  };
}
