import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { testOutlookMailAppCredential } from '../../nodes/shared/graph/connectionTest';
import { SAMPLE, type Emulator } from '../emulator';
import { runCredentialTest } from '../helpers/n8n';
import { emulatorCredential, useEmulator } from '../helpers/outlook';

let emulator: Emulator;
useEmulator((started) => (emulator = started));

function credential(overrides: ICredentialDataDecryptedObject = {}): ICredentialDataDecryptedObject {
	return emulatorCredential(emulator, overrides);
}

async function test(overrides: ICredentialDataDecryptedObject = {}) {
	return await runCredentialTest(testOutlookMailAppCredential, credential(overrides));
}

const SECRETS = [SAMPLE.apps.full.secret, 'wrong-secret-value-123', SAMPLE.apps.expiredSecret.secret];

describe('Test Connection', () => {
	it('succeeds for an app with mail permissions and names them', async () => {
		const result = await test();
		expect(result.status).toBe('OK');
		expect(result.message).toContain(`Connected to mailbox "${SAMPLE.users.adele.userPrincipalName}"`);
		expect(result.message).toMatch(/Application permissions: .*Mail\.ReadWrite/);
		expect(result.message).toMatch(/Mail\.Send/);
		const graph = emulator.requests.filter((request) => request.kind === 'graph');
		expect(graph.map((request) => `${request.method} ${request.rawUrl}`)).toEqual([
			`GET /v1.0/users/${encodeURIComponent(SAMPLE.users.adele.userPrincipalName)}/mailFolders/inbox?$select=id`,
		]);
	});

	it('passes a send-only app on its token and roles, and says the mailbox was not checked', async () => {
		const result = await test({ clientId: SAMPLE.apps.sendOnly.clientId, clientSecret: SAMPLE.apps.sendOnly.secret });
		expect(result.status).toBe('OK');
		expect(result.message).toContain('Application permissions: Mail.Send.');
		expect(result.message).toContain('was not checked: reading it needs Mail.ReadBasic.All or Mail.Read');
		expect(emulator.requests.filter((request) => request.kind === 'graph')).toHaveLength(0);
	});

	it('succeeds with a certificate instead of a secret', async () => {
		const result = await test({
			authentication: 'certificate',
			clientId: SAMPLE.apps.certificate.clientId,
			clientSecret: '',
			privateKey: SAMPLE.apps.certificate.privateKeyPem,
			certificate: SAMPLE.apps.certificate.certificatePem,
		});
		expect(result).toMatchObject({ status: 'OK' });
	});

	it.each([
		[
			'a wrong secret',
			() => ({ clientSecret: 'wrong-secret-value-123' }),
			/^The client secret is wrong: .*copy the secret's Value \(not its Secret ID\).*\(AADSTS7000215\)$/,
		],
		[
			'an expired secret',
			() => ({ clientId: SAMPLE.apps.expiredSecret.clientId, clientSecret: SAMPLE.apps.expiredSecret.secret }),
			/^The client secret has expired: create a new client secret.*\(AADSTS7000222\)$/,
		],
		[
			'an unknown tenant',
			() => ({ tokenUrl: emulator.tokenUrl('00000000-1111-2222-3333-444444444444') }),
			/^Tenant "00000000-1111-2222-3333-444444444444" does not exist: put your Directory \(tenant\) ID.*\(AADSTS90002\)$/,
		],
		[
			'an app not registered in the tenant',
			() => ({ clientId: '99999999-8888-7777-6666-555555555555' }),
			/^No application with Client ID "99999999-8888-7777-6666-555555555555" exists in tenant .*\(AADSTS700016\)$/,
		],
		[
			'the multi-tenant /common Token URL',
			() => ({ tokenUrl: emulator.tokenUrl('common') }),
			/^The Token URL uses the multi-tenant "\/common" endpoint, which the client-credentials flow cannot use: replace "common" with your tenant ID/,
		],
		[
			'an http Token URL on a non-loopback host',
			() => ({ tokenUrl: `http://login.example.com/${SAMPLE.tenantId}/oauth2/v2.0/token` }),
			/^The Token URL must use https \(it uses http\)/,
		],
		[
			'an app whose permissions are not admin-consented',
			() => ({ clientId: SAMPLE.apps.noConsent.clientId, clientSecret: SAMPLE.apps.noConsent.secret }),
			/^The app signed in but holds no application permissions: add the Microsoft Graph application permission Mail\.ReadBasic\.All, Mail\.Read, Mail\.ReadWrite or Mail\.Send under API permissions, then click "Grant admin consent"/,
		],
		[
			'a mailbox that does not exist',
			() => ({ defaultUserId: 'nobody@contoso.onmicrosoft.com' }),
			/^Mailbox "nobody@contoso.onmicrosoft.com" was not found in this tenant: check .*Default User Id/,
		],
		[
			'a user without an Exchange Online mailbox',
			() => ({ defaultUserId: SAMPLE.users.noMailbox.userPrincipalName }),
			/has no Exchange Online mailbox .*: give the user an Exchange Online license or use another mailbox\.$/,
		],
	])('fails with one actionable sentence for %s', async (_, overrides, expected) => {
		const result = await test(overrides());
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(expected);
		for (const secret of SECRETS) expect(result.message).not.toContain(secret);
	});

	it('makes no discovery request in any case', async () => {
		await test();
		await test({ clientSecret: 'wrong-secret-value-123' });
		expect(emulator.requests.filter((request) => request.kind === 'discovery')).toEqual([]);
	});
});
