import { fc, test } from "@fast-check/vitest";
import { normalizeMessage } from "@faultline/normalize";
import { describe, expect, it } from "vitest";
import { loadDeploys } from "../scripts/sample-data";
import {
  analyzeDeployFrequency,
  analyzePreviewEnvironments,
  buildErrorGroups,
  buildReport,
  diffErrorGroups,
  ReportModelSchema,
  renderCsv,
  renderHtml,
  renderJson,
  renderMarkdown,
  renderText,
} from "../src/index";
import { sharedTemplatePrefix } from "../src/render/document";
import { escapeMarkdown } from "../src/render/markdown";
import { smallModel } from "./fixtures/small-model";

describe("renderMarkdown", () => {
  it("renders every section as Markdown", () => {
    expect(renderMarkdown(smallModel())).toMatchInlineSnapshot(`
      "# Small report

      Generated 2026-11-15 08:00Z.

      ## Error groups

      4 events in 2 groups; 1 unclustered (25 %).

      | # | Share | Events | Template | Top terms | Scopes | First seen | Last seen |
      | ---: | ---: | ---: | --- | --- | --- | --- | --- |
      | 1 | 50 % | 2 | disk full | disk, full | APPLICATION | 2026-11-03 10:00Z | 2026-11-04 10:00Z |
      | 2 | 25 % | 1 | probe failed on port \\<NUM\\> | failed, port, probe | APPLICATION | 2026-11-03 10:00Z | 2026-11-03 10:00Z |
      | – | 25 % | 1 | (noise) odd one | odd, one | – | – | – |

      ## Run-to-run diff

      3 events before, 4 after. Noise 0 % → 25 %.

      | Change | Cause | Before | After | Δ points |
      | --- | --- | ---: | ---: | ---: |
      | shrank | probe failed on port \\<NUM\\> | 66.7 % | 25 % | -41.7 |
      | grew | disk full | 33.3 % | 50 % | +16.7 |

      ## Deploy frequency

      - Period: 2026-11-02 → 2026-11-09 (8 days, UTC)
      - Deploys: 4 (3.5 per week, 0.5 per day on average)
      - Busiest day: 2026-11-02 with 1
      - Weekdays vs weekends: 0.5 vs 0.5 per day
      - Per developer: 0.5 deploys per day (1 developer)
      - DORA deployment frequency: high (Between once per day and once per week; median 3 deployment days per week)
      - Change failure rate: 0 % (0 of 4)

      | Week of | Days | Deploys | Deployment days |
      | --- | ---: | ---: | ---: |
      | 2026-11-02 | 7 | 3 | 3 |
      | 2026-11-09 | 1 | 1 | 1 |

      | Month | Days | Deploys | Deployment days |
      | --- | ---: | ---: | ---: |
      | 2026-11 | 8 | 4 | 4 |

      ## Before and after

      | Period | Days | Deploys | Per day | Per week |
      | --- | ---: | ---: | ---: | ---: |
      | 2026-11-02 → 2026-11-05 | 4 | 1 | 0.25 | 1.8 |
      | 2026-11-06 → 2026-11-09 | 4 | 3 | 0.75 | 5.3 |

      1.8/week → 5.3/week = ×3.

      ## Preview environments

      - Environments: 1 (1 destroyed, 0 alive, 0 leaked) as of 2026-11-03 08:00Z
      - Lifetime: median 24 h, p90 24 h, mean 24 h
      - Most alive at once: 1 at 2026-11-02 08:00Z

      ## Changes in conversion

      1 change detected over 14 days (noise σ 0.005).

      ### 2026-11-10: 3.008 → 2.512 (-16.5 %), 109.6 σ

      | # | Deployed | Hours before | Service | Environment | Author | Commit |
      | ---: | --- | ---: | --- | --- | --- | --- |
      | 1 | 2026-11-09 16:00Z | 8 | checkout | production | hana | feat(checkout): change d4, with "quotes" \\| pipes |
      "
    `);
  });
  it("renders an empty report", () => {
    expect(renderMarkdown(buildReport({ title: "Weekly" }))).toBe("# Weekly\n");
  });
});

describe("renderText", () => {
  it("renders plain aligned text within the width", () => {
    const text = renderText(smallModel(), { width: 100 });
    expect(text).toMatchInlineSnapshot(`
      "Small report
      ============
      Generated 2026-11-15 08:00Z.

      Error groups
      ------------
      4 events in 2 groups; 1 unclustered (25 %).
      #  Share  Events  Template         Top terms         Scopes       First seen        Last seen
      -  -----  ------  ---------------  ----------------  -----------  ----------------  ----------------
      1   50 %       2  disk full        disk, full        APPLICATION  2026-11-03 10:0…  2026-11-04 10:0…
      2   25 %       1  probe failed o…  failed, port, p…  APPLICATION  2026-11-03 10:0…  2026-11-03 10:0…
      –   25 %       1  (noise) odd one  odd, one          –            –                 –

      Run-to-run diff
      ---------------
      3 events before, 4 after. Noise 0 % → 25 %.
      Change  Cause                       Before  After  Δ points
      ------  --------------------------  ------  -----  --------
      shrank  probe failed on port <NUM>  66.7 %   25 %     -41.7
      grew    disk full                   33.3 %   50 %     +16.7

      Deploy frequency
      ----------------
        Period: 2026-11-02 → 2026-11-09 (8 days, UTC)
        Deploys: 4 (3.5 per week, 0.5 per day on average)
        Busiest day: 2026-11-02 with 1
        Weekdays vs weekends: 0.5 vs 0.5 per day
        Per developer: 0.5 deploys per day (1 developer)
        DORA deployment frequency: high (Between once per day and once per week; median 3 deployment days
          per week)
        Change failure rate: 0 % (0 of 4)
      Week of     Days  Deploys  Deployment days
      ----------  ----  -------  ---------------
      2026-11-02     7        3                3
      2026-11-09     1        1                1

      Month    Days  Deploys  Deployment days
      -------  ----  -------  ---------------
      2026-11     8        4                4

      Before and after
      ----------------
      Period                   Days  Deploys  Per day  Per week
      -----------------------  ----  -------  -------  --------
      2026-11-02 → 2026-11-05     4        1     0.25       1.8
      2026-11-06 → 2026-11-09     4        3     0.75       5.3
      1.8/week → 5.3/week = ×3.

      Preview environments
      --------------------
        Environments: 1 (1 destroyed, 0 alive, 0 leaked) as of 2026-11-03 08:00Z
        Lifetime: median 24 h, p90 24 h, mean 24 h
        Most alive at once: 1 at 2026-11-02 08:00Z

      Changes in conversion
      ---------------------
      1 change detected over 14 days (noise σ 0.005).

      2026-11-10: 3.008 → 2.512 (-16.5 %), 109.6 σ
      #  Deployed           Hours before  Service   Environment  Author  Commit
      -  -----------------  ------------  --------  -----------  ------  ---------------------------------
      1  2026-11-09 16:00Z             8  checkout  production   hana    feat(checkout): change d4, with …
      "
    `);
    for (const line of text.split("\n")) expect([...line].length).toBeLessThanOrEqual(100);
    // No escape codes: the text is for any terminal and for logs.
    expect(text.includes(String.fromCharCode(27))).toBe(false);
  });
});

describe("renderCsv", () => {
  it("quotes fields as RFC 4180 says", () => {
    expect(renderCsv(smallModel(), { table: "suspect-deploys" })).toMatchInlineSnapshot(`
      "metric,change_date,rank,deployed_at,hours_before,service,environment,author,commit_sha,commit_message,pull_request,url
      conversion,2026-11-10,1,2026-11-09T16:00:00Z,8.01,checkout,production,hana,,"feat(checkout): change d4, with ""quotes"" | pipes",,
      "
    `);
  });
  it.each([
    "error-groups",
    "error-diff",
    "deploys-per-day",
    "deploys-per-week",
    "deploys-per-month",
    "developers",
    "preview-environments",
    "alive-previews",
    "metric-series",
    "suspect-deploys",
  ] as const)("writes %s with a header and CRLF line ends", (table) => {
    const csv = renderCsv(smallModel(), { table });
    expect(csv.endsWith("\r\n")).toBe(true);
    const lines = csv.split("\r\n");
    expect(lines.length).toBeGreaterThan(2);
  });
  it("says which section a table needs", () => {
    expect(() => renderCsv(buildReport(), { table: "deploys-per-day" })).toThrow(
      '[@faultline/report] renderCsv: table "deploys-per-day" needs the deployFrequency section, which this model does not have',
    );
    expect(() => renderCsv(buildReport(), { table: "nope" as never })).toThrow(RangeError);
  });
});

describe("deploy frequency: per month and what was not counted", () => {
  const sample = analyzeDeployFrequency(loadDeploys());
  const sampleModel = buildReport({ title: "T", deployFrequency: sample });

  it("shows the bundled sample's months and the preview deploys it left out, in every format", () => {
    // The sample: 388 production deploys from 2026-10-26 to 2026-11-24; its 840 preview deploys are not counted.
    expect(sample.accounting.excluded).toContainEqual({
      reason: "environment kind preview",
      count: 840,
      code: "environment-kind",
      detail: "preview",
    });
    const text = renderText(sampleModel);
    expect(text).toContain(
      [
        "  Deploys: 388 (90.5 per week, 12.93 per day on average)",
        "  Not counted: 840 events (840 environment kind preview)",
      ].join("\n"),
    );
    expect(text).toContain(
      [
        "2026-11-23     2       55                2",
        "",
        "Month    Days  Deploys  Deployment days",
        "-------  ----  -------  ---------------",
        "2026-10     6       16                5",
        "2026-11    24      372               20",
        "",
      ].join("\n"),
    );
    // The months add up to the period: every day and every deploy in exactly one month.
    expect(sample.perMonth.reduce((n, m) => n + m.count, 0)).toBe(sample.total);
    expect(sample.perMonth.reduce((n, m) => n + m.days, 0)).toBe(sample.days);
    // Environment and change events feed the preview section: they are no deployment left out.
    expect(text).not.toMatch(/type (environment|change)/);
    const md = renderMarkdown(sampleModel);
    expect(md).toContain("- Not counted: 840 events (840 environment kind preview)\n");
    expect(md).toContain(
      "| Month | Days | Deploys | Deployment days |\n| --- | ---: | ---: | ---: |\n| 2026-10 | 6 | 16 | 5 |\n| 2026-11 | 24 | 372 | 20 |",
    );
    const html = renderHtml(sampleModel);
    expect(html).toContain("<li>Not counted: 840 events (840 environment kind preview)</li>");
    expect(html).toContain('<tr><td>2026-11</td><td class="r">24</td><td class="r">372</td><td class="r">20</td></tr>');
  });

  it("lists every reason with its count, the unreadable records grouped by reason", () => {
    const deploy = (id: string, timestamp: unknown, extra: Record<string, unknown> = {}) => ({
      type: "deployment",
      id,
      source: "s",
      provider: "other",
      timestamp,
      kind: "deployed",
      service: "api",
      environment: { name: "prod", kind: "production" },
      ...extra,
    });
    const events = [
      deploy("1", "2026-10-30T10:00:00Z"),
      deploy("1", "2026-10-30T10:00:00Z"), // saved twice
      deploy("2", "2026-11-02T10:00:00Z"),
      deploy("3", "2026-11-03T10:00:00Z", { environment: { name: "stg", kind: "staging" } }),
      deploy("4", "2026-11-03T11:00:00Z", { environment: { name: "stg", kind: "staging" } }),
      deploy("5", "2026-11-04T10:00:00Z", { environment: undefined }),
      deploy("6", "yesterday"),
      deploy("7", ""),
      { type: "deploymnet", id: "8" }, // a typo is no environment or change event: listed
      { type: "environment", id: "9" }, // feeds the preview section: not listed
    ];
    const df = analyzeDeployFrequency(events);
    expect(df.total).toBe(2);
    const model = buildReport({ title: "T", deployFrequency: df });
    const line =
      "Not counted: 7 events (2 environment kind staging; 1 duplicate (same id and source as an earlier event); " +
      "1 no environment; 1 not a deployment (type deploymnet); 2 rejected: timestamp is not a date-time)";
    expect(renderMarkdown(model)).toContain(`- ${escapeMarkdown(line)}\n`);
    expect(renderText(model, { width: 300 })).toContain(`  ${line}\n`);
    expect(renderText(model, { width: 300 })).toContain(
      [
        "Month    Days  Deploys  Deployment days",
        "-------  ----  -------  ---------------",
        "2026-10     2        1                1",
        "2026-11     2        1                1",
      ].join("\n"),
    );
    // Deploys outside --from/--to are left out too, and say so.
    const narrowed = buildReport({
      title: "T",
      deployFrequency: analyzeDeployFrequency(events, { from: "2026-11-01" }),
    });
    expect(renderText(narrowed, { width: 200 })).toContain("; 1 outside the period;");
  });

  it("adds no line when every deployment event counted", () => {
    for (const out of [renderMarkdown(smallModel()), renderText(smallModel()), renderHtml(smallModel())])
      expect(out).not.toContain("Not counted");
  });

  it("shows the latest months when the table is capped, and says how many it leaves out", () => {
    const events = Array.from({ length: 30 }, (_, i) => ({
      type: "deployment",
      id: String(i),
      source: "s",
      provider: "other",
      timestamp: new Date(Date.UTC(2024, i, 15, 10)).toISOString(),
      kind: "deployed",
      environment: { name: "prod", kind: "production" },
    }));
    const model = buildReport({ title: "T", deployFrequency: analyzeDeployFrequency(events) });
    expect(model.deployFrequency!.perMonth).toHaveLength(30);
    const md = renderMarkdown(model);
    expect(md.match(/^\| \d{4}-\d{2} \|/gm)).toEqual(
      Array.from({ length: 25 }, (_, i) => `| ${new Date(Date.UTC(2024, i + 5)).toISOString().slice(0, 7)} |`),
    );
    expect(md).toContain("5 earlier months not shown.");
    expect(renderText(model, { maxRows: 10 })).toContain("20 earlier months not shown.");
    expect(renderMarkdown(model, { maxRows: 30 })).not.toContain("not shown");
  });

  it("CSV: month to date appended to the per-day rows, and a per-month table", () => {
    const perDay = renderCsv(sampleModel, { table: "deploys-per-day" }).split("\r\n");
    expect(perDay[0]).toBe("date,deploys,failed,weekend,cumulative,month_to_date");
    // The month-to-date total restarts on the 1st; the period's cumulative total goes on.
    expect(perDay.slice(5, 9)).toEqual([
      "2026-10-30,4,0,false,16,16",
      "2026-10-31,0,0,true,16,16",
      "2026-11-01,0,0,true,16,0",
      "2026-11-02,4,1,false,20,4",
    ]);
    expect(perDay.at(-2)).toBe("2026-11-24,29,2,false,388,372");
    expect(renderCsv(sampleModel, { table: "deploys-per-month" })).toBe(
      "month,days,deploys,deployment_days\r\n2026-10,6,16,5\r\n2026-11,24,372,20\r\n",
    );
  });
});

describe("renderJson", () => {
  it("round-trips through the schema", () => {
    const model = smallModel();
    const json = renderJson(model);
    expect(ReportModelSchema.parse(JSON.parse(json))).toEqual(model);
    expect(renderJson(buildReport({ title: "W" }), { indent: 0 })).toMatchInlineSnapshot(`
      "{"version":1,"title":"W","generatedAt":null,"errorGroups":null,"errorDiff":null,"deployFrequency":null,"deployComparison":null,"previewEnvironments":null,"metricChanges":[]}
      "
    `);
  });
});

describe("renderHtml", () => {
  it("writes one self-contained file with inline SVG charts", () => {
    const html = renderHtml(smallModel());
    expect(html.startsWith("<!doctype html>")).toBe(true);
    expect(html.match(/<svg /g)).toHaveLength(5);
    expect(html).not.toMatch(/<script|<link|src=|url\(|@import|https?:\/\/(?!www\.w3\.org\/2000\/svg)/);
    expect(html).toContain("&quot;quotes&quot;");
  });
});

describe("buildReport", () => {
  it("names the offending path of a malformed section", () => {
    expect(() => buildReport({ errorGroups: { total: 1 } as never })).toThrow(
      /\[@faultline\/report\] buildReport: input\.errorGroups\.timeZone is not valid/,
    );
  });
});

describe("templates sharing a log header", () => {
  // Raw syslog lines (Loghub Linux): every template starts with the masked header, which would fill the
  // clipped template column and hide what tells the groups apart.
  const syslog = (rest: string, n: number) =>
    Array.from({ length: n }, (_, i) => ({
      message: `Jun ${10 + i} 04:0${i}:12 combo ${rest}`,
      tokens: [...normalizeMessage(`Jun ${10 + i} 04:0${i}:12 combo ${rest}`).tokens],
      timestamp: `2026-11-0${1 + i}T10:00:00Z`,
    }));
  const items = [
    ...syslog("ftpd[24085]: connection from 24.54.76.216", 3),
    ...syslog("su(pam_unix)[2231]: session opened", 2),
  ];
  const groups = buildErrorGroups(items, [0, 0, 0, 1, 1]);

  it("states the shared prefix once and shows each template without it", () => {
    const md = renderMarkdown(buildReport({ title: "Logs", errorGroups: groups }));
    const [a, b] = groups.groups.map((g) => g.template);
    // The header is the same masked words in both groups; what differs comes after it.
    const words = sharedTemplatePrefix([a!, b!]).split(" ").length;
    expect(words).toBeGreaterThanOrEqual(3);
    expect(a!.split(" ").slice(words).join(" ")).toMatch(/^ftpd/);
    expect(b!.split(" ").slice(words).join(" ")).toMatch(/^su/);
    expect(md).toContain("Every template below starts with `");
    expect(md).toContain(`| … ${escapeMarkdown(a!.split(" ").slice(words).join(" "))} |`);
    expect(md).toContain(`| … ${escapeMarkdown(b!.split(" ").slice(words).join(" "))} |`);
  });

  it("leaves templates whole when they share fewer than two words", () => {
    expect(sharedTemplatePrefix(["disk full", "probe failed on port <NUM>"])).toBe("");
    expect(sharedTemplatePrefix(["error: disk full", "error: probe failed"])).toBe("");
    expect(sharedTemplatePrefix(["only one template here"])).toBe("");
    // A placeholder in every template counts as shared; the last word of the shortest always stays.
    expect(sharedTemplatePrefix(["<NUM> <DATE> <VAR> nov a b", "<NUM> <DATE> <*> nov c"])).toBe(
      "<NUM> <DATE> <VAR> nov",
    );
    expect(sharedTemplatePrefix(["a b", "a b"])).toBe("");
    expect(renderMarkdown(smallModel())).not.toContain("Every template below starts with");
  });
});

describe("preview section", () => {
  const env = (action: "created" | "deleted", pr: number, timestamp: string) => ({
    type: "environment",
    id: `e-${pr}-${action}`,
    source: "s",
    provider: "github",
    timestamp,
    action,
    environment: { name: `pr-${pr}`, kind: "preview" },
    preview: true,
    pullRequest: pr,
    repository: "acme/web",
    service: "web",
  });

  it("says there are no preview environments instead of showing an epoch date", () => {
    // Regression: a deploys-only file printed "Environments: 0 (…) as of 1970-01-01 00:00Z".
    const model = buildReport({ title: "T", previewEnvironments: analyzePreviewEnvironments([]) });
    for (const out of [renderMarkdown(model), renderText(model), renderHtml(model)]) {
      expect(out).toContain("No preview environments.");
      expect(out).not.toContain("1970");
    }
  });

  it("names the apps and the period it covers", () => {
    const pe = analyzePreviewEnvironments([env("created", 1, "2026-11-02T10:00:00Z")], {
      services: ["web"],
      from: "2026-11-02",
      to: "2026-11-03",
    });
    expect(renderText(buildReport({ title: "T", previewEnvironments: pe }))).toContain(
      [
        "  Environments: 1 (0 destroyed, 1 alive, 0 leaked) as of 2026-11-02 10:00Z",
        "  Apps: web",
        "  Period: 2026-11-02 → 2026-11-03 (UTC; environments alive at some moment of it)",
      ].join("\n"),
    );
  });

  it("says how many leaked environments the table leaves out", () => {
    // Regression: 30 leaked, 25 rows, no word about the other 5.
    const events = Array.from({ length: 30 }, (_, i) => [
      env("created", i + 1, "2026-11-02T10:00:00Z"),
      {
        type: "change",
        id: `c${i}`,
        source: "s",
        provider: "github",
        timestamp: "2026-11-03T09:00:00Z",
        action: "merged",
        repository: "acme/web",
        pullRequest: i + 1,
      },
    ]).flat();
    const pe = analyzePreviewEnvironments(events, { asOf: "2026-11-06T00:00:00Z" });
    expect(pe.summary.leaked).toBe(30);
    const model = buildReport({ title: "T", previewEnvironments: pe });
    const md = renderMarkdown(model);
    expect(md.match(/^\| acme\/web /gm)).toHaveLength(25);
    expect(md).toContain("5 more leaked environments not shown.");
    expect(renderText(model, { maxRows: 10 })).toContain("20 more leaked environments not shown.");
    expect(renderMarkdown(model, { maxRows: 30 })).not.toContain("not shown");
  });
});

describe("capped run-to-run diff", () => {
  it("says how many causes the table leaves out", () => {
    // Words far apart, so no two groups merge as near-duplicates.
    const word = (i: number) => String.fromCharCode(97 + (i % 26)).repeat(4 + Math.floor(i / 26));
    const items = (n: number) =>
      Array.from({ length: n }, (_, i) => ({ message: `${word(i)} failed`, tokens: [word(i), "failed"] }));
    const labels = (n: number) => Array.from({ length: n }, (_, i) => i);
    const before = buildErrorGroups(items(30), labels(30));
    const after = buildErrorGroups(items(10), labels(10));
    const model = buildReport({ title: "T", errorDiff: diffErrorGroups(before, after) });
    const shown = model.errorDiff!.changes.length;
    expect(shown).toBeGreaterThan(25);
    expect(renderMarkdown(model)).toContain(`${shown - 25} smaller causes not shown.`);
    expect(renderText(model)).toContain(`${shown - 25} smaller causes not shown.`);
  });
});

describe("escaping user text", () => {
  const model = buildReport({
    title: "T",
    errorGroups: buildErrorGroups(
      [
        { message: "pod x-1 exit code 1", tokens: ["pod", "<pod>", "exit", "code", "<num>"] },
        { message: "pod x-2 exit code 2", tokens: ["pod", "<pod>", "exit", "code", "<num>"] },
        { message: "<b>x & *y* | z", tokens: ["<b>x", "&", "*y*", "|", "z"] },
      ],
      [0, 0, 1],
    ),
  });

  it("keeps placeholders and HTML-looking text visible in Markdown", () => {
    // Regression: `pod <pod> exit code <num>` went out as raw HTML tags, which Markdown renderers hide.
    const md = renderMarkdown(model);
    expect(md).toContain("pod \\<pod\\> exit code \\<num\\>");
    expect(md).toContain("\\<b\\>x \\& \\*y\\* \\| z");
    expect(md).not.toMatch(/(^|[^\\])<[a-z]/m);
  });

  it("escapes the same text in HTML", () => {
    const html = renderHtml(model);
    expect(html).toContain("pod &lt;pod&gt; exit code &lt;num&gt;");
    expect(html).toContain("&lt;b&gt;x &amp; *y* | z");
    expect(html).not.toContain("<b>x");
  });

  test.prop([fc.string({ unit: "grapheme-ascii" })])(
    "escapeMarkdown leaves no markup character bare and hides nothing",
    (text) => {
      const escaped = escapeMarkdown(text);
      // Every markup character is preceded by a backslash that is not itself escaped.
      expect(escaped.replace(/\\[\\`*_~[\]<>&|]/g, "")).not.toMatch(/[\\`*_~[\]<>&|]/);
      // Unescaping gives back the text with its whitespace runs folded to one space.
      expect(escaped.replace(/\\(.)/g, "$1")).toBe(text.replace(/\s+/g, " "));
      expect(escaped).not.toContain("\n");
    },
  );
});
