export { orderLifecycle } from './order/workflow';
export { netvisorInvoice, netvisorOrder } from './netvisor/workflow';
export { customerSync, productSync } from './master-data/workflow';
export { netvisorImport } from './import/workflow';
export { webshopOrder } from './webshop/workflow';
export { webshopProduct } from './webshop-product/workflow';
export { webshopReconcile } from './reconcile/workflow';
export { stockSync } from './stock/workflow';
export { stockReconcileTrigger } from './stock/reconcile-trigger';
