/**
 * The emulator on its own thread, for workloads whose figures are the node's CPU: in-process, the emulator's
 * own work (routing, JSON, JWT checks, the store) runs on the node's thread and is counted as the node's time,
 * which Graph's is not. The node reaches it over HTTP as before; the bench sets it up and reads its counts
 * through these calls.
 */
import { resolve } from 'node:path';
import { Worker } from 'node:worker_threads';

import type { AddUsersOptions } from '../test/emulator/seed/sample-users';
import type { BenchModel } from './table';

export type EmulatorThreadCall =
	| { op: 'reset' }
	| { op: 'clearRequests' }
	| { op: 'addUsers'; tenantId: string; count: number; options: AddUsersOptions }
	| { op: 'addMessages'; userId: string; folder: string; count: number; seed: number }
	| { op: 'updateCounts'; messageIds: string[] }
	| { op: 'httpRequests' };

export interface EmulatorThread {
	baseUrl: string;
	graphBaseUrl: string;
	tokenUrl(): string;
	call<T>(call: EmulatorThreadCall): Promise<T>;
	close(): Promise<void>;
}

export async function startEmulatorThread(model: BenchModel): Promise<EmulatorThread> {
	// The worker runs TypeScript through the same transpile-on-require hook as `npm run bench`.
	const worker = new Worker(resolve(__dirname, '../scripts/ts-run.cjs'), {
		argv: [resolve(__dirname, 'emulator-thread.worker.ts')],
		workerData: model,
	});
	const pending = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
	let nextId = 0;
	const ready = await new Promise<{ baseUrl: string; graphBaseUrl: string; tokenUrl: string }>((resolveReady, rejectReady) => {
		worker.once('error', rejectReady);
		worker.on('message', (message: { ready?: { baseUrl: string; graphBaseUrl: string; tokenUrl: string }; id?: number; value?: unknown; error?: string }) => {
			if (message.ready) return resolveReady(message.ready);
			const waiter = pending.get(message.id!);
			pending.delete(message.id!);
			if (message.error !== undefined) waiter?.reject(new Error(message.error));
			else waiter?.resolve(message.value);
		});
	});
	return {
		baseUrl: ready.baseUrl,
		graphBaseUrl: ready.graphBaseUrl,
		tokenUrl: () => ready.tokenUrl,
		call: <T>(call: EmulatorThreadCall) =>
			new Promise<T>((resolveCall, rejectCall) => {
				const id = nextId++;
				pending.set(id, { resolve: resolveCall as (value: unknown) => void, reject: rejectCall });
				worker.postMessage({ id, call });
			}),
		close: async () => {
			await worker.terminate();
		},
	};
}
