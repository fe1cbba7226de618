/** Netvisor's response envelope (reference §4.1) and the simulator's failure type. */

/** Thrown by handlers; becomes `<Status>FAILED</Status><Status>CATEGORY :: text</Status>`. */
export class NetvisorFailure extends Error {
  constructor(
    readonly category: string,
    readonly text: string,
  ) {
    super(`${category} :: ${text}`);
  }
}

/** XML validation failure, worded as Netvisor words it (P3), with the simulator's detail appended. */
export function invalidXml(detail: string): NetvisorFailure {
  return new NetvisorFailure('INVALID_DATA', `Data form incorrect:. XML message validation failed: Could not validate xml (${detail})`);
}

export function invalidData(text: string): NetvisorFailure {
  return new NetvisorFailure('INVALID_DATA', `Data form incorrect:. ${text}`);
}

/** `d.M.yyyy HH:mm:ss` as in Netvisor's responses. */
function timeStamp(at: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${at.getUTCDate()}.${at.getUTCMonth() + 1}.${at.getUTCFullYear()} ${pad(at.getUTCHours())}:${pad(at.getUTCMinutes())}:${pad(at.getUTCSeconds())}`;
}

export function okXml(inner = ''): string {
  return `<?xml version="1.0" encoding="utf-8" standalone="yes"?><Root><ResponseStatus><Status>OK</Status><TimeStamp>${timeStamp(new Date())}</TimeStamp></ResponseStatus>${inner}</Root>`;
}

export function failedXml(failure: NetvisorFailure): string {
  const text = `${failure.category} :: ${failure.text}`.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return `<?xml version="1.0" encoding="utf-8" standalone="yes"?><Root><ResponseStatus><Status>FAILED</Status><Status>${text}</Status><TimeStamp>${timeStamp(new Date())}</TimeStamp></ResponseStatus></Root>`;
}

/**
 * HTTP status with `UseHTTPResponseStatusCodes: 1`. Netvisor does not document its mapping
 * (reference §12 q1); this is the simulator's choice. Without the header every answer is 200.
 */
export function httpStatusFor(category: string): number {
  switch (category) {
    case 'AUTHENTICATION_FAILED':
      return 401;
    case 'SERVICE_ACCESS_ERROR':
      return 403;
    case 'TECHNICAL_ERROR':
      return 500;
    case 'SYSTEM_MAINTENANCE':
      return 503;
    default:
      return 400;
  }
}
