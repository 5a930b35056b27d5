import { assertString } from "./internal/assert";

/**
 * One masking rule, as plain data (the shape of Drain3's `MaskingInstruction` and Sentry's
 * parameterization regexes, plus a name and a trigger set).
 *
 * Rules run on one whitespace-delimited token at a time, in list order; each match is replaced by
 * `mask` and its text is kept as a {@link MaskedParam}. A rule never sees whitespace, so a rule cannot
 * match across it.
 *
 * Linear time is the rule author's duty: the built-in rules start every unbounded quantifier at a
 * run boundary (a lookbehind that excludes the quantified class) and never nest quantifiers over
 * overlapping classes. A rule that breaks this can make masking quadratic or worse on hostile input.
 */
export interface MaskingRule {
  /** Stable, unique rule name (`"ipv4"`); reported in {@link MaskedParam.name}. */
  readonly name: string;
  /** Matched against each token; the `g` flag is added if missing. Must not match the empty string. */
  readonly pattern: RegExp;
  /** Replacement for each match, by convention `<UPPER>` (`"<IP>"`). */
  readonly mask: string;
  /**
   * A cheap pre-filter that keeps tokens the rule cannot match away from the regex engine. A string:
   * the token must contain at least one of its characters. An array of strings: it must contain at
   * least one character of each (`[":", "0123456789"]`: a colon and a digit). Omit to run the rule on
   * every token. The first string also picks candidate tokens in one native-regex pass, so put the
   * rarest characters first (digits rather than letters).
   * @defaultValue undefined (every token)
   */
  readonly triggers?: string | readonly string[];
}

/**
 * Declares a masking rule, checking its shape once (the typed identity helper for custom rules).
 * @throws TypeError when `name`, `mask` or `triggers` is not a string, or `pattern` is not a RegExp.
 * @example
 * const ticket = defineMaskingRule({ name: "ticket", pattern: /\bJIRA-\d+\b/g, mask: "<TICKET>", triggers: "-" });
 * mask("blocked by JIRA-123", { rules: [ticket, ...defaultMaskingRules] }).text; // => "blocked by <TICKET>"
 */
export function defineMaskingRule(rule: MaskingRule): MaskingRule {
  assertMaskingRule(rule, "rule");
  return rule;
}

/** @internal Validates one rule; `where` names it in the error. */
export function assertMaskingRule(rule: unknown, where: string): asserts rule is MaskingRule {
  if (typeof rule !== "object" || rule === null) {
    throw new TypeError(`[@faultline/normalize] ${where} must be a masking rule object (got ${typeof rule})`);
  }
  const r = rule as Record<string, unknown>;
  assertString(r.name, `${where}.name`);
  assertString(r.mask, `${where}.mask`);
  if (!(r.pattern instanceof RegExp)) {
    throw new TypeError(`[@faultline/normalize] ${where}.pattern must be a RegExp (got ${typeof r.pattern})`);
  }
  if (Array.isArray(r.triggers))
    r.triggers.forEach((t, i) => {
      assertString(t, `${where}.triggers[${i}]`);
    });
  else if (r.triggers !== undefined) assertString(r.triggers, `${where}.triggers`);
}
