import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TenantSeed } from '../state/model';

/**
 * The default sample tenant: Contoso, with app registrations for each sign-in case a test needs, users of every
 * kind a mailbox listing meets (user, shared, room and equipment mailboxes, a disabled account, no mailbox, another
 * domain) and nested groups. Everything is fixed (ids, secrets, the test-only certificate in data/), so tests can
 * name them through SAMPLE. The first three users (adele, alex, noMailbox) come first in GET /users, in that order.
 */

const certificatePem = readFileSync(join(__dirname, '..', 'data', 'test-certificate.cert.pem'), 'utf8');
const privateKeyPem = readFileSync(join(__dirname, '..', 'data', 'test-certificate.key.pem'), 'utf8');
const certificate = new X509Certificate(certificatePem);
const hexThumbprint = (fingerprint: string) => fingerprint.replace(/:/g, '').toUpperCase();

const FAR_FUTURE = '2099-12-31T23:59:59Z';
const LONG_AGO = '2020-01-01T00:00:00Z';

export const SAMPLE = {
	tenantId: '5f1c2a7e-3b4d-4c8e-9a10-2b3c4d5e6f70',
	tenantName: 'Contoso',
	domain: 'contoso.onmicrosoft.com',
	apps: {
		/** Mail.ReadWrite, Mail.Send, User.Read.All, GroupMember.Read.All, MailboxSettings.ReadWrite, ExchangeMessageTrace.Read.All: everything the node does. */
		full: { clientId: '0a1b2c3d-1111-4a5b-8c9d-0e1f2a3b4c5d', secret: 'full~Secret.Value_0123456789abcdefGHIJ' },
		/** Mail.Read only. */
		readOnly: { clientId: '0a1b2c3d-2222-4a5b-8c9d-0e1f2a3b4c5d', secret: 'readOnly~Secret.Value_0123456789abcdef' },
		/** Mail.Send only: may send, may not read. */
		sendOnly: { clientId: '0a1b2c3d-3333-4a5b-8c9d-0e1f2a3b4c5d', secret: 'sendOnly~Secret.Value_0123456789abcdef' },
		/** Registered, but no permission granted or consented: its token has no roles claim. */
		noConsent: { clientId: '0a1b2c3d-4444-4a5b-8c9d-0e1f2a3b4c5d', secret: 'noConsent~Secret.Value_0123456789abcd' },
		/** Its only secret expired in 2023. */
		expiredSecret: { clientId: '0a1b2c3d-5555-4a5b-8c9d-0e1f2a3b4c5d', secret: 'expired~Secret.Value_0123456789abcdefg' },
		/** Least privilege for listing mailboxes: User.ReadBasic.All, GroupMember.ReadBasic.All, MailboxSettings.Read. */
		mailboxReader: { clientId: '0a1b2c3d-7777-4a5b-8c9d-0e1f2a3b4c5d', secret: 'mailboxReader~Secret.Value_0123456789a' },
		/** GroupMember.ReadBasic.All only: members come back as type and id, other properties null. */
		membersOnly: { clientId: '0a1b2c3d-8888-4a5b-8c9d-0e1f2a3b4c5d', secret: 'membersOnly~Secret.Value_0123456789ab' },
		/** Signs in with the test-only certificate in data/ (as `full`). */
		certificate: {
			clientId: '0a1b2c3d-6666-4a5b-8c9d-0e1f2a3b4c5d',
			privateKeyPem,
			certificatePem,
			/** SHA-1 thumbprint, hex, as the Azure portal shows it. */
			thumbprintSha1: hexThumbprint(certificate.fingerprint),
			/** SHA-256 thumbprint, hex. */
			thumbprintSha256: hexThumbprint(certificate.fingerprint256),
		},
	},
	users: {
		adele: {
			id: '8a2f6c1e-4d3b-4f5a-9e7c-1b2d3e4f5a60',
			userPrincipalName: 'AdeleV@contoso.onmicrosoft.com',
			mail: 'AdeleV@contoso.onmicrosoft.com',
			displayName: 'Adele Vance',
		},
		alex: {
			id: '9b3e7d2f-5e4c-4a6b-8f8d-2c3e4f5a6b71',
			userPrincipalName: 'AlexW@contoso.onmicrosoft.com',
			mail: 'AlexW@contoso.onmicrosoft.com',
			displayName: 'Alex Wilber',
		},
		/** In the directory, but without an Exchange Online mailbox. */
		noMailbox: {
			id: 'ac4f8e3a-6f5d-4b7c-9a9e-3d4f5a6b7c82',
			userPrincipalName: 'NoMailbox@contoso.onmicrosoft.com',
			mail: null,
			displayName: 'Nobody Mailboxless',
		},
	},
	/** Users of the other kinds, after the first three. */
	mailboxes: {
		/** Shared mailbox (userPurpose shared): a disabled account, as Exchange creates shared mailboxes. */
		sales: {
			id: 'b5d1a2c3-7a6e-4c8d-9b0f-4e5f6a7b8c93',
			userPrincipalName: 'Sales@contoso.com',
			mail: 'Sales@contoso.com',
			displayName: 'Contoso Sales',
		},
		/** Room mailbox (userPurpose room), disabled account. */
		boardroom: {
			id: 'c6e2b3d4-8b7f-4d9e-8c1a-5f6a7b8c9da4',
			userPrincipalName: 'Boardroom@contoso.com',
			mail: 'Boardroom@contoso.com',
			displayName: 'Boardroom (12)',
		},
		/** Equipment mailbox (userPurpose equipment), disabled account. */
		projector: {
			id: 'd7f3c4e5-9c8a-4eaf-9d2b-6a7b8c9daeb5',
			userPrincipalName: 'Projector01@contoso.com',
			mail: 'Projector01@contoso.com',
			displayName: 'Projector 01',
		},
		/** A user who left: account disabled, user mailbox kept. */
		former: {
			id: 'e8a4d5f6-ad9b-4fb0-8e3c-7b8c9daebfc6',
			userPrincipalName: 'LeeG@contoso.onmicrosoft.com',
			mail: 'LeeG@contoso.onmicrosoft.com',
			displayName: 'Lee Gu (left)',
		},
		/** A user of the other domain, eu.contoso.com (not @contoso.com). */
		lukas: {
			id: 'f9b5e6a7-beac-4ac1-9f4d-8c9daebfc0d7',
			userPrincipalName: 'LukasM@eu.contoso.com',
			mail: 'LukasM@eu.contoso.com',
			displayName: 'Lukas Maier',
		},
		/** Has a mail address but no Exchange mailbox (no licence): `mail ne null` is not enough to find mailboxes. */
		mailOnly: {
			id: '0ac6f7b8-cfbd-4bd2-8a5e-9daebfc0d1e8',
			userPrincipalName: 'ChrisG@contoso.com',
			mail: 'ChrisG@contoso.com',
			displayName: 'Christie Gray',
		},
	},
	/**
	 * Groups: All Staff holds Adele, No Mailbox, Christie and the group Marketing; Marketing holds Alex, Sales and
	 * the group EMEA Marketing; EMEA Marketing holds Lukas and Alex again. Meeting Rooms holds the room and the
	 * projector. All Staff's transitive members: 8 (6 users, 2 groups).
	 */
	groups: {
		allStaff: { id: '1b2c3d4e-0000-4a1b-8c2d-000000000001', displayName: 'All Staff', mail: 'AllStaff@contoso.com' },
		marketing: { id: '1b2c3d4e-0000-4a1b-8c2d-000000000002', displayName: 'Marketing', mail: 'Marketing@contoso.com' },
		emeaMarketing: { id: '1b2c3d4e-0000-4a1b-8c2d-000000000003', displayName: 'EMEA Marketing', mail: 'EmeaMarketing@contoso.com' },
		rooms: { id: '1b2c3d4e-0000-4a1b-8c2d-000000000004', displayName: 'Meeting Rooms', mail: null },
	},
	/** A verified domain of the tenant besides contoso.onmicrosoft.com and contoso.com. */
	otherDomain: 'eu.contoso.com',
	/** Sample messages each of adele's and alex's mailboxes starts with. */
	messagesPerMailbox: 30,
} as const;

const app = (
	key: keyof typeof SAMPLE.apps,
	displayName: string,
	servicePrincipalId: string,
	roles: string[],
	secretExpiresAt = FAR_FUTURE,
): TenantSeed['apps'][number] => {
	const registration = SAMPLE.apps[key];
	return {
		clientId: registration.clientId,
		displayName,
		servicePrincipalId,
		roles,
		secrets: 'secret' in registration ? [{ value: registration.secret, expiresAt: secretExpiresAt }] : [],
		certificates: 'certificatePem' in registration ? [{ certificatePem: registration.certificatePem, startsAt: LONG_AGO, expiresAt: FAR_FUTURE }] : [],
	};
};

/** What the `full` and `certificate` apps are granted. */
const FULL_ROLES = ['Mail.ReadWrite', 'Mail.Send', 'User.Read.All', 'GroupMember.Read.All', 'MailboxSettings.ReadWrite', 'ExchangeMessageTrace.Read.All'];

/** A fresh copy of the sample tenant, to pass to startEmulator({ tenants }) as is or changed. */
export function sampleTenant(): TenantSeed {
	const { adele, alex, noMailbox } = SAMPLE.users;
	const { sales, boardroom, projector, former, lukas, mailOnly } = SAMPLE.mailboxes;
	const { allStaff, marketing, emeaMarketing, rooms } = SAMPLE.groups;
	const group = (
		seed: { id: string; displayName: string; mail: string | null },
		members: string[],
		description: string,
	): NonNullable<TenantSeed['groups']>[number] => ({
		...seed,
		description,
		mailEnabled: seed.mail !== null,
		mailNickname: seed.displayName.replace(/\s+/g, ''),
		securityEnabled: true,
		members,
	});
	return {
		id: SAMPLE.tenantId,
		displayName: SAMPLE.tenantName,
		domains: [SAMPLE.domain, 'contoso.com', SAMPLE.otherDomain],
		apps: [
			app('full', 'Mail automation (full)', 'e1000000-0000-4000-8000-000000000001', FULL_ROLES),
			app('readOnly', 'Mail reader', 'e1000000-0000-4000-8000-000000000002', ['Mail.Read']),
			app('sendOnly', 'Mail sender', 'e1000000-0000-4000-8000-000000000003', ['Mail.Send']),
			app('noConsent', 'Not yet consented', 'e1000000-0000-4000-8000-000000000004', []),
			app('expiredSecret', 'Expired secret', 'e1000000-0000-4000-8000-000000000005', ['Mail.ReadWrite'], '2023-06-30T00:00:00Z'),
			app('certificate', 'Mail automation (certificate)', 'e1000000-0000-4000-8000-000000000006', FULL_ROLES),
			app('mailboxReader', 'Mailbox lister', 'e1000000-0000-4000-8000-000000000007', ['User.ReadBasic.All', 'GroupMember.ReadBasic.All', 'MailboxSettings.Read']),
			app('membersOnly', 'Group members only', 'e1000000-0000-4000-8000-000000000008', ['GroupMember.ReadBasic.All']),
		],
		users: [
			{
				...adele,
				givenName: 'Adele',
				surname: 'Vance',
				jobTitle: 'Retail Manager',
				officeLocation: '18/2111',
				preferredLanguage: 'en-US',
				businessPhones: ['+1 425 555 0109'],
				mobilePhone: null,
				mailbox: { seed: 1, messages: SAMPLE.messagesPerMailbox, folders: [{ displayName: 'Projects', parent: 'inbox' }] },
			},
			{
				...alex,
				givenName: 'Alex',
				surname: 'Wilber',
				jobTitle: 'Marketing Assistant',
				officeLocation: '131/1104',
				preferredLanguage: 'en-US',
				businessPhones: ['+1 858 555 0110'],
				mobilePhone: null,
				mailbox: { seed: 2, messages: SAMPLE.messagesPerMailbox },
			},
			{ ...noMailbox, givenName: 'Nobody', surname: 'Mailboxless', businessPhones: [], mobilePhone: null, mailbox: null },
			{
				...sales,
				jobTitle: 'Shared mailbox',
				businessPhones: [],
				mobilePhone: null,
				accountEnabled: false,
				mailbox: { seed: 3, messages: 8, purpose: 'shared' },
			},
			{ ...boardroom, businessPhones: [], mobilePhone: null, officeLocation: '18/1001', accountEnabled: false, mailbox: { seed: 4, messages: 2, purpose: 'room' } },
			{ ...projector, businessPhones: [], mobilePhone: null, accountEnabled: false, mailbox: { seed: 5, messages: 0, purpose: 'equipment' } },
			{
				...former,
				givenName: 'Lee',
				surname: 'Gu',
				jobTitle: 'Director',
				preferredLanguage: 'en-US',
				businessPhones: [],
				mobilePhone: null,
				accountEnabled: false,
				mailbox: { seed: 6, messages: 5 },
			},
			{
				...lukas,
				givenName: 'Lukas',
				surname: 'Maier',
				jobTitle: 'Marketing Specialist',
				department: 'Marketing',
				preferredLanguage: 'de-DE',
				businessPhones: [],
				mobilePhone: null,
				mailbox: { seed: 7, messages: 6, settings: { timeZone: 'W. Europe Standard Time', dateFormat: 'dd.MM.yyyy', timeFormat: 'HH:mm' } },
			},
			{ ...mailOnly, givenName: 'Christie', surname: 'Gray', jobTitle: 'Consultant', businessPhones: [], mobilePhone: null, mailbox: null },
		],
		groups: [
			group(allStaff, [adele.id, noMailbox.id, mailOnly.id, marketing.id], 'Everyone at Contoso'),
			group(marketing, [alex.id, sales.id, emeaMarketing.id], 'Marketing and its shared inbox'),
			group(emeaMarketing, [lukas.id, alex.id], 'Marketing in Europe'),
			group(rooms, [boardroom.id, projector.id], 'Bookable rooms and equipment'),
		],
	};
}
