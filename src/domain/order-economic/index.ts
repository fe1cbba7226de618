export * from './mapping-settings';
export * from './mapping-master-data';
export * from './mapping-document';
export * from './preflight';
