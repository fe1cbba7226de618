import { z } from 'zod';
import { NetvisorClient } from '../connectors/netvisor';
import { DEFAULT_REJECTED_NAME_CHARACTERS } from '../domain/netvisor/hold-codes';
import { envRef, httpUrl, type Secret, type SystemSection } from './common';

export const netvisorSchema = z
  .object({
    /** Production `https://integration.netvisor.fi`; test `https://isvapi.netvisor.fi`. */
    baseUrl: httpUrl.default('https://integration.netvisor.fi'),
    /** `X-Netvisor-Authentication-Sender`. @default rackbridge */
    sender: z.string().regex(/^[\x20-\x7e]+$/, 'must be plain ASCII').default('rackbridge'),
    customerIdEnv: envRef,
    customerKeyEnv: envRef,
    partnerIdEnv: envRef,
    partnerKeyEnv: envRef,
    /** Business id (Y-tunnus) of the company. */
    organisationId: z.string().regex(/^\d{7}-\d$/, 'must be a Finnish business id (Y-tunnus) such as 1967543-8'),
    language: z.enum(['FI', 'EN', 'SE']).default('EN'),
    /** Which Rackbeat documents and registers go to Netvisor (F5, F6, F3). */
    transfer: z
      .object({
        /** Booked Rackbeat customer invoices → Netvisor sales invoices. @default true */
        invoices: z.boolean().default(true),
        /** Booked Rackbeat orders → Netvisor sales orders. @default false */
        orders: z.boolean().default(false),
        /** Rackbeat customer changes → Netvisor customers. @default true */
        customers: z.boolean().default(true),
        /** Rackbeat product changes → Netvisor products. @default true */
        products: z.boolean().default(true),
      })
      .strict()
      .default({ invoices: true, orders: false, customers: true, products: true }),
    /** Deactivate the Netvisor customer or product when it is deleted in Rackbeat. @default false */
    propagateDeletions: z.boolean().default(false),
    /** Characters Netvisor refuses in product names. @default ['/', '*', '&', '#'] */
    rejectedNameCharacters: z.array(z.string().min(1)).default([...DEFAULT_REJECTED_NAME_CHARACTERS]),
    /** Netvisor product group of products rackbridge creates. @default Tuotteet */
    productGroup: z.string().min(1).default('Tuotteet'),
    /** Status of new sales invoices: `open` (sent by Netvisor) or `unsent` (waits for a person). @default open */
    invoiceStatus: z.enum(['open', 'unsent']).default('open'),
  })
  .strict();

export interface NetvisorConnection {
  baseUrl: string;
  sender: string;
  customerId: Secret;
  customerKey: Secret;
  partnerId: Secret;
  partnerKey: Secret;
  organisationId: string;
  language: 'FI' | 'EN' | 'SE';
  settings: NetvisorSettings;
}

/** What the Netvisor workflows need to know; plain data, carried in workflow input. */
export type NetvisorSettings = Pick<z.output<typeof netvisorSchema>, 'transfer' | 'propagateDeletions' | 'rejectedNameCharacters' | 'productGroup' | 'invoiceStatus'>;

const netvisorDefaults = netvisorSchema.parse({ customerIdEnv: 'X', customerKeyEnv: 'X', partnerIdEnv: 'X', partnerKeyEnv: 'X', organisationId: '1967543-8' });
export const DEFAULT_NETVISOR_SETTINGS: NetvisorSettings = {
  transfer: netvisorDefaults.transfer,
  propagateDeletions: netvisorDefaults.propagateDeletions,
  rejectedNameCharacters: netvisorDefaults.rejectedNameCharacters,
  productGroup: netvisorDefaults.productGroup,
  invoiceStatus: netvisorDefaults.invoiceStatus,
};

export const NETVISOR_SECTION: SystemSection<typeof netvisorSchema, NetvisorConnection> = {
  schema: netvisorSchema,
  build: (c, secret, at) => ({
    baseUrl: c.baseUrl,
    sender: c.sender,
    customerId: secret(c.customerIdEnv, `${at}.netvisor.customerIdEnv`),
    customerKey: secret(c.customerKeyEnv, `${at}.netvisor.customerKeyEnv`),
    partnerId: secret(c.partnerIdEnv, `${at}.netvisor.partnerIdEnv`),
    partnerKey: secret(c.partnerKeyEnv, `${at}.netvisor.partnerKeyEnv`),
    organisationId: c.organisationId,
    language: c.language,
    settings: { transfer: c.transfer, propagateDeletions: c.propagateDeletions, rejectedNameCharacters: c.rejectedNameCharacters, productGroup: c.productGroup, invoiceStatus: c.invoiceStatus },
  }),
  examples: {
    organisationId: 'organisationId: 1967543-8',
    customerIdEnv: 'customerIdEnv: NETVISOR_CUSTOMER_ID',
    customerKeyEnv: 'customerKeyEnv: NETVISOR_CUSTOMER_KEY',
    partnerIdEnv: 'partnerIdEnv: NETVISOR_PARTNER_ID',
    partnerKeyEnv: 'partnerKeyEnv: NETVISOR_PARTNER_KEY',
  },
  secretKeys: { customerKey: 'customerKeyEnv', partnerKey: 'partnerKeyEnv' },
};

export function netvisorClient(c: NetvisorConnection): NetvisorClient {
  return new NetvisorClient({
    baseUrl: c.baseUrl,
    sender: c.sender,
    customerId: c.customerId.reveal(),
    customerKey: c.customerKey.reveal(),
    partnerId: c.partnerId.reveal(),
    partnerKey: c.partnerKey.reveal(),
    organisationId: c.organisationId,
    language: c.language,
  });
}
