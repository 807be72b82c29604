import { readSettings } from '../../../nodes/shared/graph/settings';
import { acquireToken, clearTokenCache, grantedRoles, invalidateToken } from '../../../nodes/shared/graph/token';
import { SAMPLE, type Emulator } from '../../emulator';
import { emulatorCredential, useEmulator } from '../../helpers/outlook';

let emulator: Emulator;
useEmulator((started) => (emulator = started), { virtualClock: true });

const settingsFor = (app: { clientId: string; secret: string } = SAMPLE.apps.full) =>
	readSettings(emulatorCredential(emulator, { clientId: app.clientId, clientSecret: app.secret }));
const tokenRequests = () => emulator.requests.filter((request) => request.kind === 'token');

describe('token cache', () => {
	it('keeps one app per credential: one token request, then the cached token, for equal settings read twice', async () => {
		const first = await acquireToken(settingsFor());
		const second = await acquireToken(settingsFor());
		expect(first.fromCache).toBe(false);
		expect(second).toEqual({ accessToken: first.accessToken, fromCache: true });
		expect(tokenRequests()).toHaveLength(1);
	});

	it('keeps apps of other credentials apart: another client or secret is another app with its own token', async () => {
		const full = await acquireToken(settingsFor());
		const sendOnly = await acquireToken(settingsFor(SAMPLE.apps.sendOnly));
		expect(sendOnly.accessToken).not.toBe(full.accessToken);
		expect(grantedRoles(sendOnly.accessToken)).toEqual(['Mail.Send']);
		expect(tokenRequests()).toHaveLength(2);
		expect((await acquireToken(settingsFor())).accessToken).toBe(full.accessToken);
		expect(tokenRequests()).toHaveLength(2);
	});

	it('asks Entra ID once for acquisitions that start together (single flight)', async () => {
		const tokens = await Promise.all(Array.from({ length: 8 }, async () => await acquireToken(settingsFor())));
		expect(new Set(tokens.map((token) => token.accessToken)).size).toBe(1);
		expect(tokenRequests()).toHaveLength(1);
	});

	it('gets a fresh token, once, for the acquisitions after Graph refused the token (a 401)', async () => {
		const before = await acquireToken(settingsFor());
		invalidateToken(settingsFor());
		const after = await Promise.all([acquireToken(settingsFor()), acquireToken(settingsFor())]);
		expect(after[0].fromCache).toBe(false);
		expect(after[1].accessToken).toBe(after[0].accessToken);
		expect(tokenRequests()).toHaveLength(2);
		expect((await acquireToken(settingsFor())).fromCache).toBe(true);
		expect(before.accessToken).toEqual(expect.any(String));
	});

	it('forgets every app on clearTokenCache (tests)', async () => {
		await acquireToken(settingsFor());
		clearTokenCache();
		expect((await acquireToken(settingsFor())).fromCache).toBe(false);
		expect(tokenRequests()).toHaveLength(2);
	});
});

describe('grantedRoles', () => {
	it("reads the roles claim, and nothing from what is not a JWT's", () => {
		const jwt = (claims: object) => `h.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.s`;
		expect(grantedRoles(jwt({ roles: ['Mail.Read', 7, 'Mail.Send'] }))).toEqual(['Mail.Read', 'Mail.Send']);
		expect(grantedRoles(jwt({}))).toEqual([]);
		expect(grantedRoles('not-a-token')).toEqual([]);
		expect(grantedRoles('a.%%%.b')).toEqual([]);
	});
});
