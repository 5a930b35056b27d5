import { detectChangePoints } from "./src/change-points";
import { generateLabelledSeries } from "./src/labelled-series";

for (const length of [120, 365, 1095, 3650]) {
  const g = generateLabelledSeries({ seed: 1, length, changes: 4 });
  const t0 = performance.now();
  const r = detectChangePoints(g.values, { phase: g.phase });
  process.stdout.write(
    `n=${length} ${(performance.now() - t0).toFixed(1)} ms ${r.changePoints} truth ${g.changePoints}\n`,
  );
}
