import { XMLParser, XMLValidator } from 'fast-xml-parser';

/** A request element with its children in document order; names lower-cased (Netvisor ignores case). */
export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  text: string;
  children: XmlElement[];
}

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
});

type Ordered = Record<string, unknown>;

/** Parses a request body; undefined when it is not well-formed XML with a single `<root>`. */
export function parseRequestXml(body: string): XmlElement | undefined {
  if (XMLValidator.validate(body) !== true) return undefined;
  const nodes = (parser.parse(body) as Ordered[]).map(toElement).filter((n): n is XmlElement => n !== undefined && !n.name.startsWith('?'));
  const [root] = nodes;
  return nodes.length === 1 && root?.name === 'root' ? root : undefined;
}

function toElement(node: Ordered): XmlElement | undefined {
  const name = Object.keys(node).find((k) => k !== ':@' && k !== '#text');
  if (name === undefined) return undefined;
  const attrs = Object.fromEntries(Object.entries((node[':@'] ?? {}) as Record<string, unknown>).map(([k, v]) => [k.toLowerCase(), String(v)]));
  const content = (node[name] ?? []) as Ordered[];
  const children: XmlElement[] = [];
  let text = '';
  for (const part of content) {
    if ('#text' in part) text += String(part['#text']);
    else {
      const child = toElement(part);
      if (child) children.push(child);
    }
  }
  return { name: name.toLowerCase(), attrs, text, children };
}

export function child(node: XmlElement | undefined, name: string): XmlElement | undefined {
  return node?.children.find((c) => c.name === name);
}

/** Text of a direct child, or undefined when absent. */
export function textAt(node: XmlElement | undefined, ...path: string[]): string | undefined {
  let current = node;
  for (const name of path) current = child(current, name);
  return current?.text;
}

/** Leaf children as a name → text record (for master data the simulator stores verbatim). */
export function leaves(node: XmlElement | undefined): Record<string, string> {
  return Object.fromEntries((node?.children ?? []).filter((c) => c.children.length === 0).map((c) => [c.name, c.text]));
}

export function esc(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** `<Name>value</Name>`, escaped; undefined values are left out. */
export function tag(name: string, value: string | undefined, attrs: Record<string, string> = {}): string {
  if (value === undefined) return '';
  const a = Object.entries(attrs).map(([k, v]) => ` ${k}="${esc(v)}"`).join('');
  return `<${name}${a}>${esc(value)}</${name}>`;
}

/** Netvisor's decimal comma, as many decimals as the value has (VAT percentages, quantities: `25,5`, `2`). */
export function comma(value: number): string {
  return String(value).replace('.', ',');
}

/** A decimal comma with exactly `digits` decimals (recorded answers: `ProductUnitPrice` `6,9000`). */
export function scaled(value: number, digits: number): string {
  return value.toFixed(digits).replace('.', ',');
}

/** Amounts keep their 2-decimal scale, as in every recorded answer (`244,00`, `16,84`). */
export function money(value: number): string {
  return scaled(value, 2);
}

/** Reads `12,5` or `12.5`; undefined otherwise. */
export function readNumber(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const t = text.trim().replace(',', '.');
  return /^-?\d+(\.\d+)?$/.test(t) ? Number(t) : undefined;
}
