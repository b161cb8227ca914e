// A few worker threads for CPU-bound work that must not run on the event loop. Each task has a
// time limit (past it the worker is ended and replaced), an owner runs one task at a time so
// one author cannot hold every worker, the queue is bounded, and idle workers end.
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker, type ResourceLimits } from 'node:worker_threads';

/** Why a task failed: over its time limit, its worker died, the worker threw, too many waiting, or no worker could start. */
export type PoolFailure = 'timeout' | 'crashed' | 'rejected' | 'busy' | 'unavailable';

export class PoolError extends Error {
  constructor(
    readonly reason: PoolFailure,
    options?: ErrorOptions,
  ) {
    super(`worker pool: ${reason}`, options);
    this.name = 'PoolError';
  }
}

export interface WorkerPoolOptions {
  /** The worker module; a `.ts` one (the server running from source) is loaded through tsx. */
  file: URL;
  size: number;
  timeoutMs: number;
  /** A worker that has not said "ready" by then has failed to start. */
  startTimeoutMs: number;
  idleMs: number;
  maxQueued: number;
  /** Tasks one owner may have waiting or running. */
  maxPerOwner: number;
  resourceLimits?: ResourceLimits;
}

interface Task {
  id: number;
  input: string;
  owner: string | undefined;
  resolve(output: string): void;
  reject(error: Error): void;
}

interface Slot {
  worker: Worker;
  ready: boolean;
  task: Task | undefined;
  timer: NodeJS.Timeout | undefined;
}

type Reply = 'ready' | { id: number; output: string } | { id: number; failed: string };

/** tsx's ESM API (its `import` export), which registers TypeScript loading in the thread that calls it. */
function tsxApiUrl(): string {
  const require = createRequire(import.meta.url);
  const manifest = require('tsx/package.json') as { exports: Record<string, { import: { default: string } }> };
  return new URL(manifest.exports['./esm/api']!.import.default, pathToFileURL(require.resolve('tsx/package.json')))
    .href;
}

function startWorker(file: URL, resourceLimits: ResourceLimits | undefined): Worker {
  if (!file.pathname.endsWith('.ts')) return new Worker(file, { resourceLimits });
  // Node 20 ignores --import in a worker's execArgv, and tsx's plain loader registers only on the main thread.
  const bootstrap = `import(${JSON.stringify(tsxApiUrl())}).then(({ register }) => { register(); return import(${JSON.stringify(file.href)}); });`;
  return new Worker(bootstrap, { eval: true, resourceLimits });
}

export class WorkerPool {
  readonly #options: WorkerPoolOptions;
  readonly #slots = new Set<Slot>();
  #queue: Task[] = [];
  /** Owners with a running task. */
  readonly #running = new Set<string>();
  /** Tasks per owner, waiting or running. */
  readonly #pending = new Map<string, number>();
  #nextId = 1;

  constructor(options: WorkerPoolOptions) {
    this.#options = options;
  }

  run(input: string, owner?: string): Promise<string> {
    const pending = owner === undefined ? 0 : (this.#pending.get(owner) ?? 0);
    if (this.#queue.length >= this.#options.maxQueued || pending >= this.#options.maxPerOwner)
      return Promise.reject(new PoolError('busy'));
    if (owner !== undefined) this.#pending.set(owner, pending + 1);
    return new Promise<string>((resolve, reject) => {
      this.#queue.push({ id: this.#nextId++, input, owner, resolve, reject });
      this.#pump();
    });
  }

  #pump(): void {
    for (;;) {
      const runnable = this.#queue.filter((task) => task.owner === undefined || !this.#running.has(task.owner));
      if (runnable.length === 0) return;
      const slot = [...this.#slots].find((candidate) => candidate.ready && !candidate.task);
      if (!slot) {
        const starting = [...this.#slots].filter((candidate) => !candidate.ready).length;
        if (starting < runnable.length && this.#slots.size < this.#options.size) this.#spawn();
        return;
      }
      const index = this.#queue.indexOf(runnable[0]!);
      const [task] = this.#queue.splice(index, 1);
      this.#dispatch(slot, task!);
    }
  }

  #spawn(): void {
    const worker = startWorker(this.#options.file, this.#options.resourceLimits);
    const slot: Slot = { worker, ready: false, task: undefined, timer: undefined };
    this.#slots.add(slot);
    slot.timer = setTimeout(() => this.#fail(slot, new PoolError('unavailable')), this.#options.startTimeoutMs);
    worker.on('message', (reply: Reply) => this.#onReply(slot, reply));
    worker.on('error', (error) =>
      this.#fail(slot, new PoolError(slot.ready ? 'crashed' : 'unavailable', { cause: error })),
    );
    worker.on('exit', () => this.#fail(slot, new PoolError(slot.ready ? 'crashed' : 'unavailable')));
  }

  #dispatch(slot: Slot, task: Task): void {
    slot.task = task;
    if (task.owner !== undefined) this.#running.add(task.owner);
    clearTimeout(slot.timer);
    slot.timer = setTimeout(() => this.#fail(slot, new PoolError('timeout')), this.#options.timeoutMs);
    slot.worker.ref();
    slot.worker.postMessage({ id: task.id, input: task.input });
  }

  #onReply(slot: Slot, reply: Reply): void {
    clearTimeout(slot.timer);
    if (reply === 'ready') {
      slot.ready = true;
    } else if (slot.task?.id === reply.id) {
      const task = slot.task;
      slot.task = undefined;
      this.#finish(task);
      if ('output' in reply) task.resolve(reply.output);
      else task.reject(new PoolError('rejected', { cause: reply.failed }));
    }
    // Idle: the process may exit without waiting for it, and it ends if nothing comes.
    slot.worker.unref();
    slot.timer = setTimeout(() => this.#retire(slot), this.#options.idleMs);
    this.#pump();
  }

  /** Forgets a task that ran (`ran`) or waited. */
  #finish(task: Task, ran = true): void {
    if (task.owner === undefined) return;
    if (ran) this.#running.delete(task.owner);
    const left = (this.#pending.get(task.owner) ?? 1) - 1;
    if (left > 0) this.#pending.set(task.owner, left);
    else this.#pending.delete(task.owner);
  }

  #retire(slot: Slot): void {
    if (slot.task || !this.#slots.delete(slot)) return;
    void slot.worker.terminate();
  }

  #fail(slot: Slot, error: PoolError): void {
    if (!this.#slots.delete(slot)) return;
    clearTimeout(slot.timer);
    void slot.worker.terminate();
    const task = slot.task;
    if (task) {
      this.#finish(task);
      task.reject(error);
    }
    if (!slot.ready) {
      // No worker can start (a missing file, a broken install): fail what waits rather than retry forever.
      const waiting = this.#queue;
      this.#queue = [];
      for (const queued of waiting) {
        this.#finish(queued, false);
        queued.reject(error);
      }
    }
    this.#pump();
  }
}
