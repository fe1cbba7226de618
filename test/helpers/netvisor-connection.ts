import { type Connection, DEFAULT_NETVISOR_SETTINGS, type NetvisorSettings } from '../../src/config';
import { Secret } from '../../src/domain/secret';
import { NETVISOR_SANDBOX_CREDENTIALS as NV } from '../../src/sandbox/netvisor/credentials';

/** Turns a harness connection into a Rackbeat → Netvisor one (no e-conomic), against the same sandbox. */
export function netvisorConnection(settings: Partial<NetvisorSettings> = {}) {
  return (connection: Connection, sandboxUrl: string): Connection => ({
    ...connection,
    economic: undefined,
    netvisor: {
      baseUrl: `${sandboxUrl}/netvisor`,
      sender: NV.sender,
      customerId: new Secret(NV.customerId),
      customerKey: new Secret(NV.customerKey),
      partnerId: new Secret(NV.partnerId),
      partnerKey: new Secret(NV.partnerKey),
      organisationId: NV.organisationId,
      language: 'EN',
      settings: { ...DEFAULT_NETVISOR_SETTINGS, ...settings, transfer: { ...DEFAULT_NETVISOR_SETTINGS.transfer, ...settings.transfer } },
    },
  });
}
