/**
 * Credentials the Netvisor simulator accepts. Netvisor never sees the two keys on the wire: they
 * only feed the MAC. Documented in docs/connectors/netvisor.md.
 */
export const NETVISOR_SANDBOX_CREDENTIALS = {
  sender: 'rackbridge-sandbox',
  partnerId: 'RB_SANDBOX_PARTNER',
  partnerKey: 'sandbox-partner-key',
  customerId: 'RB_SANDBOX_CUSTOMER',
  customerKey: 'sandbox-customer-key',
  organisationId: '1234567-8',
} as const;

/** How far the request timestamp may be from the simulator's clock before it is refused. */
export const NETVISOR_MAX_CLOCK_SKEW_SECONDS = 300;
