/**
 * The instant trigger on the polling trigger's mailbox modes: a subscription per watched mailbox and folder, and
 * each mailbox's mail emitted once, saying its mailbox.
 */
import { SAMPLE } from '../emulator';
import { clock, emittedIds, emulator, settle, startWith, trigger, until } from './helpers';

const { adele, alex } = SAMPLE.users;
const { sales, lukas } = SAMPLE.mailboxes;

function arrive(userId: string) {
	return emulator.store.addMessage(userId, 'inbox', { receivedDateTime: new Date(clock.now()).toISOString(), isRead: false, subject: `To ${userId}` });
}

const subscribed = () =>
	emulator.notifications
		.subscriptions()
		.map((subscription) => subscription.resource)
		.sort();

describe('instant trigger: mailboxes', () => {
	beforeEach(async () => await startWith());

	it('a list of mailboxes: one subscription per mailbox and folder, and each delivery emitted once with its mailbox', async () => {
		const harness = await trigger({ mailboxMode: 'list', mailboxes: `${adele.userPrincipalName}, ${alex.userPrincipalName}`, folders: ['inbox', 'archive'] });
		await harness.activate();
		expect(subscribed()).toEqual(
			[adele, alex]
				.flatMap((user) => ['inbox', 'archive'].map((folder) => `users/${encodeURIComponent(user.userPrincipalName)}/mailFolders('${folder}')/messages`))
				.sort(),
		);
		const toAlex = arrive(alex.id);
		await until("Alex's mail", () => emittedIds(harness).includes(toAlex.id));
		const toAdele = arrive(adele.id);
		await until("Adele's mail", () => emittedIds(harness).includes(toAdele.id));
		await settle(harness);
		expect(emittedIds(harness)).toEqual([toAlex.id, toAdele.id]);
		expect(harness.emittedItems().map((item) => item.json.mailbox)).toEqual([alex.userPrincipalName, adele.userPrincipalName]);
	});

	it("the members of a group: a subscription for each member's mailbox, read at activation", async () => {
		const harness = await trigger({ mailboxMode: 'group', groupId: SAMPLE.groups.marketing.id, folders: ['inbox'] });
		await harness.activate();
		expect(subscribed()).toEqual([alex.id, sales.id, lukas.id].map((id) => `users/${id}/mailFolders('inbox')/messages`).sort());
		const toLukas = arrive(lukas.id);
		await until("Lukas's mail", () => emittedIds(harness).includes(toLukas.id));
	});
});
