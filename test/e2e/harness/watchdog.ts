/**
 * No process left behind, whatever ends the test process. Exit and signal handlers do not run when the test
 * process is killed with SIGKILL (a CI runner that times out, jest killing a stuck worker), and PostgreSQL,
 * Redis and n8n run detached in their own process groups. So a small watchdog, itself detached, watches the
 * test process: when it is gone, it ends what the registry still lists (process groups, processes) and removes
 * the folders it lists. Things stopped normally are taken off the registry first.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

type Entry = { kind: 'group' | 'pid'; id: number; signal: 'INT' | 'TERM' | 'KILL' } | { kind: 'dir'; path: string };

// Waits for the watched pid to go, then for each entry: the signal, 3 s, then SIGKILL; folders last.
const SCRIPT = `
watched="$1"; registry="$2"; own="$3"
while kill -0 "$watched" 2>/dev/null; do sleep 1; done
[ -f "$registry" ] || { rm -rf "$own"; exit 0; }
while read -r kind id sig; do
	case "$kind" in
		group) kill -"$sig" -- "-$id" 2>/dev/null ;;
		pid) kill -"$sig" "$id" 2>/dev/null ;;
	esac
done < "$registry"
sleep 3
while read -r kind id sig; do
	case "$kind" in
		group) kill -KILL -- "-$id" 2>/dev/null ;;
		pid) kill -KILL "$id" 2>/dev/null ;;
		dir) rm -rf "$id" ;;
	esac
done < "$registry"
rm -rf "$own"
`;

class Watchdog {
	private readonly entries = new Set<Entry>();
	private readonly folder = mkdtempSync(join(tmpdir(), 'outlook-mail-app-watchdog-'));
	private readonly registry = join(this.folder, 'registry');

	constructor() {
		this.write();
		const child = spawn('bash', ['-c', SCRIPT, 'watchdog', String(process.pid), this.registry, this.folder], {
			detached: true,
			stdio: 'ignore',
		});
		child.unref();
	}

	/** Lists something to end if the test process dies; returns the function that takes it off again. */
	add(entry: Entry): () => void {
		this.entries.add(entry);
		this.write();
		return () => {
			this.entries.delete(entry);
			this.write();
		};
	}

	private write(): void {
		const lines = [...this.entries].map((entry) => (entry.kind === 'dir' ? `dir ${entry.path} -` : `${entry.kind} ${entry.id} ${entry.signal}`));
		// Folders go last: processes first, so that nothing still writes into them.
		lines.sort((a, b) => Number(a.startsWith('dir ')) - Number(b.startsWith('dir ')));
		writeFileSync(this.registry, lines.length ? `${lines.join('\n')}\n` : '');
	}

}

let watchdog: Watchdog | undefined;

/** The test process's watchdog, started on first use. */
export function processWatchdog(): Watchdog {
	watchdog ??= new Watchdog();
	return watchdog;
}
