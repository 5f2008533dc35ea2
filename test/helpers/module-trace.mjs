// Preload for a child process (`NODE_OPTIONS=--import <this file's URL>`): appends the URL of every module the process
// loads through the ESM loader (our TypeScript files, and each package's entry file) to the file named by
// PULSE_TEST_MODULE_TRACE, one per line. Plain JavaScript, so it runs before tsx is registered.
import { register } from 'node:module';

const out = process.env.PULSE_TEST_MODULE_TRACE;
if (out) {
  const hook = `import { appendFileSync } from 'node:fs';
export async function load(url, context, next) {
  appendFileSync(${JSON.stringify(out)}, url + '\\n');
  return next(url, context);
}`;
  register(`data:text/javascript,${encodeURIComponent(hook)}`);
}
