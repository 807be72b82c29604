/**
 * Access tokens for the app, from msal-node's client-credentials flow.
 *
 * One msal application per (Token URL, client id, secret fingerprint, scope), kept for the life of the
 * process, so its token cache serves every execution: one token request per hour, not per execution.
 * The authority and token endpoint come from the Token URL itself, so msal makes no discovery request.
 */
import { ConfidentialClientApplication, type Configuration } from '@azure/msal-node';
import { createHash, X509Certificate } from 'node:crypto';
import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { TOKEN_ERRORS, TOKEN_TEXTS } from './credentialTexts';
import { CredentialSettingsError } from './errors';
import { redactText, secretForms } from './redact';
import { readSettings, type GraphSettings } from './settings';
import { tokenNetworkClient } from './tokenNetwork';

interface CachedApp {
	app: ConfidentialClientApplication;
	/** Set after Graph refused a token: the next acquisition skips the cache. */
	refreshNext: boolean;
	/** The acquisition in progress: requests that start meanwhile wait for it instead of asking Entra ID again. */
	pending?: Promise<AccessToken>;
}

const apps = new Map<string, CachedApp>();

function fingerprint(settings: GraphSettings): string {
	const secret =
		settings.auth.kind === 'clientSecret'
			? settings.auth.clientSecret
			: `${settings.auth.privateKey}\n${settings.auth.certificate}`;
	return createHash('sha256')
		.update([settings.token.tokenEndpoint, settings.clientId, secret, settings.scope].join('\u0000'))
		.digest('hex');
}

function certificateThumbprintSha256(pem: string): string {
	let certificate: X509Certificate | undefined;
	try {
		certificate = new X509Certificate(pem);
	} catch {
		certificate = undefined;
	}
	if (!certificate) {
		throw new CredentialSettingsError(TOKEN_TEXTS.certificateNotPem);
	}
	return certificate.fingerprint256.replace(/:/g, '');
}

function msalConfiguration(settings: GraphSettings): Configuration {
	const { authority, authorityHost, tokenEndpoint } = settings.token;
	return {
		auth: {
			clientId: settings.clientId,
			authority,
			...(settings.auth.kind === 'clientSecret'
				? { clientSecret: settings.auth.clientSecret }
				: {
						clientCertificate: {
							thumbprintSha256: certificateThumbprintSha256(settings.auth.certificate),
							privateKey: settings.auth.privateKey,
							x5c: settings.auth.certificate,
						},
					}),
			knownAuthorities: [authorityHost],
			authorityMetadata: JSON.stringify({
				token_endpoint: tokenEndpoint,
				issuer: `${authority}/v2.0`,
				authorization_endpoint: `${authority}/oauth2/v2.0/authorize`,
				end_session_endpoint: `${authority}/oauth2/v2.0/logout`,
				jwks_uri: `${authority}/discovery/v2.0/keys`,
			}),
			cloudDiscoveryMetadata: JSON.stringify({
				tenant_discovery_endpoint: `${authority}/v2.0/.well-known/openid-configuration`,
				'api-version': '1.1',
				metadata: [{ preferred_network: authorityHost, preferred_cache: authorityHost, aliases: [authorityHost] }],
			}),
		},
		system: { networkClient: tokenNetworkClient() },
	};
}

function cachedApp(settings: GraphSettings): CachedApp {
	const key = fingerprint(settings);
	let entry = apps.get(key);
	if (!entry) {
		entry = { app: new ConfidentialClientApplication(msalConfiguration(settings)), refreshNext: false };
		apps.set(key, entry);
	}
	return entry;
}

export interface AccessToken {
	accessToken: string;
	fromCache: boolean;
}

export async function acquireToken(settings: GraphSettings): Promise<AccessToken> {
	const entry = cachedApp(settings);
	if (entry.pending && !entry.refreshNext) return await entry.pending;
	const pending = requestToken(entry, settings);
	entry.pending = pending;
	try {
		return await pending;
	} finally {
		if (entry.pending === pending) entry.pending = undefined;
	}
}

async function requestToken(entry: CachedApp, settings: GraphSettings): Promise<AccessToken> {
	const forceRefresh = entry.refreshNext;
	entry.refreshNext = false;
	try {
		const result = await entry.app.acquireTokenByClientCredential({
			scopes: [settings.scope],
			skipCache: forceRefresh,
		});
		if (!result?.accessToken) throw new TokenAcquisitionError(TOKEN_TEXTS.noToken);
		return { accessToken: result.accessToken, fromCache: result.fromCache };
	} catch (error) {
		throw explainTokenError(error, settings);
	}
}

/** Graph refused the token (401): the next request gets a fresh one. */
export function invalidateToken(settings: GraphSettings): void {
	cachedApp(settings).refreshNext = true;
}

/** For the credential's `authenticate`: a token from the cache, or a new one. */
export async function getAccessToken(credentials: ICredentialDataDecryptedObject): Promise<string> {
	return (await acquireToken(readSettings(credentials))).accessToken;
}

/** Forget every cached application (tests). */
export function clearTokenCache(): void {
	apps.clear();
}

/** The application permissions granted to the app, read from the access token's `roles` claim. */
export function grantedRoles(accessToken: string): string[] {
	const payload = accessToken.split('.')[1];
	if (!payload) return [];
	try {
		const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { roles?: unknown };
		return Array.isArray(claims.roles) ? claims.roles.filter((role): role is string => typeof role === 'string') : [];
	} catch {
		return [];
	}
}

export class TokenAcquisitionError extends Error {
	constructor(
		message: string,
		readonly aadstsCode?: number,
	) {
		super(message);
		this.name = 'TokenAcquisitionError';
	}
}

function aadstsCodeOf(text: string): number | undefined {
	const match = /AADSTS(\d+)/.exec(text);
	return match ? Number(match[1]) : undefined;
}

const NETWORK_CODES = ['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH'];

function explainTokenError(error: unknown, settings: GraphSettings): Error {
	if (error instanceof TokenAcquisitionError || error instanceof CredentialSettingsError) return error;
	const raw = error as { errorCode?: string; errorMessage?: string; message?: string; subError?: string };
	const text = `${raw.errorCode ?? ''} ${raw.errorMessage ?? raw.message ?? ''}`;
	// Our network client's own refusals say what happened in full.
	if (raw.errorCode === 'redirect_refused' || raw.errorCode === 'unreadable_answer') {
		return new TokenAcquisitionError(redact(raw.errorMessage ?? '', settings));
	}
	const code = aadstsCodeOf(text);
	const known = code === undefined ? undefined : TOKEN_ERRORS.find((entry) => entry.codes.includes(code));
	if (known && code !== undefined) return new TokenAcquisitionError(TOKEN_TEXTS.known(known.explain({ tenant: settings.token.tenant, clientId: settings.clientId }), code), code);
	if (NETWORK_CODES.some((networkCode) => text.includes(networkCode)) || raw.errorCode === 'network_error') {
		return new TokenAcquisitionError(TOKEN_TEXTS.unreachable(new URL(settings.token.tokenEndpoint).host));
	}
	const firstLine = (raw.errorMessage ?? raw.message ?? TOKEN_TEXTS.unknownError).split(/\r?\n/)[0];
	return new TokenAcquisitionError(TOKEN_TEXTS.notIssued(code, redact(firstLine, settings)), code);
}

/** Belt and braces: an Entra message should never echo a secret, but ours must never do so in any form. */
function redact(text: string, settings: GraphSettings): string {
	return redactText(text, secretForms(settings));
}
