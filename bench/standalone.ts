/**
 * Running one benchmark group on its own (`npm run bench:evaluate`, `bench:interactive`): the built package, the
 * group's mitata benchmarks, then its summary rows as a markdown table.
 */
import { run } from 'mitata';
import { builtModule, importPackage, type Package } from './built.js';
import { markdownTable } from './report.js';

/** A benchmark's median in nanoseconds, by its name. */
export type Median = (name: string) => number;

/**
 * Times the built package with the benchmarks `register` adds, and prints `rows(median)` under the header
 * Measure / Value / Target / Result. Throws when a named benchmark has no result.
 */
export async function runStandalone(register: (mod: Package) => void, rows: (median: Median) => string[][]): Promise<void> {
  const log = (line = '') => console.log(line);
  const built = await builtModule(log);
  process.on('exit', built.cleanup);
  const mod = await importPackage(built);
  log(`timing ${built.label}${built.note ? ` (${built.note})` : ''}`);
  register(mod);
  const { benchmarks } = await run();
  const median: Median = (name) => {
    const stats = benchmarks.find((t) => t.alias === name)?.runs[0]?.stats;
    if (!stats) throw new Error(`benchmark '${name}' has no result`);
    return stats.p50;
  };
  log();
  log(markdownTable(['Measure', 'Value', 'Target', 'Result'], rows(median)));
}
