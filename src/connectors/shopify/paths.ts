/** A decimal id from a decimal string or a gid (`gid://shopify/Order/123` → `123`); throws on anything else. */
export function legacyId(id: string): string {
  const match = /^(?:gid:\/\/shopify\/\w+\/)?(\d+)$/.exec(id);
  if (!match?.[1]) throw new TypeError(`not a Shopify id: ${JSON.stringify(id)}`);
  return match[1];
}

export function toGid(type: string, id: string): string {
  return id.startsWith('gid://') ? id : `gid://shopify/${type}/${legacyId(id)}`;
}

/** `page_info` of the `rel="next"` entry of a `Link` header. */
export function nextPageInfo(link: unknown): string | undefined {
  if (typeof link !== 'string') return undefined;
  for (const part of link.split(',')) {
    const match = /<([^>]+)>\s*;\s*rel="?next"?/.exec(part);
    if (match?.[1]) return new URL(match[1]).searchParams.get('page_info') ?? undefined;
  }
  return undefined;
}

/** A `sku:` search term; quotes keep `/`, spaces and `:` inside one value. */
export function skuTerm(sku: string): string {
  return `sku:"${sku.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}
