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
