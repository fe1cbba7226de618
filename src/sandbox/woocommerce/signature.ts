import { createHmac } from 'node:crypto';

/**
 * `WC_Webhook::generate_signature`: base64(HMAC-SHA256(body, key)) where the key is the stored
 * secret passed through `wp_specialchars_decode( $secret, ENT_QUOTES )` (woocommerce/woocommerce,
 * `includes/class-wc-webhook.php`): a secret saved as `a&amp;b` signs with `a&b`.
 */
export function signWooPayload(body: string, secret: string): string {
  return createHmac('sha256', wpSpecialcharsDecode(secret)).update(body, 'utf8').digest('base64');
}

/** `wp_specialchars_decode` with ENT_QUOTES: the five HTML entities WordPress escapes, `&amp;` last. */
export function wpSpecialcharsDecode(text: string): string {
  return text
    .replace(/&lt;|&#0*60;|&#x0*3c;/gi, '<')
    .replace(/&gt;|&#0*62;|&#x0*3e;/gi, '>')
    .replace(/&quot;|&#0*34;|&#x0*22;/gi, '"')
    .replace(/&#0*39;|&#x0*27;/gi, "'")
    .replace(/&amp;|&#0*38;|&#x0*26;/gi, '&');
}
