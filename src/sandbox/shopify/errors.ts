/** An answer in Shopify's REST error format: `{"errors": "text"}` or `{"errors": {"field": ["message"]}}`. */
export class ShopifyHttpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly errors: string | Record<string, string[] | string>,
  ) {
    super(typeof errors === 'string' ? errors : Object.entries(errors).map(([f, m]) => `${f} ${Array.isArray(m) ? m.join(', ') : m}`).join('; '));
  }
}

export function notFound(): ShopifyHttpError {
  return new ShopifyHttpError(404, 'Not Found');
}

export function unprocessable(field: string, message: string): ShopifyHttpError {
  return new ShopifyHttpError(422, { [field]: [message] });
}

export const INVALID_TOKEN_MESSAGE = '[API] Invalid API key or access token (unrecognized login or wrong password)';
export const REST_THROTTLE_MESSAGE = 'Exceeded 2 calls per second for api client. Reduce request rates to resume uninterrupted service.';
