// Fails when src/schema.d.ts is not what openapi-typescript generates from
// ../../openapi.yaml now: the committed types must follow the contract.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const committed = "src/schema.d.ts";
const directory = mkdtempSync(join(tmpdir(), "ims-schema-"));
const generated = join(directory, "schema.d.ts");
try {
  const run = spawnSync(
    "node_modules/.bin/openapi-typescript",
    ["../../openapi.yaml", "--output", generated],
    { stdio: "inherit" },
  );
  if (run.status !== 0) {
    console.error("openapi-typescript could not read ../../openapi.yaml (see above).");
    process.exit(1);
  }
  if (readFileSync(generated, "utf8") !== readFileSync(committed, "utf8")) {
    spawnSync("diff", ["-u", committed, generated], { stdio: "inherit" });
    console.error(`${committed} is stale: run 'npm run generate' in clients/typescript.`);
    process.exit(1);
  }
  console.log(`${committed} matches openapi.yaml.`);
} finally {
  rmSync(directory, { recursive: true, force: true });
}
