export { orderLifecycle } from './order/workflow';
