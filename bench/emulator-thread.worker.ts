/**
 * The emulator in a worker thread (see emulator-thread.ts): started with the model in workerData, it answers
 * the calls the benchmark makes on its store and request log, one message per call.
 */
import { parentPort, workerData } from 'node:worker_threads';

import { isGraphHttpRequest, startEmulator } from '../test/emulator';
import type { AddUsersOptions } from '../test/emulator/seed/sample-users';
import type { EmulatorThreadCall } from './emulator-thread';

async function main(): Promise<void> {
	const emulator = await startEmulator(workerData as Parameters<typeof startEmulator>[0]);
	const answer = (call: EmulatorThreadCall): unknown => {
		switch (call.op) {
			case 'reset':
				return emulator.reset();
			case 'clearRequests':
				return emulator.clearRequests();
			case 'addUsers':
				return emulator.store
					.addUsers(call.tenantId, call.count, call.options as AddUsersOptions)
					.map((user) => ({ id: user.id, userPrincipalName: user.userPrincipalName }));
			case 'addMessages':
				return emulator.store.addMessages(call.userId, call.folder, call.count, call.seed).map((message) => message.id);
			case 'updateCounts':
				return call.messageIds.map((id) => emulator.store.updateCount(id));
			case 'httpRequests':
				return emulator.requests.filter(isGraphHttpRequest).length;
		}
	};
	parentPort!.on('message', (message: { id: number; call: EmulatorThreadCall }) => {
		try {
			parentPort!.postMessage({ id: message.id, value: answer(message.call) });
		} catch (error) {
			parentPort!.postMessage({ id: message.id, error: error instanceof Error ? error.message : String(error) });
		}
	});
	parentPort!.postMessage({ ready: { baseUrl: emulator.baseUrl, graphBaseUrl: emulator.graphBaseUrl, tokenUrl: emulator.tokenUrl() } });
}

void main();
