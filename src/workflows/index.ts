export { orderLifecycle } from './order/workflow';
export { netvisorInvoice, netvisorOrder } from './netvisor/workflow';
export { customerSync, productSync } from './master-data/workflow';
export { netvisorImport } from './import/workflow';
export { webshopOrder } from './webshop/workflow';
