import { SAMPLE, type Emulator } from '../../emulator';
import { emulatorCredential, mailboxUrl, runOutlook, useEmulator } from '../../helpers/outlook';

let emulator: Emulator;
useEmulator((started) => (emulator = started), { virtualClock: true });

const { adele, alex } = SAMPLE.users;
const graphBodies = (method: string) => emulator.requests.filter((request) => request.kind === 'graph' && request.method === method).map((request) => request.body);

describe('graphRequest > send', () => {
	it('GET with {mailbox} encoded, query parameters and a header: the answer as one item', async () => {
		const run = await runOutlook(emulator, {
			resource: 'graphRequest',
			operation: 'send',
			mailbox: alex.userPrincipalName,
			method: 'GET',
			path: '/users/{mailbox}/mailFolders/inbox',
			queryParameters: { parameters: [{ name: '$select', value: 'id,displayName' }] },
			headers: { parameters: [{ name: 'Prefer', value: 'IdType="ImmutableId"' }] },
		});
		expect(run.error).toBeUndefined();
		expect(run.graphCalls).toEqual([`GET ${mailboxUrl(alex.userPrincipalName)}/mailFolders/inbox?$select=id%2CdisplayName`]);
		const request = emulator.requests.find((candidate) => candidate.kind === 'graph');
		expect(request?.headers.prefer).toBe('IdType="ImmutableId"');
		expect(run.items).toHaveLength(1);
		expect(run.items[0].json).toMatchObject({ id: emulator.store.folder(alex.id, 'inbox').id, displayName: 'Inbox' });
	});

	it('Return All follows @odata.nextLink through the pager, one item per element of value', async () => {
		const folder = emulator.store.addFolder(adele.id, 'inbox', 'Bulk');
		emulator.store.addMessages(adele.id, folder.id, 5);
		const run = await runOutlook(emulator, {
			resource: 'graphRequest',
			operation: 'send',
			method: 'GET',
			path: `/users/{mailbox}/mailFolders/${folder.id}/messages`,
			returnAll: true,
			queryParameters: { parameters: [{ name: '$top', value: '2' }, { name: '$select', value: 'subject' }] },
		});
		expect(run.error).toBeUndefined();
		expect(run.items).toHaveLength(5);
		expect(run.graphCalls).toHaveLength(3);
		expect(run.graphCalls[0]).toBe(`GET ${mailboxUrl()}/mailFolders/${folder.id}/messages?$top=2&$select=subject`);
		expect(new Set(run.items.map((item) => item.json.id)).size).toBe(5);
	});

	it('POST with a JSON body, and a send through it is a send: never in a batch, never retried after a lost answer', async () => {
		const created = await runOutlook(emulator, {
			resource: 'graphRequest',
			operation: 'send',
			method: 'POST',
			path: '/users/{mailbox}/mailFolders',
			bodyType: 'json',
			jsonBody: '{"displayName": "Made raw"}',
		});
		expect(created.error).toBeUndefined();
		expect(created.graphCalls).toEqual([`POST ${mailboxUrl()}/mailFolders`]);
		expect(graphBodies('POST')).toEqual([{ displayName: 'Made raw' }]);
		expect(created.items[0].json).toMatchObject({ displayName: 'Made raw' });

		// With Retry Mode RetryAny, a 504 is retried for any other request, never for a send.
		const retryAny = emulatorCredential(emulator, { retryMode: 'RetryAny' });
		emulator.faults.add({ method: 'POST', path: /\/mailFolders$/, status: 504, times: 1 });
		const retried = await runOutlook(emulator, { resource: 'graphRequest', operation: 'send', method: 'POST', path: '/users/{mailbox}/mailFolders', jsonBody: { displayName: 'Retried' } }, [{}], { credential: retryAny });
		expect(retried.error).toBeUndefined();
		expect(retried.graphCalls).toEqual([`POST ${mailboxUrl()}/mailFolders`, `POST ${mailboxUrl()}/mailFolders`]);

		emulator.faults.add({ method: 'POST', path: /sendMail$/, status: 504, times: 1 });
		const sent = await runOutlook(
			emulator,
			{
				resource: 'graphRequest',
				operation: 'send',
				method: 'POST',
				path: '/users/{mailbox}/microsoft.graph.sendMail',
				jsonBody: JSON.stringify({ message: { subject: 'Raw send', body: { contentType: 'Text', content: 'Hi' }, toRecipients: [{ emailAddress: { address: alex.mail } }] } }),
			},
			[{}, {}],
			{ continueOnFail: true, credential: retryAny },
		);
		expect(sent.items[0].json.error).toMatch(/^The mail may have been sent: Graph answered 504, so its outcome is unknown and it was not sent again\.$/);
		expect(sent.items[1].json).toEqual({ success: true });
		// Each send alone, one after the other, never in a $batch.
		expect(sent.graphCalls).toEqual([`POST ${mailboxUrl()}/microsoft.graph.sendMail`, `POST ${mailboxUrl()}/microsoft.graph.sendMail`]);
	});

	it('a binary response: a message\'s MIME as binary data', async () => {
		const message = emulator.store.addMessage(adele.id, 'inbox', { subject: 'MIME me' });
		const run = await runOutlook(emulator, {
			resource: 'graphRequest',
			operation: 'send',
			method: 'GET',
			path: `/users/{mailbox}/messages/${message.id}/$value`,
			responseFormat: 'binary',
			outputBinaryField: 'mime',
		});
		expect(run.error).toBeUndefined();
		expect(run.graphCalls).toEqual([`GET ${mailboxUrl()}/messages/${message.id}/$value`]);
		const binary = run.items[0].binary?.mime;
		expect(binary?.mimeType).toMatch(/^message\/rfc822|^text\/plain/);
		expect(Buffer.from(binary!.data, 'base64').toString('utf8')).toContain('Subject: MIME me');
	});

	it('fails the item Graph refuses, with the hint of the request, and the others go on under continue-on-fail', async () => {
		const run = await runOutlook(
			emulator,
			{ resource: 'graphRequest', operation: 'send', method: 'GET', path: '={{ $json.path }}' },
			[{ path: '/users/{mailbox}/messages/AAMkNotThere' }, { path: '/users/{mailbox}/mailFolders/inbox' }],
			{ continueOnFail: true },
		);
		expect(run.items.map((item) => item.json.displayName ?? item.json.error)).toEqual([expect.stringMatching(/^ErrorInvalidIdMalformed: |^ErrorItemNotFound: /), 'Inbox']);
		expect(run.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	});

	it('API Version Beta addresses /beta on the same origin (which this emulator does not serve: the item fails with its answer)', async () => {
		const run = await runOutlook(emulator, { resource: 'graphRequest', operation: 'send', method: 'GET', apiVersion: 'beta', path: '/users/{mailbox}/mailFolders/inbox' }, [{}], { continueOnFail: true });
		expect(emulator.requests.filter((request) => request.kind !== 'token').map((request) => `${request.method} ${request.rawUrl}`)).toEqual([
			`GET ${mailboxUrl().replace('/v1.0/', '/beta/')}/mailFolders/inbox`,
		]);
		expect(run.items[0].json.error).toBe('BadRequest: Invalid version: beta');
	});

	it('sends an input binary field as the body, as is, with its MIME type', async () => {
		const mime = Buffer.from('From: adele@contoso.com\r\nSubject: From MIME\r\n\r\nHello.\r\n').toString('base64');
		const run = await runOutlook(
			emulator,
			{ resource: 'graphRequest', operation: 'send', method: 'POST', path: '/users/{mailbox}/messages', bodyType: 'binary', inputBinaryField: 'mime' },
			[{ __binary: { mime: { base64: Buffer.from(mime).toString('base64'), fileName: 'message.txt', mimeType: 'text/plain' } } }],
			{ continueOnFail: true },
		);
		const [request] = emulator.requests.filter((candidate) => candidate.kind === 'graph');
		expect(`${request.method} ${request.rawUrl}`).toBe(`POST ${mailboxUrl()}/messages`);
		expect(request.headers['content-type']).toBe('text/plain');
		expect(request.body).toBe(mime);
		expect(run.items).toHaveLength(1);
	});
});
