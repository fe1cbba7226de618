/**
 * WordPress REST errors: `{code, message, data: {status, …}}` (WP_Error rendered by
 * `WP_REST_Server::error_to_response`). Thrown by handlers, rendered by the simulator's error handler.
 */
export class WpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
  }

  toBody(): { code: string; message: string; data: Record<string, unknown> } {
    return { code: this.code, message: this.message, data: { status: this.statusCode, ...this.extra } };
  }
}

/** A schema violation as WP's `rest_validate_request_arg` reports it: one entry per parameter. */
export function invalidParams(params: Record<string, string>): WpError {
  return new WpError(400, 'rest_invalid_param', `Invalid parameter(s): ${Object.keys(params).join(', ')}`, { params });
}

export function invalidOrderId(): WpError {
  return new WpError(404, 'woocommerce_rest_shop_order_invalid_id', 'Invalid ID.');
}

export function invalidProductId(): WpError {
  return new WpError(404, 'woocommerce_rest_product_invalid_id', 'Invalid ID.');
}

/** Code as the v3 variations controller names it (unconfirmed upstream for the batch case). */
export function invalidVariationId(): WpError {
  return new WpError(404, 'woocommerce_rest_product_variation_invalid_id', 'Invalid ID.');
}

export function invalidWebhookId(): WpError {
  return new WpError(404, 'woocommerce_rest_webhook_invalid_id', 'Invalid ID.');
}

/** `WC_REST_Controller::check_batch_limit`. */
export function batchTooLarge(limit: number): WpError {
  return new WpError(413, 'woocommerce_rest_request_entity_too_large', `Unable to accept more than ${limit} items for this request.`);
}
