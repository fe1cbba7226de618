import type { SendBy } from '../../connectors/economic/types';

/** The connection's `sendBy` setting. */
export type SendBySetting = 'none' | 'email' | 'ean';

/**
 * e-conomic's casing for `sendBy` on booking: the schema's enum `Email` / `EAN` (the prose's
 * lower-case `ean` also works, but `email` is unverified). `none` → undefined: send nothing.
 */
export function economicSendBy(sendBy: SendBySetting): SendBy | undefined {
  switch (sendBy) {
    case 'none':
      return undefined;
    case 'email':
      return 'Email';
    case 'ean':
      return 'EAN';
  }
}
