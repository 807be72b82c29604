import { SAMPLE, startEmulator, type Emulator } from '../index';
import { accessToken, as, graph, userPath, type GraphCollection, type GraphErrorBody } from '../test-client';

let emulator: Emulator;
let token: string;

beforeAll(async () => {
	emulator = await startEmulator();
	token = await accessToken(emulator);
});
afterAll(async () => await emulator.close());
beforeEach(() => emulator.reset());

const ALL = 'automaticReplies, mailboxFullStatus, customMailTip, externalMemberCount, totalMemberCount, maxMessageSize, deliveryRestriction, moderationStatus, recipientScope, recipientSuggestions';
const tips = (body: unknown, token_ = token) => graph(emulator, `${userPath()}/getMailTips`, { token: token_, method: 'POST', body });
const errorOf = (answer: Awaited<ReturnType<typeof graph>>) => as<GraphErrorBody>(answer).error;

describe('getMailTips', () => {
	it('answers the tips asked for, per address and in order, in a mailTips collection', async () => {
		const answer = await tips({ EmailAddresses: [SAMPLE.users.alex.mail, 'someone@fabrikam.com'], MailTipsOptions: 'automaticReplies, mailboxFullStatus' });
		expect(answer.status).toBe(200);
		expect(answer.body).toEqual({
			'@odata.context': `${emulator.baseUrl}/v1.0/$metadata#Collection(microsoft.graph.mailTips)`,
			value: [{ emailAddress: { name: '', address: SAMPLE.users.alex.mail }, automaticReplies: { message: '' }, mailboxFull: false }, { emailAddress: { name: '', address: 'someone@fabrikam.com' } }],
		});
	});

	it("derives a mailbox's tips from the store: full, restricted, moderated, a custom tip, its size limit", async () => {
		emulator.store.mailTips.set(SAMPLE.users.alex.id, { mailboxFull: true, deliveryRestricted: true, isModerated: true, customMailTip: 'On leave', maxMessageSize: 10_485_760 });
		const [alex] = as<GraphCollection>(await tips({ emailAddresses: [SAMPLE.users.alex.mail], mailTipsOptions: ALL })).value;
		expect(alex).toEqual({
			emailAddress: { name: '', address: SAMPLE.users.alex.mail },
			automaticReplies: { message: '' },
			mailboxFull: true,
			customMailTip: 'On leave',
			externalMemberCount: 0,
			totalMemberCount: 1,
			maxMessageSize: 10_485_760,
			deliveryRestricted: true,
			isModerated: true,
			recipientScope: 'internal',
			recipientSuggestions: [],
		});
	});

	it("gives Exchange Online's default size limit of 36 MB to a mailbox that sets none", async () => {
		const [adele] = as<GraphCollection>(await tips({ EmailAddresses: [SAMPLE.users.adele.mail], MailTipsOptions: 'maxMessageSize' })).value;
		expect(adele.maxMessageSize).toBe(37_748_736);
	});

	it('calls another organisation\'s address external and says nothing else about it', async () => {
		const [external] = as<GraphCollection>(await tips({ EmailAddresses: ['partner@fabrikam.com'], MailTipsOptions: ALL })).value;
		expect(external).toEqual({ emailAddress: { name: '', address: 'partner@fabrikam.com' }, recipientScope: 'external', recipientSuggestions: [] });
	});

	it('answers an error per address for an unknown address of its own domains and for one that is no address', async () => {
		const [unknown, malformed] = as<GraphCollection>(await tips({ EmailAddresses: ['ghost@contoso.com', 'not-an-address'], MailTipsOptions: 'recipientScope' })).value;
		expect(unknown.error).toMatchObject({ code: 'ErrorRecipientNotFound' });
		expect(malformed.error).toMatchObject({ code: 'ErrorInvalidSmtpAddress' });
	});

	it('answers only the addresses when no tip is asked for (MailTipsOptions may be left out)', async () => {
		const answer = await tips({ EmailAddresses: [SAMPLE.users.alex.mail] });
		expect(as<GraphCollection>(answer).value).toEqual([{ emailAddress: { name: '', address: SAMPLE.users.alex.mail } }]);
	});

	it('refuses an unknown tip name, no EmailAddresses, an empty list and more than 100 addresses', async () => {
		expect(errorOf(await tips({ EmailAddresses: ['a@contoso.com'], MailTipsOptions: 'outOfOffice' })).message).toBe("Requested value 'outOfOffice' was not found.");
		expect(errorOf(await tips({ MailTipsOptions: 'recipientScope' })).message).toMatch(/The missing parameters are: EmailAddresses\.$/);
		expect(errorOf(await tips({ EmailAddresses: [], MailTipsOptions: 'recipientScope' })).code).toBe('ErrorInvalidArgument');
		const many = Array.from({ length: 101 }, (_, index) => `user${index}@contoso.com`);
		expect(errorOf(await tips({ EmailAddresses: many, MailTipsOptions: 'recipientScope' })).code).toBe('ErrorInvalidArgument');
	});

	it('needs Mail.Read, as the reference lists it: a Mail.Send-only app gets 403, a Mail.Read app is served', async () => {
		const body = { EmailAddresses: [SAMPLE.users.alex.mail], MailTipsOptions: 'recipientScope' };
		expect((await tips(body, await accessToken(emulator, SAMPLE.apps.sendOnly))).status).toBe(403);
		expect((await tips(body, await accessToken(emulator, SAMPLE.apps.readOnly))).status).toBe(200);
	});

	it('answers the namespace-qualified action too', async () => {
		const answer = await graph(emulator, `${userPath()}/microsoft.graph.getMailTips`, { token, method: 'POST', body: { EmailAddresses: [SAMPLE.users.alex.mail], MailTipsOptions: 'recipientScope' } });
		expect(answer.status).toBe(200);
	});
});
