import type { XmlElement } from './xml-tree';

export interface ResourceRequest {
  /** Query parameters with lower-case names. */
  query: Record<string, string | undefined>;
  /** The parsed and structurally validated `<root>` of a POST; undefined for GET. */
  root: XmlElement | undefined;
}

/** A handler returns the XML that goes inside `<Root>` after `<ResponseStatus>`, or throws NetvisorFailure. */
export type ResourceHandler = (request: ResourceRequest) => string;

export interface ResourceTable {
  get: Record<string, ResourceHandler>;
  post: Record<string, ResourceHandler>;
}
