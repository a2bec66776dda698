/**
 * A worker thread of teikit (pool.ts, sync.ts). Each task names a module and a task; the module's `run(task)` is
 * called (modules are imported once per thread, so what they cache, such as a compiled schema, stays loaded) and its
 * result posted back. Tasks run strictly one at a time, in the order received: the pool times each task from
 * the `started` message that precedes it. A task that throws is reported as a crash of that task only.
 */
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';

interface Message {
  module: string;
  index: number;
  task: unknown;
}

type TaskModule = { run(task: unknown): unknown };

const modules = new Map<string, Promise<TaskModule>>();

function load(url: string): Promise<TaskModule> {
  let module = modules.get(url);
  if (module === undefined) {
    module = import(url) as Promise<TaskModule>;
    modules.set(url, module);
  }
  return module;
}

function reason(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0]!;
}

const queue: Message[] = [];
let busy = false;

async function drain(): Promise<void> {
  busy = true;
  for (let m = queue.shift(); m !== undefined; m = queue.shift()) {
    try {
      const module = await load(m.module);
      // The pool's time limit starts now: the thread's start and the module's import are not the task's.
      parentPort!.postMessage({ index: m.index, started: true });
      const result = await module.run(m.task);
      parentPort!.postMessage({ index: m.index, result });
    } catch (error) {
      parentPort!.postMessage({ index: m.index, crash: reason(error) });
    }
  }
  busy = false;
}

const sync = (workerData as { sync?: { module: string; task: unknown; signal: Int32Array; port: MessagePort } } | null)?.sync;
if (sync !== undefined) {
  // One task for runInWorkerSync: reply on its port, then wake the waiting thread.
  let reply: unknown;
  try {
    reply = { result: await (await load(sync.module)).run(sync.task) };
  } catch (error) {
    reply = { crash: reason(error) };
  }
  try {
    sync.port.postMessage(reply);
  } catch (error) {
    sync.port.postMessage({ crash: `the result could not be sent back: ${reason(error)}` });
  }
  Atomics.store(sync.signal, 0, 1);
  Atomics.notify(sync.signal, 0);
} else {
  parentPort?.on('message', (m: Message) => {
    queue.push(m);
    if (!busy) void drain();
  });
}
