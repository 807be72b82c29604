import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TenantSeed } from '../state/model';

/**
 * The default sample tenant: Contoso, with app registrations for each sign-in case a test needs and three users.
 * Everything is fixed (ids, secrets, the test-only certificate in data/), so tests can name them through SAMPLE.
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
		/** Mail.ReadWrite, Mail.Send, User.Read.All, MailboxSettings.ReadWrite, ExchangeMessageTrace.Read.All: everything the node does. */
		full: { clientId: '0a1b2c3d-1111-4a5b-8c9d-0e1f2a3b4c5d', secret: 'full~Secret.Value_0123456789abcdefGHIJ' },
		/** Mail.Read only. */
		readOnly: { clientId: '0a1b2c3d-2222-4a5b-8c9d-0e1f2a3b4c5d', secret: 'readOnly~Secret.Value_0123456789abcdef' },
		/** Mail.Send only: may send, may not read. */
		sendOnly: { clientId: '0a1b2c3d-3333-4a5b-8c9d-0e1f2a3b4c5d', secret: 'sendOnly~Secret.Value_0123456789abcdef' },
		/** Registered, but no permission granted or consented: its token has no roles claim. */
		noConsent: { clientId: '0a1b2c3d-4444-4a5b-8c9d-0e1f2a3b4c5d', secret: 'noConsent~Secret.Value_0123456789abcd' },
		/** Its only secret expired in 2023. */
		expiredSecret: { clientId: '0a1b2c3d-5555-4a5b-8c9d-0e1f2a3b4c5d', secret: 'expired~Secret.Value_0123456789abcdefg' },
		/** Signs in with the test-only certificate in data/ (the roles of `full`). */
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
	/** Sample messages each mailbox starts with. */
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
const FULL_ROLES = ['Mail.ReadWrite', 'Mail.Send', 'User.Read.All', 'MailboxSettings.ReadWrite', 'ExchangeMessageTrace.Read.All'];

/** A fresh copy of the sample tenant, to pass to startEmulator({ tenants }) as is or changed. */
export function sampleTenant(): TenantSeed {
	const { adele, alex, noMailbox } = SAMPLE.users;
	return {
		id: SAMPLE.tenantId,
		displayName: SAMPLE.tenantName,
		domains: [SAMPLE.domain, 'contoso.com'],
		apps: [
			app('full', 'Mail automation (full)', 'e1000000-0000-4000-8000-000000000001', FULL_ROLES),
			app('readOnly', 'Mail reader', 'e1000000-0000-4000-8000-000000000002', ['Mail.Read']),
			app('sendOnly', 'Mail sender', 'e1000000-0000-4000-8000-000000000003', ['Mail.Send']),
			app('noConsent', 'Not yet consented', 'e1000000-0000-4000-8000-000000000004', []),
			app('expiredSecret', 'Expired secret', 'e1000000-0000-4000-8000-000000000005', ['Mail.ReadWrite'], '2023-06-30T00:00:00Z'),
			app('certificate', 'Mail automation (certificate)', 'e1000000-0000-4000-8000-000000000006', FULL_ROLES),
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
		],
	};
}
