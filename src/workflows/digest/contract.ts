/** The daily digest per connection: one `digest:{conn}` Temporal Schedule starts `dailyDigest`. */
export const DIGEST_FLOW = 'digest';

export function digestScheduleId(connectionId: string): string {
  return `${DIGEST_FLOW}:${connectionId}`;
}

export interface DailyDigestInput {
  connectionId: string;
  /** How far back "done" reaches. @default 24 hours */
  windowMs?: number;
}

export interface DailyDigestResult {
  sent: boolean;
  subject?: string;
}
