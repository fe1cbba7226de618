import { readFileSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { parseDocument } from 'yaml';
import { z } from 'zod';
import { type WebshopSettings, webshopSettingsSchema } from '../domain/webshop/settings';
import { envRef, httpUrl, Secret, type SecretReader } from './common';
import { ECONOMIC_SECTION, type EconomicConnection } from './economic';
import { NETVISOR_SECTION, type NetvisorConnection } from './netvisor';
import { RACKBEAT_SECTION, type RackbeatConnection } from './rackbeat';
import { SHOPIFY_SECTION, type ShopifyConnection } from './shopify';
import { WOOCOMMERCE_SECTION, type WooCommerceConnection } from './woocommerce';

/*
 * The connections file (YAML, path from CONNECTIONS_FILE) and the environment, validated once at
 * start-up. Secrets are never written in the file: it names environment variables (`…Env`) and
 * the values are read from the environment here, wrapped in `Secret` so they cannot reach a log.
 * Each system's section (schema, settings, examples, client) lives in its own file of this folder;
 * this one composes them.
 */

export { DEFAULT_RACKBEAT_REQUESTS_PER_MINUTE, type RackbeatConnection } from './rackbeat';
export type { EconomicConnection } from './economic';
export { DEFAULT_NETVISOR_SETTINGS, type NetvisorConnection, type NetvisorSettings } from './netvisor';
export type { ShopifyConnection } from './shopify';
export type { WooCommerceConnection } from './woocommerce';

const CONNECTION_ID = /^[a-z0-9][a-z0-9-]{0,62}$/;

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
    rackbeat: RACKBEAT_SECTION.schema,
    economic: ECONOMIC_SECTION.schema.optional(),
    netvisor: NETVISOR_SECTION.schema.optional(),
    shopify: SHOPIFY_SECTION.schema.optional(),
    woocommerce: WOOCOMMERCE_SECTION.schema.optional(),
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

/** The webshop settings of a connection whose file names none. */
export const DEFAULT_WEBSHOP_SETTINGS: WebshopSettings = webshopSettingsSchema.parse({});

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

const SECTIONS = [RACKBEAT_SECTION, ECONOMIC_SECTION, NETVISOR_SECTION, SHOPIFY_SECTION, WOOCOMMERCE_SECTION];
const merged = (pick: (s: (typeof SECTIONS)[number]) => Record<string, string>): Record<string, string> => Object.fromEntries(SECTIONS.flatMap((s) => Object.entries(pick(s))));

const EXAMPLES: Record<string, string> = {
  ...merged((s) => s.examples),
  id: 'id: acme-dk',
  connections: 'connections:\n      - id: acme-dk\n        rackbeat: { apiTokenEnv: RACKBEAT_API_TOKEN }',
  passwordEnv: 'passwordEnv: SMTP_PASSWORD',
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
  orderTrigger: 'orderTrigger: paid   # or created',
  wooStatuses: 'wooStatuses: [processing, completed]',
  shippingProduct: 'shippingProduct: SHIPPING',
};

/** Keys people write when they put a secret in the file instead of naming a variable. */
const SECRET_KEYS: Record<string, string> = { password: 'passwordEnv', ...merged((s) => s.secretKeys) };

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
  const secret: SecretReader = (name, path) => {
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
    return {
      id: c.id,
      rackbeat: RACKBEAT_SECTION.build(c.rackbeat, secret, at),
      economic: c.economic && ECONOMIC_SECTION.build(c.economic, secret, at),
      netvisor: c.netvisor && NETVISOR_SECTION.build(c.netvisor, secret, at),
      shopify: c.shopify && SHOPIFY_SECTION.build(c.shopify, secret, at),
      woocommerce: c.woocommerce && WOOCOMMERCE_SECTION.build(c.woocommerce, secret, at),
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
