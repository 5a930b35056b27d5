/** One problem found in a serialised model: where it is (`path`) and what is wrong with it. */
export interface EmbedModelIssue {
  /** JSON path of the offending field, e.g. `["vocabulary", 3]`. */
  readonly path: readonly (string | number)[];
  readonly message: string;
}

/**
 * Thrown by {@link fromJSON} when a serialised model is corrupt, truncated, of an unknown kind or of an
 * unsupported version. `issues` lists every problem found.
 */
export class EmbedModelError extends Error {
  override readonly name = "EmbedModelError";
  readonly issues: readonly EmbedModelIssue[];
  constructor(message: string, issues: readonly EmbedModelIssue[], options?: ErrorOptions) {
    super(message, options);
    this.issues = issues;
  }
}
