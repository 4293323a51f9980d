/**
 * Prints a new cell's keys as an env file, one `NAME='value'` line per variable of keysEnv: how a
 * cell run by docker compose gets its keys (`docker compose run --rm -T keys > .cellgraph/keys.env`).
 */
import { generateCellKeys, keysEnv } from './keys.js';

const lines = Object.entries(keysEnv(await generateCellKeys())).map(([name, value]) => {
  if (value.includes("'") || value.includes('\n')) throw new Error(`${name} cannot be written single-quoted on one line`);
  return `${name}='${value}'\n`;
});
process.stdout.write(lines.join(''));
