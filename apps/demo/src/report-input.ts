// Adapts pipeline results to @faultline/report's ReportInput shapes.
import type { ErrorAnalysis, ErrorGroupsResult } from "@faultline/report";

/** The groups part of an analysis, as buildReport and diffErrorGroups take it (rejections listed by record). */
export function toErrorGroupsResult(a: ErrorAnalysis): ErrorGroupsResult {
  return {
    total: a.total,
    timeZone: a.timeZone,
    days: a.days,
    undated: a.undated,
    groups: a.groups,
    noise: a.noise,
    rejected: a.rejected.map((r) => ({ index: r.record, reason: r.reason })),
  };
}
