// Library code never logs; tests neither. Any console call fails the test that made it.
for (const method of ["log", "info", "warn", "error", "debug", "trace"] as const) {
  console[method] = (...args: unknown[]) => {
    throw new Error(`console.${method} called in a test: ${args.map(String).join(" ").slice(0, 200)}`);
  };
}
