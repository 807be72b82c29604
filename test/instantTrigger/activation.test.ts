import { OutlookMailAppInstantTrigger } from '../../nodes/OutlookMailAppInstantTrigger/OutlookMailAppInstantTrigger.node';
import { useGraphRuntime } from '../../nodes/shared/graph/runtime';
import { clearTokenCache } from '../../nodes/shared/graph/token';
import { SAMPLE, startEmulator, type Emulator } from '../emulator';
import { emulatorCredential } from '../helpers/outlook';
import { WebhookTriggerHarness } from '../helpers/webhookTrigger';

const adele = SAMPLE.users.adele.id;
let emulator: Emulator;
let harness: WebhookTriggerHarness;

beforeAll(async () => {
	emulator = await startEmulator({ notifications: { allowHttpLoopback: true } });
});
afterAll(async () => await emulator.close());
let restore: () => void;
beforeEach(async () => {
	clearTokenCache();
	restore = useGraphRuntime();
	emulator.reset();
	harness = new WebhookTriggerHarness({
		nodeType: new OutlookMailAppInstantTrigger(),
		typeName: 'outlookMailAppInstantTrigger',
		parameters: { folders: ['inbox'] },
		credential: emulatorCredential(emulator),
	});
	await harness.start();
});
afterEach(async () => {
	await harness.close();
	restore();
});

const waitFor = async <T>(what: string, check: () => T | undefined | false, timeoutMs = 5000): Promise<T> => {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = check();
		if (value) return value;
		if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
		await new Promise((resolve) => setTimeout(resolve, 10));
	}
};

it('subscribes on activation and emits a delivered message once', async () => {
	await harness.activate();
	expect(emulator.notifications.subscriptions()).toHaveLength(1);
	const message = emulator.store.addMessage(adele, 'inbox', { receivedDateTime: new Date().toISOString(), subject: 'Hello' });
	const executions = await waitFor('an execution', () => harness.executions.length > 0 && harness.executions);
	expect(executions[0].items.map((item) => item.json.id)).toEqual([message.id]);
	await harness.deactivate();
	expect(emulator.notifications.subscriptions()).toEqual([]);
});
