// Builds dist/: the ES modules and declarations tsc emits from src/, and
// src/schema.d.ts beside them, which tsc reads but never emits (it is a
// declaration file already). dist/client.d.ts imports it as "./schema.js".
import { spawnSync } from "node:child_process";
import { copyFileSync, rmSync } from "node:fs";

// Nothing an earlier build left (a renamed module) may end up in the package.
rmSync("dist", { recursive: true, force: true });
const tsc = spawnSync("node_modules/.bin/tsc", ["-p", "tsconfig.build.json"], {
  stdio: "inherit",
});
if (tsc.status !== 0) process.exit(tsc.status ?? 1);
copyFileSync("src/schema.d.ts", "dist/schema.d.ts");
