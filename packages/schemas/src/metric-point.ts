import * as z from "zod";
import { Timestamp } from "./common";

/** One observation of a product metric (e.g. daily signups), with optional dimensions such as `app`. */
export const MetricPoint = z.looseObject({
  type: z.literal("metric"),
  name: z.string().min(1),
  timestamp: Timestamp,
  value: z.number().refine(Number.isFinite, "expected a finite number"),
  dimensions: z.record(z.string(), z.string()).optional(),
});
export type MetricPoint = z.infer<typeof MetricPoint>;
