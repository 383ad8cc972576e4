// node run.mjs <base URL>: prints what main.ts's tour saw, as JSON.
import { tour } from "./out/main.js";

console.log(JSON.stringify(await tour(process.argv[2])));
