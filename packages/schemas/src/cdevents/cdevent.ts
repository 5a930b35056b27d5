/** The CDEvents spec version this package writes (`context.specversion`). */
export const CDEVENTS_SPEC_VERSION = "0.5.1";

/**
 * A CDEvent as JSON (spec v0.5.1): a `context` saying what happened where and when, a `subject` the event
 * is about, and optional `customData`. Faultline writes the fields CDEvents lacks under
 * `customData.faultline`.
 */
export interface CDEvent {
  context: {
    specversion: string;
    id: string;
    source: string;
    type: string;
    timestamp: string;
    schemaUri?: string;
    chainId?: string;
    links?: unknown[];
  };
  subject: {
    id: string;
    source?: string;
    content: Record<string, unknown>;
  };
  customData?: Record<string, unknown> | string;
  customDataContentType?: string;
}
