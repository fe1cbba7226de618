import { DefaultFailureConverter } from '@temporalio/common';

/**
 * Loaded by path (the worker bundles it into the workflow sandbox too): failure messages and
 * stack traces move into an encoded payload, so the codec encrypts them like any other payload —
 * a held reason names customers. No Node built-ins here.
 */
export const failureConverter = new DefaultFailureConverter({ encodeCommonAttributes: true });
