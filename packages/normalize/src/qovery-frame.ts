import { defineVendorFrame, type VendorFrame } from "./vendor-frame";

/**
 * The frame the Qovery engine wraps around deployment errors: a "MESSAGE FOR QOVERY TEAM" section
 * (`executionId`, `scope`, `rollbackMessage`) and a "MESSAGE FOR THE USER" section (`errorMessage`,
 * `hint`, and a "Need help" support blurb that is dropped). The body is the error message, then the hint;
 * the quoted names of the scope (application, environment) are its variables.
 */
export const qoveryFrame: VendorFrame = defineVendorFrame({
  name: "qovery",
  headers: ["MESSAGE FOR QOVERY TEAM", "MESSAGE FOR THE USER"],
  fields: {
    executionId: "Execution ID",
    scope: "Scope",
    rollbackMessage: "Rollback message",
    errorMessage: "Error message",
    needHelp: "Need help",
    hint: "Hint",
  },
  body: ["errorMessage", "hint"],
  boilerplate: ["needHelp"],
  // "Application 'checkout' with id 'zedd87d94'": the quoted names vary per deployment.
  variables: ["scope"],
});

/** The frames {@link normalizeMessage} and {@link parseVendorFrame} try when none are given. */
export const defaultVendorFrames: readonly VendorFrame[] = Object.freeze([qoveryFrame]);
