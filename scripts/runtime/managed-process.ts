import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';

const REPO_ROOT = new URL('../../', import.meta.url).pathname;
/** How a TypeScript entry runs from the checkout (as `npm start` and `npm run service` do). */
export const NODE_ARGS = ['--conditions=@cellgraph/source', '--import', '@swc-node/register/esm-register'];
const START_TIMEOUT_MS = 120_000;
/** How much of a process's output is kept for failure messages (a busy process logs a lot before it fails). */
const OUTPUT_KEPT = 200_000;

async function answersHttp(url: string): Promise<boolean> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
    await response.arrayBuffer();
    return response.ok;
  } catch {
    return false;
  }
}

/** Hands a child's stdout and stderr to `onText` as they come and, line by line, to `onLine`. */
function readOutput(child: ChildProcess, onText: (text: string) => void, onLine?: (line: string) => void): void {
  for (const stream of [child.stdout!, child.stderr!]) {
    let partial = '';
    stream.on('data', (chunk: Buffer) => {
      const text = chunk.toString();
      onText(text);
      if (!onLine) return;
      const lines = (partial + text).split('\n');
      partial = lines.pop()!;
      for (const line of lines) onLine(line);
    });
  }
}

export interface ManagedProcessOptions {
  /** node's flags before the entry; default NODE_ARGS (the TypeScript sources), [] for compiled output. */
  nodeArgs?: string[];
  /** Each line the process writes (stdout and stderr), e.g. to print it prefixed. */
  onLine?: (line: string) => void;
  /** The process ended without `kill`/`stop` asking it to (a crash, or it gave up). */
  onUnexpectedExit?: (code: number | null, signal: NodeJS.Signals | null) => void;
  /**
   * Its own process group, so a terminal's Ctrl-C does not reach it directly (the owner stops it);
   * it is killed when this process exits.
   */
  ownProcessGroup?: boolean;
}

const ownedGroups = new Set<ChildProcess>();
let killingOwnedOnExit = false;

/** A node child process (run from the repository root) that may be stopped, killed and started again with the same command and environment. */
export class ManagedProcess {
  private child: ChildProcess | undefined;
  private output = '';
  private expectingExit = false;

  constructor(
    readonly name: string,
    private readonly args: string[],
    private readonly env: NodeJS.ProcessEnv,
    /** A URL answering 200 once the process serves. */
    readonly readyUrl: string,
    private readonly options: ManagedProcessOptions = {},
  ) {}

  /** Where the process listens (`http://127.0.0.1:<port>`). */
  get baseUrl(): string {
    return new URL(this.readyUrl).origin;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  get running(): boolean {
    return !!this.child && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** What the process wrote (stdout and stderr, the last OUTPUT_KEPT characters), for failure messages. */
  get log(): string {
    return this.output;
  }

  /** Starts the process and waits until `readyUrl` answers 200 (fails at once if it exits). */
  async start(): Promise<void> {
    const detached = this.options.ownProcessGroup ?? false;
    const child = spawn(process.execPath, [...(this.options.nodeArgs ?? NODE_ARGS), ...this.args], {
      cwd: REPO_ROOT,
      env: this.env,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached,
    });
    this.child = child;
    this.expectingExit = false;
    if (detached) killOnExit(child);
    readOutput(child, (text) => (this.output = (this.output + text).slice(-OUTPUT_KEPT)), this.options.onLine);
    child.on('exit', (code, signal) => {
      if (!this.expectingExit && this.child === child) this.options.onUnexpectedExit?.(code, signal);
    });
    const deadline = Date.now() + START_TIMEOUT_MS;
    for (;;) {
      if (child.exitCode !== null || child.signalCode !== null) throw new Error(`${this.name} exited (${child.exitCode ?? child.signalCode}):\n${this.output}`);
      if (await answersHttp(this.readyUrl)) return;
      if (Date.now() > deadline) throw new Error(`${this.name} did not answer ${this.readyUrl} within ${START_TIMEOUT_MS} ms:\n${this.output}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /** Sends `signal` and waits for the process to end (SIGKILL: a crash). */
  async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    this.expectingExit = true;
    const exited = once(child, 'exit');
    child.kill(signal);
    await exited;
  }

  /** SIGTERM (the process drains and exits), then SIGKILL after `timeoutMs` if it is still running. Resolves with its exit code or signal. */
  async stop(timeoutMs: number): Promise<number | NodeJS.Signals | null> {
    const child = this.child;
    if (!child) return null;
    if (child.exitCode === null && child.signalCode === null) {
      this.expectingExit = true;
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
      await exited;
      clearTimeout(timer);
    }
    return child.exitCode ?? child.signalCode;
  }

  /** Freezes (SIGSTOP) or thaws (SIGCONT) the process: it holds its sockets but answers nothing. */
  freeze(): void {
    this.child?.kill('SIGSTOP');
  }

  thaw(): void {
    this.child?.kill('SIGCONT');
  }

  async restart(): Promise<void> {
    await this.kill();
    await this.start();
  }
}

function killOnExit(child: ChildProcess): void {
  ownedGroups.add(child);
  child.once('exit', () => ownedGroups.delete(child));
  if (killingOwnedOnExit) return;
  killingOwnedOnExit = true;
  process.once('exit', () => {
    for (const owned of ownedGroups) owned.kill('SIGKILL');
  });
}

export interface ProcessResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** What it wrote (stdout and stderr, the last 20 000 characters). */
  output: string;
}

/** Runs a node entry (e.g. `scripts/service.ts migrate`) to its end, each output line to `onLine`. */
export async function runProcess(args: string[], env: NodeJS.ProcessEnv, onLine?: (line: string) => void): Promise<ProcessResult> {
  const child = spawn(process.execPath, [...NODE_ARGS, ...args], { cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  readOutput(child, (text) => (output = (output + text).slice(-20_000)), onLine);
  const [code, signal] = (await once(child, 'close')) as [number | null, NodeJS.Signals | null];
  return { code, signal, output };
}
