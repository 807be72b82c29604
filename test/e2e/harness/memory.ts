/**
 * Memory of other processes, from /proc/<pid>/status: VmRSS (resident now) sampled every few milliseconds,
 * and VmHWM (the kernel's own peak of the resident set since the process started).
 */
import { readFileSync } from 'node:fs';

export interface ProcessMemory {
	pid: number;
	/** VmRSS when sampling began, MB. */
	startRssMb: number;
	/** Highest VmRSS seen while sampling, MB. */
	peakRssMb: number;
	/** VmHWM when sampling ended, MB: the process's peak since it started, even between two samples. */
	hwmMb: number;
}

function statusMb(pid: number, field: 'VmRSS' | 'VmHWM'): number {
	try {
		const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
		return match ? Number(match[1]) / 1024 : 0;
	} catch {
		return 0;
	}
}

/** Starts sampling the processes; `stop()` returns each one's figures. */
export function sampleMemory(pids: number[], intervalMs = 20): { stop(): ProcessMemory[] } {
	const figures = pids.map((pid) => {
		const rss = statusMb(pid, 'VmRSS');
		return { pid, startRssMb: rss, peakRssMb: rss, hwmMb: 0 };
	});
	const timer = setInterval(() => {
		for (const figure of figures) figure.peakRssMb = Math.max(figure.peakRssMb, statusMb(figure.pid, 'VmRSS'));
	}, intervalMs);
	return {
		stop: () => {
			clearInterval(timer);
			for (const figure of figures) {
				figure.peakRssMb = Math.max(figure.peakRssMb, statusMb(figure.pid, 'VmRSS'));
				figure.hwmMb = statusMb(figure.pid, 'VmHWM');
			}
			return figures;
		},
	};
}
