/**
 * How many threads a batch uses by default (the `--jobs` option of validate, query and index is parsed in
 * src/cli/args.ts).
 */
import { availableParallelism } from 'node:os';

/** One per core, at most 8 (more gain nothing measurable on a parse-bound batch). */
export function defaultJobs(): number {
  return Math.max(1, Math.min(8, availableParallelism()));
}
