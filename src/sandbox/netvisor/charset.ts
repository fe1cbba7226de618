/**
 * Netvisor asks for Scandinavian letters in ISO/IEC 8859-15 and also takes UTF-8 (reference §3).
 * The charset comes from the Content-Type header, else the XML declaration's `encoding`, else
 * UTF-8 (the XML default). ISO-8859-1 is read as such (Netvisor's MAC uses it); an unknown charset
 * is refused rather than guessed.
 */
export function decodeBody(body: Buffer, contentType: string | undefined): string {
  const declared = /charset\s*=\s*"?([\w.:-]+)"?/i.exec(contentType ?? '')?.[1] ?? /^\s*<\?xml[^>]*encoding\s*=\s*["']([\w.:-]+)["']/i.exec(body.subarray(0, 200).toString('latin1'))?.[1] ?? 'utf-8';
  let decoder: InstanceType<typeof TextDecoder>;
  try {
    decoder = new TextDecoder(declared.toLowerCase());
  } catch {
    throw Object.assign(new Error(`Unsupported charset '${declared}'`), { statusCode: 415 });
  }
  return decoder.decode(body);
}
