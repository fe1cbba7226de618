export { RackbeatClient } from './client';
export { iteratePages } from './paging';
export { rackbeatErrorMessage, rackbeatFieldIssues, rackbeatRejection } from './errors';
export { formatRackbeatTimestamp, rawUrlEncode } from './paths';
export { rackbeatTimestampMs } from './schemas';
export type { LineItem, Page } from './schemas';
export type * from './types';
