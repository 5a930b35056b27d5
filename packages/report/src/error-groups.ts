// Error groups: cluster labels + per-event items → groups sorted by size, with a medoid message, a token
// template, top terms, scopes/states, first/last seen and daily counts. Near-duplicate groups are merged.
import {
  assertNonNegative,
  assertPositiveInt,
  assertUnitInterval,
  rangeError,
  show,
  typeError,
} from "./internal/assert";
import { closePairs, normalizedDistance } from "./internal/similarity";
import { roundedPercentages } from "./internal/stats";
import { buildTemplate, WILDCARD } from "./internal/template";
import { termsOf } from "./internal/terms";
import { assertTimeZone, createDayKeyer, dayRange, parseInstant, toIso } from "./internal/time";

/**
 * One error event (or one deduplicated row standing for `count` identical events), as an upstream pipeline
 * (normalize → dedupe → embed → cluster) hands it over.
 */
export interface ErrorItem {
  /** The message shown to people when this item is a group's representative. */
  message: string;
  /** The message already tokenised and masked upstream (`["pod", "<ID>", "crashed"]`): templates and terms use it. */
  tokens: readonly string[];
  /** Upstream key of identical masked messages (e.g. a dedupe hash); items with the same key share one token list. */
  templateKey?: string;
  /** Where the error was raised (`ENVIRONMENT`, `APPLICATION`, …). */
  scope?: string;
  /** Deployment state the error belongs to (`DEPLOYMENT_ERROR`, `BUILD_ERROR`, …). */
  state?: string;
  /** When it happened: ISO 8601 string (no offset = UTC), epoch milliseconds or a Date. */
  timestamp?: string | number | Date;
  /**
   * How many events this item stands for (deduplicated rows).
   * @defaultValue 1
   */
  count?: number;
}

/** Options of {@link buildErrorGroups}. */
export interface ErrorGroupsOptions {
  /**
   * IANA time zone that defines calendar days for daily counts.
   * @defaultValue "UTC"
   */
  timeZone?: string;
  /**
   * Merge groups whose templates are within `mergeDistance` of each other.
   * @defaultValue true
   */
  merge?: boolean;
  /**
   * Largest normalized Levenshtein distance (edit distance / longer template length) at which two group
   * templates count as near-duplicates and are merged. 0.1 merges templates that differ by about one word in ten.
   * A merge also needs both templates to keep at least two tokens that are not wildcards or mask placeholders,
   * and the two medoid messages to be within twice this distance.
   * @defaultValue 0.1
   */
  mergeDistance?: number;
  /**
   * How many top terms to keep per group.
   * @defaultValue 5
   */
  topTerms?: number;
  /**
   * How many distinct example messages the noise summary keeps.
   * @defaultValue 5
   */
  noiseExamples?: number;
}

/** A value and how many events carry it. */
export interface ValueCount {
  value: string;
  count: number;
}

/** One group of errors sharing a cause. */
export interface ErrorGroup {
  /** 1-based position after sorting by size. */
  rank: number;
  /** Cluster labels merged into this group (one unless near-duplicates were merged). */
  labels: number[];
  /** Events in the group (sum of item counts). */
  count: number;
  /** Input items in the group. */
  items: number;
  /** count / total events, in [0, 1]. */
  share: number;
  /** Share in percent with one decimal; all groups plus noise add up to exactly 100. */
  sharePercent: number;
  /** The medoid message (the member closest, by cosine distance on token counts, to all others). */
  representative: string;
  /** Input index of the medoid item. */
  medoidIndex: number;
  /** Tokens every member shares, in order, each varying stretch shown as `<*>`. */
  template: string;
  /** Most characteristic terms (class-based TF-IDF). */
  topTerms: string[];
  scopes: ValueCount[];
  states: ValueCount[];
  /** Earliest timestamp (ISO 8601, UTC), or null when no member has one. */
  firstSeen: string | null;
  lastSeen: string | null;
  /** Events per day, aligned with {@link ErrorGroupsResult.days}. */
  daily: number[];
  /** Input indices of the members, ascending. */
  members: number[];
}

/** Events that no cluster took (label −1): summarised, never hidden. */
export interface NoiseSummary {
  count: number;
  items: number;
  share: number;
  sharePercent: number;
  /** The most frequent distinct messages. */
  examples: string[];
  topTerms: string[];
  daily: number[];
  members: number[];
}

/** An input item that could not be used, with the reason. */
export interface RejectedItem {
  index: number;
  reason: string;
}

/** Result of {@link buildErrorGroups}. */
export interface ErrorGroupsResult {
  /** Events accepted (groups + noise). */
  total: number;
  timeZone: string;
  /** Calendar days from the first to the last dated event (empty when nothing is dated). */
  days: string[];
  /** Events without a timestamp (counted in groups, absent from daily counts). */
  undated: number;
  groups: ErrorGroup[];
  noise: NoiseSummary;
  rejected: RejectedItem[];
}

const defaults = { timeZone: "UTC", merge: true, mergeDistance: 0.1, topTerms: 5, noiseExamples: 5 };

interface Member {
  index: number;
  count: number;
  tokens: readonly string[];
  key: string;
  ms: number | undefined;
}

function validate(items: readonly ErrorItem[], labels: ArrayLike<number>): void {
  if (!Array.isArray(items)) throw typeError(`items must be an array (got ${show(items)})`);
  if (labels == null || typeof labels.length !== "number")
    throw typeError("labels must be an Int32Array or array of cluster labels (-1 = noise)");
  if (labels.length !== items.length)
    throw typeError(`labels must have one entry per item (got ${labels.length} labels for ${items.length} items)`);
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    if (item === null || typeof item !== "object") throw typeError(`items[${i}] must be an object (got ${show(item)})`);
    if (typeof item.message !== "string")
      throw typeError(`items[${i}].message must be a string (got ${show(item.message)})`);
    if (!Array.isArray(item.tokens)) throw typeError(`items[${i}].tokens must be an array of strings`);
    if (item.count !== undefined && (!Number.isInteger(item.count) || item.count < 1))
      throw rangeError(`items[${i}].count must be a positive integer (got ${show(item.count)})`);
    const label = labels[i]!;
    if (!Number.isInteger(label) || label < -1)
      throw rangeError(`labels[${i}] must be an integer >= -1 (got ${show(label)})`);
  }
}

function tally(values: Map<string, number>): ValueCount[] {
  return [...values]
    .map(([value, count]) => ({ value, count }))
    .sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : 1));
}

/** Medoid under cosine distance on token-count vectors, in O(total tokens): argmax of x̂ · Σ c_j ŷ_j. */
function medoid(members: readonly Member[]): Member {
  const distinct = new Map<string, { member: Member; weight: number }>();
  for (const m of members) {
    const d = distinct.get(m.key);
    if (d) d.weight += m.count;
    else distinct.set(m.key, { member: m, weight: m.count });
  }
  const vectors = new Map<string, Map<string, number>>();
  const sum = new Map<string, number>();
  for (const [key, { member, weight }] of distinct) {
    const v = new Map<string, number>();
    for (const t of member.tokens) v.set(t, (v.get(t) ?? 0) + 1);
    let norm = 0;
    for (const c of v.values()) norm += c * c;
    norm = Math.sqrt(norm) || 1;
    for (const [t, c] of v) {
      v.set(t, c / norm);
      sum.set(t, (sum.get(t) ?? 0) + (weight * c) / norm);
    }
    vectors.set(key, v);
  }
  let best: { member: Member; score: number; weight: number } | undefined;
  for (const [key, { member, weight }] of distinct) {
    let score = 0;
    for (const [t, x] of vectors.get(key)!) score += x * sum.get(t)!;
    if (
      !best ||
      score > best.score + 1e-12 ||
      (Math.abs(score - best.score) <= 1e-12 &&
        (weight > best.weight || (weight === best.weight && member.index < best.member.index)))
    )
      best = { member, score, weight };
  }
  return best!.member;
}

/** Distinct token sequences of the members, most frequent first, ties by first appearance. */
function distinctSequences(members: readonly Member[]): (readonly string[])[] {
  const seen = new Map<string, { tokens: readonly string[]; weight: number; first: number }>();
  for (const m of members) {
    const s = seen.get(m.key);
    if (s) s.weight += m.count;
    else seen.set(m.key, { tokens: m.tokens, weight: m.count, first: m.index });
  }
  return [...seen.values()].sort((a, b) => b.weight - a.weight || a.first - b.first).map((s) => s.tokens);
}

/**
 * Groups error events by cluster label: sizes, shares, a representative (medoid) message, a template of the
 * tokens all members share, top terms, scopes and states, first/last seen and daily counts. Label −1 is noise and
 * is summarised in `noise`, never dropped. Groups whose templates are near-duplicates (normalized Levenshtein
 * distance ≤ `mergeDistance`) are merged. Items with an unreadable timestamp land in `rejected` with the reason;
 * every other item belongs to exactly one group or to noise.
 *
 * @param items - One entry per event or deduplicated row (see {@link ErrorItem}).
 * @param labels - Cluster label per item (−1 = noise), e.g. DBSCAN's `labels`.
 * @throws TypeError when `items` and `labels` differ in length or an item is malformed.
 * @throws RangeError for a label below −1, a count below 1, or a bad option.
 * @example
 * const result = buildErrorGroups(
 *   [{ message: "pod a crashed", tokens: ["pod", "<*>", "crashed"] }, { message: "pod b crashed", tokens: ["pod", "<*>", "crashed"] }],
 *   Int32Array.from([0, 0]),
 * );
 * result.groups[0].template; // => "pod <*> crashed"
 */
export function buildErrorGroups(
  items: readonly ErrorItem[],
  labels: ArrayLike<number>,
  options: ErrorGroupsOptions = {},
): ErrorGroupsResult {
  const opts = { ...defaults, ...options };
  assertTimeZone(opts.timeZone);
  assertUnitInterval(opts.mergeDistance, "options.mergeDistance");
  assertPositiveInt(opts.topTerms, "options.topTerms");
  assertNonNegative(opts.noiseExamples, "options.noiseExamples");
  if (typeof opts.merge !== "boolean") throw typeError(`options.merge must be a boolean (got ${show(opts.merge)})`);
  validate(items, labels);

  const dayOf = createDayKeyer(opts.timeZone);
  const rejected: RejectedItem[] = [];
  const byLabel = new Map<number, Member[]>();
  const noise: Member[] = [];
  let minMs = Number.POSITIVE_INFINITY;
  let maxMs = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < items.length; i++) {
    const item = items[i]!;
    let ms: number | undefined;
    if (item.timestamp !== undefined) {
      ms = parseInstant(item.timestamp);
      if (ms === undefined) {
        rejected.push({ index: i, reason: `timestamp is not a date-time (got ${show(item.timestamp)})` });
        continue;
      }
      if (ms < minMs) minMs = ms;
      if (ms > maxMs) maxMs = ms;
    }
    const member: Member = {
      index: i,
      count: item.count ?? 1,
      tokens: item.tokens,
      key: item.templateKey ?? item.tokens.join("\u0000"),
      ms,
    };
    const label = labels[i]!;
    if (label === -1) noise.push(member);
    else {
      let list = byLabel.get(label);
      if (!list) {
        list = [];
        byLabel.set(label, list);
      }
      list.push(member);
    }
  }

  // Raw groups in label order, each with its template; then near-duplicate merging with union-find.
  const raw = [...byLabel.entries()].sort((a, b) => a[0] - b[0]);
  const templates = raw.map(([, members]) => buildTemplate(distinctSequences(members)));
  const parent = raw.map((_, i) => i);
  const find = (x: number): number => {
    while (parent[x] !== x) {
      parent[x] = parent[parent[x]!]!;
      x = parent[x]!;
    }
    return x;
  };
  if (opts.merge && raw.length > 1) {
    const texts = templates.map((t) => t.join(" "));
    // A template that is mostly wildcards and mask placeholders (a noisy cluster) says nothing about its cause:
    // two such templates look alike whatever the messages are. Those groups never merge, and a merge also needs
    // the two medoid messages (as masked tokens) to be close, which keeps single-link chaining in check.
    const informative = templates.map((t) => t.filter((tok) => !/^<[^<>\s]*>$/.test(tok)).length >= 2);
    const medoidTexts = new Map<number, string>();
    const medoidText = (i: number): string => {
      let text = medoidTexts.get(i);
      if (text === undefined) {
        text = medoid(raw[i]![1]).tokens.join(" ");
        medoidTexts.set(i, text);
      }
      return text;
    };
    for (const { i, j } of closePairs(texts, opts.mergeDistance)) {
      if (!informative[i] || !informative[j]) continue;
      if (normalizedDistance(medoidText(i), medoidText(j)) > 2 * opts.mergeDistance) continue;
      const a = find(i);
      const b = find(j);
      if (a !== b) parent[Math.max(a, b)] = Math.min(a, b);
    }
  }
  const merged = new Map<number, number[]>();
  raw.forEach((_, i) => {
    const root = find(i);
    const list = merged.get(root);
    if (list) list.push(i);
    else merged.set(root, [i]);
  });

  const days = Number.isFinite(minMs) ? dayRange(dayOf(minMs), dayOf(maxMs)) : [];
  const dayIndex = new Map(days.map((d, i) => [d, i]));
  let undated = 0;
  const dailyOf = (members: readonly Member[]): number[] => {
    const daily = new Array<number>(days.length).fill(0);
    for (const m of members) {
      if (m.ms === undefined) undated += m.count;
      else daily[dayIndex.get(dayOf(m.ms))!]! += m.count;
    }
    return daily;
  };

  // Document frequencies for c-TF-IDF: events (weighted by count) containing each term, per group and overall.
  const termSets = new Map<string, Set<string>>();
  const termsOfMember = (m: Member): Set<string> => {
    let s = termSets.get(m.key);
    if (!s) {
      s = termsOf(m.tokens);
      termSets.set(m.key, s);
    }
    return s;
  };
  const globalDf = new Map<string, number>();
  let total = 0;
  const allMembers = [...raw.flatMap(([, m]) => m), ...noise];
  for (const m of allMembers) {
    total += m.count;
    for (const t of termsOfMember(m)) globalDf.set(t, (globalDf.get(t) ?? 0) + m.count);
  }
  const topTermsOf = (members: readonly Member[], count: number): string[] => {
    const df = new Map<string, number>();
    for (const m of members) for (const t of termsOfMember(m)) df.set(t, (df.get(t) ?? 0) + m.count);
    return [...df]
      .map(([term, f]) => ({ term, score: (f / count) * Math.log(1 + total / globalDf.get(term)!) }))
      .sort((a, b) => b.score - a.score || (a.term < b.term ? -1 : 1))
      .slice(0, opts.topTerms)
      .map((x) => x.term);
  };

  const groups: Omit<ErrorGroup, "rank" | "sharePercent">[] = [];
  for (const parts of merged.values()) {
    const members = parts.flatMap((p) => raw[p]![1]).sort((a, b) => a.index - b.index);
    const count = members.reduce((s, m) => s + m.count, 0);
    // A merged group's template folds the part templates, largest part first, so it stays a common subsequence.
    const ordered = [...parts].sort(
      (a, b) => raw[b]![1].reduce((s, m) => s + m.count, 0) - raw[a]![1].reduce((s, m) => s + m.count, 0) || a - b,
    );
    const template = buildTemplate(ordered.map((p) => templates[p]!));
    const med = medoid(members);
    const scopes = new Map<string, number>();
    const states = new Map<string, number>();
    let first = Number.POSITIVE_INFINITY;
    let last = Number.NEGATIVE_INFINITY;
    for (const m of members) {
      const item = items[m.index]!;
      if (item.scope !== undefined) scopes.set(item.scope, (scopes.get(item.scope) ?? 0) + m.count);
      if (item.state !== undefined) states.set(item.state, (states.get(item.state) ?? 0) + m.count);
      if (m.ms !== undefined) {
        first = Math.min(first, m.ms);
        last = Math.max(last, m.ms);
      }
    }
    groups.push({
      labels: parts.map((p) => raw[p]![0]).sort((a, b) => a - b),
      count,
      items: members.length,
      share: total > 0 ? count / total : 0,
      representative: items[med.index]!.message,
      medoidIndex: med.index,
      template: template.length > 0 ? template.join(" ") : WILDCARD,
      topTerms: topTermsOf(members, count),
      scopes: tally(scopes),
      states: tally(states),
      firstSeen: Number.isFinite(first) ? toIso(first) : null,
      lastSeen: Number.isFinite(last) ? toIso(last) : null,
      daily: dailyOf(members),
      members: members.map((m) => m.index),
    });
  }
  groups.sort(
    (a, b) =>
      b.count - a.count ||
      (a.firstSeen ?? "\uffff").localeCompare(b.firstSeen ?? "\uffff") ||
      a.template.localeCompare(b.template) ||
      a.labels[0]! - b.labels[0]!,
  );
  const noiseCount = noise.reduce((s, m) => s + m.count, 0);
  const percents = roundedPercentages([...groups.map((g) => g.count), noiseCount]);

  const noiseDaily = dailyOf(noise);
  const examples = new Map<string, number>();
  for (const m of noise) {
    const text = items[m.index]!.message;
    examples.set(text, (examples.get(text) ?? 0) + m.count);
  }
  return {
    total,
    timeZone: opts.timeZone,
    days,
    undated,
    groups: groups.map(({ labels: groupLabels, count, items: n, share, ...rest }, i) => ({
      rank: i + 1,
      labels: groupLabels,
      count,
      items: n,
      share,
      sharePercent: percents[i]!,
      ...rest,
    })),
    noise: {
      count: noiseCount,
      items: noise.length,
      share: total > 0 ? noiseCount / total : 0,
      sharePercent: percents[groups.length]!,
      examples: [...examples]
        .sort((a, b) => b[1] - a[1])
        .slice(0, opts.noiseExamples)
        .map(([text]) => text),
      topTerms: noiseCount > 0 ? topTermsOf(noise, noiseCount) : [],
      daily: noiseDaily,
      members: noise.map((m) => m.index),
    },
    rejected,
  } satisfies ErrorGroupsResult;
}
