import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Local stand-ins for S3 presigned URLs: a path with an expiry and an HMAC over both, so the
 * holder needs no token and cannot change the path or stretch the expiry.
 */
export class UrlSigner {
  constructor(private readonly secret: Buffer) {}

  sign(path: string, expiresAt: Date): string {
    const expires = Math.floor(expiresAt.getTime() / 1000);
    return `${path}?expires=${expires}&signature=${this.mac(path, expires)}`;
  }

  /** True when the signature matches the path and expiry and the expiry is still ahead. */
  verify(path: string, expires: string | undefined, signature: string | undefined, now: Date): boolean {
    if (!expires || !signature || !/^\d{1,12}$/.test(expires)) return false;
    const expected = this.mac(path, Number(expires));
    const valid =
      signature.length === expected.length && timingSafeEqual(Buffer.from(signature), Buffer.from(expected));
    return valid && Number(expires) * 1000 > now.getTime();
  }

  private mac(path: string, expires: number): string {
    return createHmac('sha256', this.secret).update(`${path}\n${expires}`).digest('base64url');
  }
}
