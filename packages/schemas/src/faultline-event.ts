import * as z from "zod";
import { ChangeEvent } from "./change-event";
import { DeploymentEvent } from "./deployment-event";
import { EnvironmentEvent } from "./environment-event";

/** Any normalized CI/CD event, discriminated by `type`. This is what adapters emit and the collector stores. */
export const FaultlineEvent = z.discriminatedUnion("type", [DeploymentEvent, EnvironmentEvent, ChangeEvent]);
export type FaultlineEvent = z.infer<typeof FaultlineEvent>;
