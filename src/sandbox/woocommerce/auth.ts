import type { FastifyRequest } from 'fastify';
import { WpError } from './errors';
import type { WooCommerceSimulatorSettings } from './settings';

export interface BasicCredentials {
  consumerKey: string;
  consumerSecret: string;
}

export function basicCredentials(request: FastifyRequest): BasicCredentials | undefined {
  const header = request.headers.authorization;
  const match = typeof header === 'string' ? /^Basic\s+(\S+)$/i.exec(header) : null;
  if (!match?.[1]) return undefined;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  return { consumerKey: decoded.slice(0, colon), consumerSecret: decoded.slice(colon + 1) };
}

/**
 * `WC_REST_Authentication::perform_basic_authentication`: no credentials leave the request
 * anonymous, which the permission check refuses (`woocommerce_rest_cannot_view`); a wrong key or
 * secret is `woocommerce_rest_authentication_error`. Both 401. Basic auth is accepted over plain
 * HTTP here; real WooCommerce wants HTTPS for it (OAuth 1.0a otherwise).
 */
export function authenticate(request: FastifyRequest, settings: WooCommerceSimulatorSettings): WpError | undefined {
  const given = basicCredentials(request);
  if (!given) return new WpError(401, 'woocommerce_rest_cannot_view', 'Sorry, you cannot list resources.');
  const pair = settings.apiKeys.find((k) => k.consumerKey === given.consumerKey);
  if (!pair) return new WpError(401, 'woocommerce_rest_authentication_error', 'Consumer key is invalid.');
  if (pair.consumerSecret !== given.consumerSecret) return new WpError(401, 'woocommerce_rest_authentication_error', 'Consumer secret is invalid.');
  return undefined;
}
