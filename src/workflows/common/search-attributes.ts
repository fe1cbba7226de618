import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

/** Search attributes of DESIGN.md §4. No personal data in them: they are stored unencrypted. */
export const ConnectionIdKey = defineSearchAttributeKey('ConnectionId', SearchAttributeType.KEYWORD);
export const FlowKey = defineSearchAttributeKey('Flow', SearchAttributeType.KEYWORD);
export const TransferStageKey = defineSearchAttributeKey('TransferStage', SearchAttributeType.KEYWORD);
export const SourceRefKey = defineSearchAttributeKey('SourceRef', SearchAttributeType.KEYWORD);
export const TargetRefsKey = defineSearchAttributeKey('TargetRefs', SearchAttributeType.KEYWORD_LIST);
export const HeldReasonKey = defineSearchAttributeKey('HeldReason', SearchAttributeType.KEYWORD);

/** True while a transfer waits for `rackbridge resume` (set when it stops, false once resumed). */
export const PausedKey = defineSearchAttributeKey('RackbridgePaused', SearchAttributeType.BOOL);

export const SEARCH_ATTRIBUTES = [ConnectionIdKey, FlowKey, TransferStageKey, SourceRefKey, TargetRefsKey, HeldReasonKey, PausedKey] as const;

const CLI_TYPE_NAMES: Record<string, string> = {
  [SearchAttributeType.KEYWORD]: 'Keyword',
  [SearchAttributeType.KEYWORD_LIST]: 'KeywordList',
  [SearchAttributeType.BOOL]: 'Bool',
};

/** `--search-attribute Name=Type` arguments for `temporal server start-dev`. */
export function searchAttributeCliArgs(): string[] {
  return SEARCH_ATTRIBUTES.flatMap((key) => ['--search-attribute', `${key.name}=${CLI_TYPE_NAMES[key.type] ?? 'Keyword'}`]);
}
