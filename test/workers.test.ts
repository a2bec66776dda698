/**
 * The worker pool (src/workers/), run from the build as the CLI runs it: results in input order as soon as they are
 * contiguous, a runaway task stopped at its time limit while the others finish, a dying worker failing only its task,
 * and the synchronous one-off worker.
 */
import { describe, expect, it } from 'vitest';
import { runPool, type PoolFailure } from '../dist/src/workers/pool.js';
import { runInWorkerSync } from '../dist/src/workers/sync.js';
import { transformToText } from '../dist/src/transform/index.js';
import { projectRoot, runCli } from './helpers.js';

const tasks = new URL('test/fixtures/workers/tasks.mjs', `file://${projectRoot}`);
interface Task {
  value: number;
  wait?: number;
  forever?: boolean;
  exit?: boolean;
  throw?: boolean;
}
const failed = (task: Task, f: PoolFailure): string => `${task.value}: ${f.timedOut ? 'timed out' : 'failed'}: ${f.message}`;

describe('the worker pool', () => {
  it('delivers results in input order, each once every result before it is in', async () => {
    const seen: Array<[number, number | string]> = [];
    const input: Task[] = [{ value: 1, wait: 300 }, { value: 2 }, { value: 3 }, { value: 4, wait: 100 }, { value: 5 }];
    const results = await runPool<Task, number | string>(input, { module: tasks, workers: 2, failed, onResult: (i, r) => seen.push([i, r]) });
    expect(results).toEqual([2, 4, 6, 8, 10]);
    expect(seen).toEqual([[0, 2], [1, 4], [2, 6], [3, 8], [4, 10]]);
  });

  it('stops a task at its time limit and finishes the rest of the batch', async () => {
    const input: Task[] = [{ value: 1 }, { value: 2, forever: true }, { value: 3 }, { value: 4 }];
    const delivered: number[] = [];
    const started = Date.now();
    const results = await runPool<Task, number | string>(input, {
      module: tasks,
      workers: 1,
      timeLimitMs: 1500,
      failed,
      onResult: (i) => delivered[i] = Date.now() - started,
    });
    expect(results).toEqual([2, '2: timed out: it ran longer than the time limit of 1.5 s', 6, 8]);
    // The first result went out while the runaway was still running, not with the rest at the end.
    expect(delivered[1]! - delivered[0]!).toBeGreaterThanOrEqual(1400);
  });

  it('fails only the task whose worker died or that threw, with one line', async () => {
    const input: Task[] = [{ value: 1, exit: true }, { value: 2 }, { value: 3, throw: true }, { value: 4 }];
    const results = await runPool<Task, number | string>(input, { module: tasks, workers: 1, failed });
    expect(results).toEqual(['1: failed: its thread exited with code 3', 4, '3: failed: task 3 failed', 8]);
  });

  it('runs tasks in this thread alongside the workers when asked to', async () => {
    const here: number[] = [];
    const input: Task[] = Array.from({ length: 6 }, (_, i) => ({ value: i, wait: 50 }));
    const results = await runPool<Task, number | string>(input, {
      module: tasks,
      workers: 1,
      here: (t) => {
        here.push(t.value);
        return t.value * 2;
      },
      failed,
    });
    expect(results).toEqual([0, 2, 4, 6, 8, 10]);
    expect(here.length).toBeGreaterThanOrEqual(1);
  });

  it('stops the batch when its signal fires: no result after it, the workers stopped, the promise rejected', async () => {
    const stop = new AbortController();
    const seen: number[] = [];
    const input: Task[] = [{ value: 1 }, { value: 2, forever: true }, { value: 3 }, { value: 4 }];
    const started = Date.now();
    const run = runPool<Task, number | string>(input, {
      module: tasks,
      workers: 1,
      failed,
      signal: stop.signal,
      onResult: (i) => {
        seen.push(i);
        stop.abort(new Error('the reader went away'));
      },
    });
    await expect(run).rejects.toThrow('the reader went away');
    expect(seen).toEqual([0]);
    // The runaway in flight was stopped with its worker, not waited for.
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('delivers nothing after the signal fires, not even results already in', async () => {
    const stop = new AbortController();
    const seen: number[] = [];
    // Each worker takes two tasks: the second one's (3 and 4) finish first and wait for 1 and 2; the reader stops
    // at 2, when 3 and 4 are already in.
    const input: Task[] = [{ value: 1, wait: 300 }, { value: 2 }, { value: 3 }, { value: 4 }];
    const run = runPool<Task, number | string>(input, {
      module: tasks,
      workers: 2,
      failed,
      signal: stop.signal,
      onResult: (i) => {
        seen.push(i);
        if (i === 1) stop.abort(new Error('enough'));
      },
    });
    await expect(run).rejects.toThrow('enough');
    expect(seen).toEqual([0, 1]);
  });

  it('with keepResults false, hands every result to onResult and keeps none', async () => {
    const seen: Array<[number, number | string]> = [];
    const input: Task[] = [{ value: 1, wait: 100 }, { value: 2 }, { value: 3 }];
    const results = await runPool<Task, number | string>(input, { module: tasks, workers: 2, failed, keepResults: false, onResult: (i, r) => seen.push([i, r]) });
    expect(results).toEqual([]);
    expect(seen).toEqual([[0, 2], [1, 4], [2, 6]]);
  });

  it('runs one task synchronously in a fresh worker (the transform of deep documents)', () => {
    expect(runInWorkerSync(tasks, { value: 21 })).toEqual({ result: 42 });
    expect(runInWorkerSync(tasks, { value: 5, throw: true })).toEqual({ crash: 'task 5 failed' });
    expect(runInWorkerSync(tasks, { value: 6, forever: true }, { timeLimitMs: 500 })).toEqual({ crash: 'no result within the time limit of 0.5 s' });
  });
});

describe('through the CLI and the library', () => {
  it('validate --time-limit reports each file stopped at the limit, in input order, and exits 2', () => {
    const files = ['test/fixtures/validate/edition-valid.xml', 'test/fixtures/validate/edition-full.xml'];
    const r = runCli(['validate', ...files, '--time-limit', '0.001']);
    expect(r.status).toBe(2);
    expect(r.stdout.split('\n').slice(0, 4)).toEqual(
      files.flatMap((f) => [
        `${f}:1:1: error validation of this file was stopped after 0.001 s (the time limit; raise it with --time-limit SECONDS, 0 for none) [validate/time-limit]`,
        `${f}: not checked, 1 error`,
      ]),
    );
    expect(r.stdout).toMatch(/\n2 files: 0 valid, 0 invalid, 0 malformed, 2 not checked; 2 errors, 0 warnings; [0-9.]+ s\n$/);
  });

  it('validate --time-limit applies to a single file too when it is given', () => {
    const file = 'test/fixtures/validate/edition-valid.xml';
    const r = runCli(['validate', file, '--time-limit', '0.001']);
    expect([r.status, r.stdout.replace(/; [0-9.]+ s\n$/, '\n')]).toEqual([
      2,
      `${file}:1:1: error validation of this file was stopped after 0.001 s (the time limit; raise it with --time-limit SECONDS, 0 for none) [validate/time-limit]\n` +
        `${file}: not checked, 1 error\n` +
        '1 file: 0 valid, 0 invalid, 0 malformed, 1 not checked; 1 error, 0 warnings\n',
    ]);
  });

  it('validate rejects a --time-limit that is not a number of seconds', () => {
    const r = runCli(['validate', 'test/fixtures/validate/edition-valid.xml', '--time-limit', 'soon']);
    expect(r).toEqual({ status: 2, stdout: '', stderr: 'teikit: validate: --time-limit must be a number of seconds, 0 for none (got "soon")\n' });
  });

  it('transformToText on 3,000 nested hi succeeds in the library, as in the CLI (retry on a large stack)', () => {
    const n = 3000;
    const xml = `<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body><p>${'<hi>'.repeat(n)}deep${'</hi>'.repeat(n)}</p></body></text></TEI>`;
    expect(transformToText(xml)).toBe('deep\n');
  });
});
