// Runs a collector in its own process, for the crash test and the reliability scripts:
//   node --conditions=@faultline/source --import tsx test/support/serve-process.ts '<CollectorConfig JSON>'
// Prints `READY <url>` once listening; exits cleanly on SIGTERM. Loopback only.
import { startCollector } from "../../src/index";

const config = JSON.parse(process.argv[2] ?? "{}");
const running = await startCollector({ listen: { host: "127.0.0.1", port: 0 }, ...config });
const idle = process.cpuUsage();
process.stdout.write(`READY ${running.url}\n`);
process.on("SIGTERM", () => {
  // CPU time of the whole process (all threads), for the load script's per-request cost.
  process.stdout.write(`CPU ${JSON.stringify(process.cpuUsage(idle))}\n`);
  running.close().then(
    () => process.exit(0),
    () => process.exit(1),
  );
});
