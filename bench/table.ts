/** What `npm run bench` prints, and the model of Graph its emulators run. */

/** Graph as the benchmark models it: latency per HTTP request, service time per mailbox operation, 4 at once. */
export interface BenchModel {
	latencyMs: number;
	serviceTimeMs: number;
	mailboxConcurrency: number;
}

export const BENCH_MODEL: BenchModel = { latencyMs: 50, serviceTimeMs: 5, mailboxConcurrency: 4 };

/** A Markdown table, each column as wide as its widest cell. */
export function printTable(header: string[], rows: string[][]): void {
	const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column].length)));
	const line = (cells: string[]) => `| ${cells.map((cell, column) => cell.padEnd(widths[column])).join(' | ')} |`;
	console.log(line(header));
	console.log(`|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`);
	for (const row of rows) console.log(line(row));
	console.log('');
}

/**
 * Peak memory above the level when the watch started, sampled every 2 ms: JavaScript heap plus Buffers (what the
 * code holds), and resident set size (which also counts memory the allocator has not given back, and the
 * in-process emulator's socket buffers). Call the function it returns to stop and read the peaks.
 */
export function memoryWatch(): () => { heldMb: number; rssMb: number } {
	global.gc?.();
	const base = process.memoryUsage();
	const held = (usage: NodeJS.MemoryUsage) => usage.heapUsed + usage.arrayBuffers;
	let peakHeld = 0;
	let peakRss = 0;
	const sample = () => {
		const usage = process.memoryUsage();
		peakHeld = Math.max(peakHeld, held(usage) - held(base));
		peakRss = Math.max(peakRss, usage.rss - base.rss);
	};
	const timer = setInterval(sample, 2);
	return () => {
		clearInterval(timer);
		sample();
		return { heldMb: peakHeld / 1024 / 1024, rssMb: peakRss / 1024 / 1024 };
	};
}
