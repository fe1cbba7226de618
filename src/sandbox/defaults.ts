/**
 * Credentials the sandbox accepts. They are public on purpose (README lists them): the sandbox
 * runs on loopback with made-up data. Real credentials come from environment variables.
 */
export const SANDBOX_CREDENTIALS = {
  rackbeat: {
    /** `Authorization: Bearer <token>` */
    apiToken: 'rackbeat-sandbox-token',
    /** `user_account.id` of the sandbox account; sent as `Rackbeat-Account-Id` on webhooks. */
    accountId: 4711,
  },
  economic: {
    appSecretToken: 'economic-sandbox-app-secret',
    agreementGrantToken: 'economic-sandbox-agreement-grant',
    agreementNumber: 123456,
  },
} as const;
