export type { ContractFailure, PublishablePackage } from "./contract";
export { installConsumer, lintPackage, loadExports, pack, publishablePackages, typecheckConsumer } from "./contract";
export type { CommandResult } from "./exec";
export { pnpmCommand, run, workspaceBin, workspaceRoot } from "./exec";
