/**
 * `--against <ref>`: the ref checked out into a temporary git worktree with dependencies. When
 * every package the ref's lock file names is installed here at the same version (always so for an
 * identical lock file), its node_modules links to ours — but its own workspace packages link to
 * its own folders, so its gateway runs its own kernel. Otherwise `npm ci` there.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

interface LockEntry {
  version?: string;
  link?: boolean;
  resolved?: string;
}
type Lock = { packages: Record<string, LockEntry> };

export interface RefCheckout {
  ref: string;
  commit: string;
  root: string;
  /** How its dependencies came: `linked` (ours reused) or `npm ci`. */
  install: 'linked' | 'npm ci';
  remove(): void;
}

const git = (root: string, args: string[]) => execFileSync('git', args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
const readLock = (root: string) => JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as Lock;

/** Packages of `theirs` (installed paths, workspace links aside) missing here or at another version. */
export function lockDifferences(ours: Lock, theirs: Lock): string[] {
  return Object.entries(theirs.packages)
    .filter(([path, entry]) => path.includes('node_modules/') && !entry.link)
    .filter(([path, entry]) => ours.packages[path]?.version !== entry.version || ours.packages[path]?.link)
    .map(([path]) => path);
}

/** `root`/node_modules made of links: ours for every package, the checkout's own folders for its workspaces. */
function linkNodeModules(oursRoot: string, root: string, lock: Lock): void {
  const workspaces = Object.entries(lock.packages)
    .filter(([path, entry]) => path.startsWith('node_modules/') && entry.link && entry.resolved)
    .map(([path, entry]) => ({ name: path.slice('node_modules/'.length), target: join(root, entry.resolved!) }));
  const scopesWithWorkspaces = new Set(workspaces.map(({ name }) => name.split('/')[0]!).filter((part) => part.startsWith('@')));
  const target = join(root, 'node_modules');
  mkdirSync(target);
  for (const entry of readdirSync(join(oursRoot, 'node_modules'))) {
    if (!scopesWithWorkspaces.has(entry)) {
      if (!workspaces.some(({ name }) => name === entry)) symlinkSync(join(oursRoot, 'node_modules', entry), join(target, entry));
      continue;
    }
    mkdirSync(join(target, entry));
    for (const scoped of readdirSync(join(oursRoot, 'node_modules', entry))) {
      const name = `${entry}/${scoped}`;
      if (!workspaces.some((workspace) => workspace.name === name)) symlinkSync(join(oursRoot, 'node_modules', name), join(target, name));
    }
  }
  for (const { name, target: folder } of workspaces) {
    mkdirSync(dirname(join(target, name)), { recursive: true });
    symlinkSync(folder, join(target, name));
  }
  // Packages nested in a workspace (a version other than the hoisted one) come from ours too.
  const nested = new Set(
    Object.keys(lock.packages)
      .filter((path) => !path.startsWith('node_modules/') && path.includes('/node_modules/'))
      .map((path) => path.slice(0, path.indexOf('/node_modules/'))),
  );
  for (const workspace of nested) {
    if (existsSync(join(oursRoot, workspace, 'node_modules')) && existsSync(join(root, workspace))) {
      symlinkSync(join(oursRoot, workspace, 'node_modules'), join(root, workspace, 'node_modules'));
    }
  }
}

export function checkoutRef(oursRoot: string, ref: string, log: (line: string) => void): RefCheckout {
  const commit = git(oursRoot, ['rev-parse', '--verify', `${ref}^{commit}`]);
  const root = mkdtempSync(join(tmpdir(), 'cellgraph-bench-ref-'));
  git(oursRoot, ['worktree', 'add', '--detach', root, commit]);
  const remove = () => {
    try {
      git(oursRoot, ['worktree', 'remove', '--force', root]);
    } catch {
      rmSync(root, { recursive: true, force: true });
      git(oursRoot, ['worktree', 'prune']);
    }
  };
  try {
    const lock = readLock(root);
    const missing = lockDifferences(readLock(oursRoot), lock);
    if (missing.length === 0) {
      linkNodeModules(oursRoot, root, lock);
      log(`--against ${ref} (${commit.slice(0, 10)}): dependencies linked from this checkout (its lock file needs nothing else)`);
      return { ref, commit, root, install: 'linked', remove };
    }
    log(`--against ${ref} (${commit.slice(0, 10)}): ${missing.length} packages differ (e.g. ${missing[0]}): npm ci in ${root}`);
    execFileSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: root, stdio: 'ignore' });
    return { ref, commit, root, install: 'npm ci', remove };
  } catch (error) {
    remove();
    throw error;
  }
}
