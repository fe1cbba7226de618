import { z } from 'zod';
import { EconomicClient } from '../connectors/economic';
import { DEFAULT_ECONOMIC_MAPPING, type EconomicMapping } from '../domain/economic';
import { envRef, httpUrl, numberMap, type Secret, type SystemSection } from './common';

export const economicSchema = z
  .object({
    baseUrl: httpUrl.default('https://restapi.e-conomic.com'),
    appSecretTokenEnv: envRef,
    agreementGrantTokenEnv: envRef,
    /** Layout of documents and new customers. @default 19 */
    layoutNumber: z.number().int().positive().default(DEFAULT_ECONOMIC_MAPPING.layoutNumber),
    /** Group of customers rackbridge creates. @default 1 */
    customerGroupNumber: z.number().int().positive().default(DEFAULT_ECONOMIC_MAPPING.customerGroupNumber),
    /** Rackbeat payment-terms number → e-conomic number, where they differ. */
    paymentTerms: numberMap.default({}),
    /** Rackbeat product-group number → e-conomic number, where they differ. */
    productGroups: numberMap.default({}),
    vatZones: z
      .object({ domestic: z.number().int().positive(), eu: z.number().int().positive(), abroad: z.number().int().positive() })
      .strict()
      .default(DEFAULT_ECONOMIC_MAPPING.vatZoneMap),
  })
  .strict();

export interface EconomicConnection {
  baseUrl: string;
  appSecretToken: Secret;
  agreementGrantToken: Secret;
  mapping: EconomicMapping;
}

export const ECONOMIC_SECTION: SystemSection<typeof economicSchema, EconomicConnection> = {
  schema: economicSchema,
  build: (c, secret, at) => ({
    baseUrl: c.baseUrl,
    appSecretToken: secret(c.appSecretTokenEnv, `${at}.economic.appSecretTokenEnv`),
    agreementGrantToken: secret(c.agreementGrantTokenEnv, `${at}.economic.agreementGrantTokenEnv`),
    mapping: { layoutNumber: c.layoutNumber, customerGroupNumber: c.customerGroupNumber, paymentTermsMap: c.paymentTerms, productGroupMap: c.productGroups, vatZoneMap: c.vatZones },
  }),
  examples: {
    appSecretTokenEnv: 'appSecretTokenEnv: ECONOMIC_APP_SECRET_TOKEN',
    agreementGrantTokenEnv: 'agreementGrantTokenEnv: ECONOMIC_AGREEMENT_GRANT_TOKEN',
    layoutNumber: 'layoutNumber: 19',
    customerGroupNumber: 'customerGroupNumber: 1',
    paymentTerms: 'paymentTerms: { "2": 7 }   # Rackbeat 2 → e-conomic 7',
    productGroups: 'productGroups: { "2": 3 }   # Rackbeat 2 → e-conomic 3',
    vatZones: 'vatZones: { domestic: 1, eu: 2, abroad: 3 }',
  },
  secretKeys: { appSecretToken: 'appSecretTokenEnv', agreementGrantToken: 'agreementGrantTokenEnv' },
};

export function economicClient(c: EconomicConnection): EconomicClient {
  return new EconomicClient({ baseUrl: c.baseUrl, appSecretToken: c.appSecretToken.reveal(), agreementGrantToken: c.agreementGrantToken.reveal() });
}
