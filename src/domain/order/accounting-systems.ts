/** What a connection says about where its orders are invoiced (the sections of the connections file). */
interface ConnectionSections {
  economic?: unknown;
}

/**
 * The accounting systems the order lifecycle (F2) can invoice in, and how a connection picks one.
 * A new system is one more key here; the compiler then asks for its port in
 * `activities/order-accounting/systems.ts`.
 */
export const ORDER_ACCOUNTING_SYSTEMS = {
  economic: { label: 'e-conomic', configured: (connection: ConnectionSections): boolean => connection.economic !== undefined },
} as const;

export type OrderAccountingSystem = keyof typeof ORDER_ACCOUNTING_SYSTEMS;

const SYSTEMS = Object.keys(ORDER_ACCOUNTING_SYSTEMS) as OrderAccountingSystem[];

/** The system the connection's orders are invoiced in, if it has one. */
export function orderAccountingOf(connection: ConnectionSections): OrderAccountingSystem | undefined {
  return SYSTEMS.find((system) => ORDER_ACCOUNTING_SYSTEMS[system].configured(connection));
}

/** "e-conomic" (or "e-conomic or …"): what a connection without one lacks. */
export const ORDER_ACCOUNTING_LABELS = SYSTEMS.map((system) => ORDER_ACCOUNTING_SYSTEMS[system].label).join(' or ');
