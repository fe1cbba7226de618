import { readFileSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { parseDocument } from 'yaml';
import { z } from 'zod';
import { SHOPIFY_API_VERSION } from './connectors/shopify/version';
import { DEFAULT_ECONOMIC_MAPPING, type EconomicMapping } from './domain/economic';
import { DEFAULT_REJECTED_NAME_CHARACTERS } from './domain/netvisor/hold-codes';
import { type WebshopSettings, webshopSettingsSchema } from './domain/webshop/settings';
import { Secret } from './domain/secret';

/*
 * The connections file (YAML, path from CONNECTIONS_FILE) and the environment, validated once at
 * start-up. Secrets are never written in the file: it names environment variables (`…Env`) and
 * the values are read from the environment here, wrapped in `Secret` so they cannot reach a log.
 */

const CONNECTION_ID = /^[a-z0-9][a-z0-9-]{0,62}$/;
const ENV_NAME = /^[A-Z_][A-Z0-9_]*$/;

const envRef = z.string().regex(ENV_NAME, 'must be the NAME of an environment variable (upper case, digits, _), not the secret itself');
const httpUrl = z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' });

const numberMap = z.record(z.string().regex(/^\d+$/, 'keys must be Rackbeat numbers'), z.number().int().positive());

/** Rackbeat's own client paces itself to this per token (laravel-rackbeat `config/rackbeat.php` `api_limit`). */
export const DEFAULT_RACKBEAT_REQUESTS_PER_MINUTE = 480;

const rackbeatSchema = z
  .object({
    baseUrl: httpUrl.default('https://app.rackbeat.com/api'),
    apiTokenEnv: envRef,
    /** Tokens of webhooks registered by hand in Rackbeat (comma-separated in the variable). */
    webhookTokenEnv: envRef.optional(),
    /** Register rackbridge's webhooks in Rackbeat at start-up. @default true */
    registerWebhooks: z.boolean().default(true),
    consumerName: z.string().min(1).default('rackbridge'),
    consumerContact: z.string().min(1).default('operator@example.com'),
    /** Rackbeat requests per minute for this token, across every activity of a worker process (Rackbeat's own client: 480). @default 480 */
    requestsPerMinute: z.number().int().positive().default(DEFAULT_RACKBEAT_REQUESTS_PER_MINUTE),
    /** How often the poller lists changed orders, invoices, customers and products; 0 turns it off. @default 120 */
    pollIntervalSeconds: z.number().int().nonnegative().default(120),
  })
  .strict();

const economicSchema = z
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

const netvisorSchema = z
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

const shopifySchema = z
  .object({
    /** The shop's admin base, e.g. `https://acme.myshopify.com` (API paths are added). */
    baseUrl: httpUrl,
    /** `X-Shopify-Shop-Domain` of deliveries, e.g. `acme.myshopify.com`. */
    shopDomain: z.string().regex(/^[a-z0-9][a-z0-9-]*\.myshopify\.com$/, 'must be the shop domain such as acme.myshopify.com'),
    /** @default SHOPIFY_API_VERSION (src/connectors/shopify/version.ts); override only to try the next version. */
    apiVersion: z.string().regex(/^\d{4}-\d{2}$/, `must be an API version such as ${SHOPIFY_API_VERSION}`).default(SHOPIFY_API_VERSION),
    accessTokenEnv: envRef,
    /** The app's client secret: the key of the webhook HMAC. */
    apiSecretEnv: envRef,
    /** The previous client secret, accepted while Shopify still signs with it after a rotation. */
    previousApiSecretEnv: envRef.optional(),
    /** The location whose stock rackbridge sets (numeric id or gid); the shop's first location when left out. */
    locationId: z.string().min(1).optional(),
    /** Subscribe rackbridge's webhooks at start-up. @default true */
    registerWebhooks: z.boolean().default(true),
  })
  .strict();

const woocommerceSchema = z
  .object({
    /** The site URL, e.g. `https://shop.example.dk` (the REST API is under /wp-json/wc/v3). */
    baseUrl: httpUrl,
    consumerKeyEnv: envRef,
    consumerSecretEnv: envRef,
    /** The secret rackbridge sets on its webhooks; WooCommerce signs deliveries with it. */
    webhookSecretEnv: envRef,
    /** Create rackbridge's webhooks at start-up (and re-activate disabled ones in the reconcile). @default true */
    registerWebhooks: z.boolean().default(true),
  })
  .strict();

/** F2 settings (DESIGN.md §1); the order-lifecycle workflow reads them. */
const orderSettingsSchema = z
  .object({
    /** Create an e-conomic order (then invoice it) or directly a draft invoice. @default order */
    documentType: z.enum(['order', 'invoice']).default('order'),
    /** The Rackbeat state that turns the e-conomic order into an invoice. @default shipped */
    invoiceWhen: z.enum(['shipped', 'booked']).default('shipped'),
    /** Book the draft invoice in e-conomic. @default true */
    bookInvoice: z.boolean().default(true),
    /** How e-conomic sends the booked invoice. @default none */
    sendBy: z.enum(['none', 'email', 'ean']).default('none'),
    /** Register the customer payment in this journal when the order is paid. */
    registerPayment: z.object({ journalNumber: z.number().int().positive() }).strict().optional(),
  })
  .strict();

/**
 * E-mail alerts and the daily digest (SMTP via nodemailer). At the top level for the whole
 * installation, per connection to override it field by field; the password by environment variable.
 */
const emailSchema = z
  .object({
    smtp: z
      .object({
        host: z.string().min(1),
        port: z.number().int().min(1).max(65535).default(587),
        /** true: TLS from the first byte (port 465); false: STARTTLS when the server offers it. */
        secure: z.boolean().default(false),
        user: z.string().min(1).optional(),
        passwordEnv: envRef.optional(),
      })
      .strict()
      .optional(),
    from: z.string().min(3).optional(),
    to: z.array(z.string().min(3)).min(1).optional(),
    /** Where the links in mails point: the Temporal Web UI. @default http://localhost:8233 */
    webUiUrl: httpUrl.optional(),
    /** The daily digest: hour of day and IANA time zone; `false` switches it off. @default 07:00 UTC */
    digest: z.union([z.literal(false), z.object({ hour: z.number().int().min(0).max(23).default(7), timezone: z.string().min(1).default('UTC') }).strict()]).optional(),
  })
  .strict();

const connectionSchema = z
  .object({
    id: z.string().regex(CONNECTION_ID, 'must be lower-case letters, digits and dashes (it becomes part of workflow ids)'),
    rackbeat: rackbeatSchema,
    economic: economicSchema.optional(),
    netvisor: netvisorSchema.optional(),
    shopify: shopifySchema.optional(),
    woocommerce: woocommerceSchema.optional(),
    /** How webshop orders, customers and products map to Rackbeat (F1, F3, F4). */
    webshop: webshopSettingsSchema.default(webshopSettingsSchema.parse({})),
    orders: orderSettingsSchema.default(orderSettingsSchema.parse({})),
    notify: z.object({ url: httpUrl.optional() }).strict().default({}),
    email: emailSchema.optional(),
  })
  .strict();

const fileSchema = z
  .object({
    server: z.object({ publicUrl: httpUrl.optional() }).strict().default({}),
    email: emailSchema.optional(),
    connections: z.array(connectionSchema).min(1, 'needs at least one connection'),
  })
  .strict()
  .superRefine((file, ctx) => {
    const seen = new Set<string>();
    file.connections.forEach((c, i) => {
      if (seen.has(c.id)) ctx.addIssue({ code: 'custom', path: ['connections', i, 'id'], message: `duplicate connection id '${c.id}'` });
      seen.add(c.id);
    });
  });

export type OrderSettings = z.output<typeof orderSettingsSchema>;
export const DEFAULT_ORDER_SETTINGS: OrderSettings = orderSettingsSchema.parse({});

export interface RackbeatConnection {
  baseUrl: string;
  apiToken: Secret;
  webhookTokens: Secret[];
  registerWebhooks: boolean;
  consumerName: string;
  consumerContact: string;
  /** Pacing of this token's requests; unset (hand-built connections) means not paced. */
  requestsPerMinute?: number | undefined;
  /** The poller's interval; unset or 0: no poller (webhooks only). */
  pollIntervalMs?: number | undefined;
}

export interface EconomicConnection {
  baseUrl: string;
  appSecretToken: Secret;
  agreementGrantToken: Secret;
  mapping: EconomicMapping;
}

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
/** The webshop settings of a connection whose file names none. */
export const DEFAULT_WEBSHOP_SETTINGS: WebshopSettings = webshopSettingsSchema.parse({});

export const DEFAULT_NETVISOR_SETTINGS: NetvisorSettings = {
  transfer: netvisorDefaults.transfer,
  propagateDeletions: netvisorDefaults.propagateDeletions,
  rejectedNameCharacters: netvisorDefaults.rejectedNameCharacters,
  productGroup: netvisorDefaults.productGroup,
  invoiceStatus: netvisorDefaults.invoiceStatus,
};

export interface ShopifyConnection {
  baseUrl: string;
  shopDomain: string;
  apiVersion: string;
  accessToken: Secret;
  /** Current secret first, then the previous one during a rotation. */
  apiSecrets: Secret[];
  locationId: string | undefined;
  registerWebhooks: boolean;
}

export interface WooCommerceConnection {
  baseUrl: string;
  consumerKey: Secret;
  consumerSecret: Secret;
  webhookSecret: Secret;
  registerWebhooks: boolean;
}

export interface Connection {
  id: string;
  rackbeat: RackbeatConnection;
  economic: EconomicConnection | undefined;
  netvisor: NetvisorConnection | undefined;
  shopify?: ShopifyConnection | undefined;
  woocommerce?: WooCommerceConnection | undefined;
  /** Every connection has them (defaults when the file names none); they matter only with a shop. */
  webshop: WebshopSettings;
  orders: OrderSettings;
  notify: { url: string | undefined };
  /** Mails of this connection (the installation's settings with the connection's over them); absent: no mail. */
  email?: EmailSettings | undefined;
}

export interface EmailSettings {
  smtp: { host: string; port: number; secure: boolean; user: string | undefined; password: Secret | undefined };
  from: string;
  to: string[];
  webUiUrl: string;
  digest: { hour: number; timezone: string } | undefined;
}

export const DEFAULT_WEB_UI_URL = 'http://localhost:8233';

export interface ConnectionsConfig {
  publicUrl: string | undefined;
  connections: Connection[];
}

/** Start-up stops with every problem at once, one line each: where, what, and an example. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(`${file}: ${problems.length} problem${problems.length === 1 ? '' : 's'}:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

const EXAMPLES: Record<string, string> = {
  id: 'id: acme-dk',
  connections: 'connections:\n      - id: acme-dk\n        rackbeat: { apiTokenEnv: RACKBEAT_API_TOKEN }',
  rackbeat: 'rackbeat: { apiTokenEnv: RACKBEAT_API_TOKEN }',
  apiTokenEnv: 'apiTokenEnv: RACKBEAT_API_TOKEN',
  webhookTokenEnv: 'webhookTokenEnv: RACKBEAT_WEBHOOK_TOKEN',
  passwordEnv: 'passwordEnv: SMTP_PASSWORD',
  appSecretTokenEnv: 'appSecretTokenEnv: ECONOMIC_APP_SECRET_TOKEN',
  agreementGrantTokenEnv: 'agreementGrantTokenEnv: ECONOMIC_AGREEMENT_GRANT_TOKEN',
  baseUrl: 'baseUrl: https://restapi.e-conomic.com',
  publicUrl: 'publicUrl: https://rackbridge.example.com',
  url: 'url: https://hooks.example.com/rackbridge',
  documentType: 'documentType: order   # or invoice',
  invoiceWhen: 'invoiceWhen: shipped   # or booked',
  bookInvoice: 'bookInvoice: true',
  sendBy: 'sendBy: email   # none, email or ean',
  registerPayment: 'registerPayment: { journalNumber: 1 }',
  journalNumber: 'journalNumber: 1',
  registerWebhooks: 'registerWebhooks: true',
  layoutNumber: 'layoutNumber: 19',
  organisationId: 'organisationId: 1967543-8',
  customerIdEnv: 'customerIdEnv: NETVISOR_CUSTOMER_ID',
  customerKeyEnv: 'customerKeyEnv: NETVISOR_CUSTOMER_KEY',
  partnerIdEnv: 'partnerIdEnv: NETVISOR_PARTNER_ID',
  partnerKeyEnv: 'partnerKeyEnv: NETVISOR_PARTNER_KEY',
  customerGroupNumber: 'customerGroupNumber: 1',
  paymentTerms: 'paymentTerms: { "2": 7 }   # Rackbeat 2 → e-conomic 7',
  productGroups: 'productGroups: { "2": 3 }   # Rackbeat 2 → e-conomic 3',
  vatZones: 'vatZones: { domestic: 1, eu: 2, abroad: 3 }',
  shopDomain: 'shopDomain: acme.myshopify.com',
  apiVersion: `apiVersion: '${SHOPIFY_API_VERSION}'`,
  accessTokenEnv: 'accessTokenEnv: SHOPIFY_ACCESS_TOKEN',
  apiSecretEnv: 'apiSecretEnv: SHOPIFY_API_SECRET',
  previousApiSecretEnv: 'previousApiSecretEnv: SHOPIFY_API_SECRET_PREVIOUS',
  consumerKeyEnv: 'consumerKeyEnv: WOOCOMMERCE_CONSUMER_KEY',
  consumerSecretEnv: 'consumerSecretEnv: WOOCOMMERCE_CONSUMER_SECRET',
  webhookSecretEnv: 'webhookSecretEnv: WOOCOMMERCE_WEBHOOK_SECRET',
  orderTrigger: 'orderTrigger: paid   # or created',
  wooStatuses: 'wooStatuses: [processing, completed]',
  shippingProduct: 'shippingProduct: SHIPPING',
};

/** Keys people write when they put a secret in the file instead of naming a variable. */
const SECRET_KEYS: Record<string, string> = {
  password: 'passwordEnv',
  apiToken: 'apiTokenEnv',
  token: 'apiTokenEnv',
  appSecretToken: 'appSecretTokenEnv',
  agreementGrantToken: 'agreementGrantTokenEnv',
  webhookToken: 'webhookTokenEnv',
  customerKey: 'customerKeyEnv',
  partnerKey: 'partnerKeyEnv',
  accessToken: 'accessTokenEnv',
  apiSecret: 'apiSecretEnv',
  consumerKey: 'consumerKeyEnv',
  consumerSecret: 'consumerSecretEnv',
  webhookSecret: 'webhookSecretEnv',
};

export function loadConnectionsFile(file: string, env: NodeJS.ProcessEnv): ConnectionsConfig {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new ConfigError(file, [`cannot read the file (${(err as NodeJS.ErrnoException).code ?? 'error'}); set CONNECTIONS_FILE to a readable YAML file`]);
  }
  return parseConnections(text, env, file);
}

export function parseConnections(text: string, env: NodeJS.ProcessEnv, file = 'connections file'): ConnectionsConfig {
  const doc = parseDocument(text, { prettyErrors: true });
  if (doc.errors.length > 0) {
    throw new ConfigError(file, doc.errors.map((e) => `not valid YAML at line ${e.linePos?.[0].line ?? '?'}: ${e.message.split('\n')[0] ?? ''}`));
  }
  const raw: unknown = doc.toJS();
  const parsed = fileSchema.safeParse(raw);
  if (!parsed.success) throw new ConfigError(file, parsed.error.issues.flatMap((issue) => describeIssue(issue, raw)));

  const problems: string[] = [];
  const secret = (name: string, path: string): Secret => {
    const value = env[name];
    if (value === undefined || value.trim() === '') {
      problems.push(`${path}: environment variable ${name} is not set — e.g. export ${name}=… before starting`);
      return new Secret('');
    }
    return new Secret(value.trim());
  };

  type EmailInput = z.output<typeof emailSchema> | undefined;
  const emailSettings = (installation: EmailInput, own: EmailInput, at: string): EmailSettings | undefined => {
    if (!installation && !own) return undefined;
    const smtp = own?.smtp ?? installation?.smtp;
    const from = own?.from ?? installation?.from;
    const to = own?.to ?? installation?.to;
    const where = own ? `${at}.email` : 'email';
    if (!smtp) problems.push(`${where}.smtp: is required for e-mail — e.g. smtp: { host: smtp.example.com, port: 587, user: rackbridge, passwordEnv: SMTP_PASSWORD }`);
    if (!from) problems.push(`${where}.from: is required for e-mail — e.g. from: rackbridge@example.com`);
    if (!to) problems.push(`${where}.to: is required for e-mail — e.g. to: [bookkeeping@example.com]`);
    if (!smtp || !from || !to) return undefined;
    const digest = own?.digest ?? installation?.digest ?? { hour: 7, timezone: 'UTC' };
    return {
      smtp: { host: smtp.host, port: smtp.port, secure: smtp.secure, user: smtp.user, password: smtp.passwordEnv ? secret(smtp.passwordEnv, `${where}.smtp.passwordEnv`) : undefined },
      from,
      to,
      webUiUrl: own?.webUiUrl ?? installation?.webUiUrl ?? DEFAULT_WEB_UI_URL,
      digest: digest === false ? undefined : digest,
    };
  };

  const connections = parsed.data.connections.map((c, i): Connection => {
    const at = `connections[${i}]`;
    const webhookTokens = c.rackbeat.webhookTokenEnv
      ? secret(c.rackbeat.webhookTokenEnv, `${at}.rackbeat.webhookTokenEnv`)
          .reveal()
          .split(',')
          .map((t) => t.trim())
          .filter(Boolean)
          .map((t) => new Secret(t))
      : [];
    return {
      id: c.id,
      rackbeat: {
        baseUrl: c.rackbeat.baseUrl,
        apiToken: secret(c.rackbeat.apiTokenEnv, `${at}.rackbeat.apiTokenEnv`),
        webhookTokens,
        registerWebhooks: c.rackbeat.registerWebhooks,
        consumerName: c.rackbeat.consumerName,
        consumerContact: c.rackbeat.consumerContact,
        requestsPerMinute: c.rackbeat.requestsPerMinute,
        pollIntervalMs: c.rackbeat.pollIntervalSeconds * 1000,
      },
      economic: c.economic && {
        baseUrl: c.economic.baseUrl,
        appSecretToken: secret(c.economic.appSecretTokenEnv, `${at}.economic.appSecretTokenEnv`),
        agreementGrantToken: secret(c.economic.agreementGrantTokenEnv, `${at}.economic.agreementGrantTokenEnv`),
        mapping: {
          layoutNumber: c.economic.layoutNumber,
          customerGroupNumber: c.economic.customerGroupNumber,
          paymentTermsMap: c.economic.paymentTerms,
          productGroupMap: c.economic.productGroups,
          vatZoneMap: c.economic.vatZones,
        },
      },
      netvisor: c.netvisor && {
        baseUrl: c.netvisor.baseUrl,
        sender: c.netvisor.sender,
        customerId: secret(c.netvisor.customerIdEnv, `${at}.netvisor.customerIdEnv`),
        customerKey: secret(c.netvisor.customerKeyEnv, `${at}.netvisor.customerKeyEnv`),
        partnerId: secret(c.netvisor.partnerIdEnv, `${at}.netvisor.partnerIdEnv`),
        partnerKey: secret(c.netvisor.partnerKeyEnv, `${at}.netvisor.partnerKeyEnv`),
        organisationId: c.netvisor.organisationId,
        language: c.netvisor.language,
        settings: {
          transfer: c.netvisor.transfer,
          propagateDeletions: c.netvisor.propagateDeletions,
          rejectedNameCharacters: c.netvisor.rejectedNameCharacters,
          productGroup: c.netvisor.productGroup,
          invoiceStatus: c.netvisor.invoiceStatus,
        },
      },
      shopify: c.shopify && {
        baseUrl: c.shopify.baseUrl,
        shopDomain: c.shopify.shopDomain,
        apiVersion: c.shopify.apiVersion,
        accessToken: secret(c.shopify.accessTokenEnv, `${at}.shopify.accessTokenEnv`),
        apiSecrets: [
          secret(c.shopify.apiSecretEnv, `${at}.shopify.apiSecretEnv`),
          ...(c.shopify.previousApiSecretEnv ? [secret(c.shopify.previousApiSecretEnv, `${at}.shopify.previousApiSecretEnv`)] : []),
        ],
        locationId: c.shopify.locationId,
        registerWebhooks: c.shopify.registerWebhooks,
      },
      woocommerce: c.woocommerce && {
        baseUrl: c.woocommerce.baseUrl,
        consumerKey: secret(c.woocommerce.consumerKeyEnv, `${at}.woocommerce.consumerKeyEnv`),
        consumerSecret: secret(c.woocommerce.consumerSecretEnv, `${at}.woocommerce.consumerSecretEnv`),
        webhookSecret: secret(c.woocommerce.webhookSecretEnv, `${at}.woocommerce.webhookSecretEnv`),
        registerWebhooks: c.woocommerce.registerWebhooks,
      },
      webshop: c.webshop,
      orders: c.orders,
      notify: { url: c.notify.url },
      email: emailSettings(parsed.data.email, c.email, at),
    };
  });
  if (problems.length > 0) throw new ConfigError(file, problems);
  return { publicUrl: parsed.data.server.publicUrl, connections };
}

function describeIssue(issue: z.core.$ZodIssue, raw: unknown): string[] {
  const path = formatPath(issue.path);
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => {
      const where = path ? `${path}.${key}` : key;
      const envKey = SECRET_KEYS[key];
      if (envKey) return `${where}: secrets are never written in the file — name an environment variable instead, e.g. ${EXAMPLES[envKey] ?? `${envKey}: MY_SECRET`}`;
      return `${where}: unknown setting — check the spelling (see README, "Connections file")`;
    });
  }
  const last = [...issue.path].reverse().find((p): p is string => typeof p === 'string');
  const example = last ? EXAMPLES[last] : undefined;
  const input = valueAt(raw, issue.path);
  const message =
    issue.code === 'invalid_type' && input === undefined
      ? 'is required'
      : issue.code === 'invalid_type' && input === null
        ? 'is empty — give it a value or remove the key'
        : issue.message;
  return [`${path || '(top level)'}: ${message}${example ? ` — e.g. ${example}` : ''}`];
}

function valueAt(raw: unknown, path: PropertyKey[]): unknown {
  let current = raw;
  for (const part of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[part];
  }
  return current;
}

function formatPath(path: PropertyKey[]): string {
  return path.reduce<string>((acc, part) => (typeof part === 'number' ? `${acc}[${part}]` : acc ? `${acc}.${String(part)}` : String(part)), '');
}

/** Process-level settings from the environment (DESIGN.md §6). */
export interface RuntimeEnv {
  port: number;
  host: string;
  sandboxPort: number;
  temporalAddress: string | undefined;
  temporalNamespace: string;
  temporalUiPort: number;
  dataDir: string;
  connectionsFile: string | undefined;
  /** A running `rackbridge sandbox`: with no CONNECTIONS_FILE, the demo connections point at it. */
  sandboxUrl: string | undefined;
  publicUrl: string | undefined;
  logLevel: string;
}

export function readRuntimeEnv(env: NodeJS.ProcessEnv, cwd: string = process.cwd()): RuntimeEnv {
  const problems: string[] = [];
  const port = (name: string, fallback: number): number => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < 0 || value > 65535) problems.push(`${name}=${raw}: must be a port number 0–65535 — e.g. ${name}=${fallback}`);
    return value;
  };
  const result: RuntimeEnv = {
    port: port('PORT', 3000),
    host: env.HOST ?? '127.0.0.1',
    sandboxPort: port('SANDBOX_PORT', 4000),
    temporalAddress: env.TEMPORAL_ADDRESS || undefined,
    temporalNamespace: env.TEMPORAL_NAMESPACE || 'default',
    temporalUiPort: port('TEMPORAL_UI_PORT', 8233),
    dataDir: absolute(env.DATA_DIR || '.data', cwd),
    connectionsFile: env.CONNECTIONS_FILE ? absolute(env.CONNECTIONS_FILE, cwd) : undefined,
    sandboxUrl: env.SANDBOX_URL ? env.SANDBOX_URL.replace(/\/+$/, '') : undefined,
    publicUrl: env.PUBLIC_URL || undefined,
    logLevel: env.LOG_LEVEL || 'info',
  };
  if (problems.length > 0) throw new ConfigError('environment', problems);
  return result;
}

function absolute(path: string, cwd: string): string {
  return isAbsolute(path) ? path : resolve(cwd, path);
}
