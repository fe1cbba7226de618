import { XMLParser } from 'fast-xml-parser';

/** One XML element to write: children keep the order given, which must be the DTD's order. */
export interface XmlNode {
  name: string;
  attrs?: Record<string, string>;
  /** Text content; undefined with no children means the element is left out entirely. */
  text?: string;
  children?: (XmlNode | undefined)[];
}

export function escapeXml(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

/** Element with text; undefined or empty values drop the element (optional empty elements may be omitted, P4). */
export function el(name: string, value: string | number | undefined, attrs?: Record<string, string>): XmlNode | undefined {
  if (value === undefined) return undefined;
  const text = typeof value === 'number' ? formatDecimal(value) : value;
  if (text === '') return undefined;
  return attrs ? { name, text, attrs } : { name, text };
}

export function group(name: string, children: (XmlNode | undefined)[], attrs?: Record<string, string>): XmlNode | undefined {
  const present = children.filter((c): c is XmlNode => c !== undefined);
  if (present.length === 0) return undefined;
  return attrs ? { name, children: present, attrs } : { name, children: present };
}

export function renderXml(node: XmlNode): string {
  const attrs = Object.entries(node.attrs ?? {})
    .map(([k, v]) => ` ${k}="${escapeXml(v)}"`)
    .join('');
  if (node.children) {
    const inner = node.children.filter((c): c is XmlNode => c !== undefined).map(renderXml).join('');
    return `<${node.name}${attrs}>${inner}</${node.name}>`;
  }
  return `<${node.name}${attrs}>${escapeXml(node.text ?? '')}</${node.name}>`;
}

/** Netvisor writes decimals with a comma (`244,00`); integers stay plain. */
export function formatDecimal(value: number): string {
  if (!Number.isFinite(value)) throw new RangeError(`not a finite number: ${value}`);
  return Number.isInteger(value) ? String(value) : String(value).replace('.', ',');
}

/**
 * Amounts and prices keep at least their 2-decimal scale, as every Netvisor example writes them
 * (`244,00`, `6,90`; reference §3); a price with more decimals keeps them (`6,9375`).
 */
export function formatAmount(value: number): string {
  const text = formatDecimal(value);
  const decimals = text.split(',')[1] ?? '';
  return decimals.length >= 2 ? text : value.toFixed(2).replace('.', ',');
}

/** Parses `1 234,50` / `1234.5` / `-3,04`; undefined for anything else (never coerced to 0). */
export function parseDecimal(text: string): number | undefined {
  const normalised = text.trim().replace(/\s/g, '').replace(',', '.');
  if (!/^-?\d+(\.\d+)?$/.test(normalised)) return undefined;
  return Number(normalised);
}

/** Elements that may repeat in a response; always parsed as arrays. */
const ARRAY_ELEMENTS = new Set(['status', 'salesinvoice', 'customer', 'product', 'period', 'invoiceline', 'salesinvoiceproductline', 'vatcode', 'vatpercentage']);

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  // Netvisor mixes case (`Netvisorkey`, `Customerlist`, `productidentifier`): read case-insensitively.
  transformTagName: (name) => name.toLowerCase(),
  isArray: (name) => ARRAY_ELEMENTS.has(name),
});

/** Parses a response body into plain objects with lowercase element names; undefined if it is not XML with a root. */
export function parseXml(text: string): Record<string, unknown> | undefined {
  if (!text.trimStart().startsWith('<')) return undefined;
  try {
    const doc = parser.parse(text) as Record<string, unknown>;
    const root = doc.root;
    return typeof root === 'object' && root !== null ? (root as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
