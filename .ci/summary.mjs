// Adds up vitest's JSON reports into the one plain closing line CI readers understand.
import { readFileSync } from 'node:fs';

let passed = 0;
let failed = 0;
let skipped = 0;
for (const file of process.argv.slice(2)) {
  const report = JSON.parse(readFileSync(file, 'utf8'));
  passed += report.numPassedTests;
  failed += report.numFailedTests;
  skipped += report.numPendingTests + (report.numTodoTests ?? 0);
  console.log(`  ${file.split("/").pop()}: passed=${report.numPassedTests} failed=${report.numFailedTests}`);
}
console.log(`Total: ${passed} passed, ${failed} failed, ${skipped} skipped`);
