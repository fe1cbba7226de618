import { createHmac } from 'node:crypto';
import { SHOPIFY_SANDBOX_CREDENTIALS } from './credentials';

/** base64 HMAC-SHA256 of the exact body bytes, as in `X-Shopify-Hmac-Sha256`. */
export function signBody(body: string, secret: string): string {
  return createHmac('sha256', secret).update(body, 'utf8').digest('base64');
}

/**
 * The app client secret and its rotation: after a rotation Shopify may keep signing with the
 * old secret for up to an hour (shopify.dev "Verify webhook deliveries"), so the simulator
 * signs with the old one until the window closes.
 */
export class ClientSecret {
  private current: string = SHOPIFY_SANDBOX_CREDENTIALS.clientSecret;
  private previous: { secret: string; until: number } | undefined;

  rotate(next: string, windowMs: number, now = Date.now()): { previous: string; current: string; old_secret_until: string } {
    const previous = this.current;
    this.previous = { secret: previous, until: now + windowMs };
    this.current = next;
    return { previous, current: next, old_secret_until: new Date(now + windowMs).toISOString() };
  }

  /** The secret a delivery made now is signed with. */
  signingSecret(now = Date.now()): string {
    return this.previous && now < this.previous.until ? this.previous.secret : this.current;
  }

  state(now = Date.now()): { current: string; signing_with: 'current' | 'previous' } {
    return { current: this.current, signing_with: this.signingSecret(now) === this.current ? 'current' : 'previous' };
  }

  reset(): void {
    this.current = SHOPIFY_SANDBOX_CREDENTIALS.clientSecret;
    this.previous = undefined;
  }
}
