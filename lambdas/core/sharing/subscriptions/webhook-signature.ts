import { createHmac, randomBytes } from 'node:crypto';

/**
 * Webhook signing as the Standard Webhooks specification (standardwebhooks.com) has it, so a
 * receiver can verify with any of its libraries: the secret is `whsec_` + base64 of random
 * bytes; `webhook-signature` is `v1,` + base64(HMAC-SHA256(secret, `<id>.<timestamp>.<body>`)).
 */
const PREFIX = 'whsec_';

export function newWebhookSecret(): string {
  return `${PREFIX}${randomBytes(24).toString('base64')}`;
}

export interface WebhookHeaders {
  'webhook-id': string;
  'webhook-timestamp': string;
  'webhook-signature': string;
}

/** The headers of one delivery attempt: each attempt is signed at its own time, with the event's one id. */
export function signWebhook(secret: string, id: string, at: Date, body: string): WebhookHeaders {
  if (!secret.startsWith(PREFIX)) throw new Error('a webhook secret starts with whsec_');
  const timestamp = String(Math.floor(at.getTime() / 1000));
  const key = Buffer.from(secret.slice(PREFIX.length), 'base64');
  const signature = createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest('base64');
  return { 'webhook-id': id, 'webhook-timestamp': timestamp, 'webhook-signature': `v1,${signature}` };
}
