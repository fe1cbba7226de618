import { createHmac } from 'node:crypto';

/** `WC_Webhook::generate_signature`: base64(HMAC-SHA256(body, secret)). */
export function signWooPayload(body: string, secret: string): string {
  return createHmac('sha256', secret).update(body, 'utf8').digest('base64');
}
