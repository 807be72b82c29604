/**
 * The credential's fields, read and checked once, as typed settings for the token and the Graph client.
 */
import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { CREDENTIAL_TEXTS } from './credentialTexts';
import { CredentialSettingsError } from './errors';
import { normalizeRetryOptions, type RetryOptions } from './retry';
import { mailboxProblem } from './text';

/** The credential type's name, which the nodes name it by. */
export const CREDENTIAL_TYPE = 'outlookMailAppApi';

/** Microsoft Graph's deployments: the credential's Graph Endpoint options, and what the client accepts. */
export const GRAPH_CLOUDS = [
	{ name: 'Global', url: 'https://graph.microsoft.com' },
	{ name: 'US Government L4', url: 'https://graph.microsoft.us' },
	{ name: 'US Government L5 (DoD)', url: 'https://dod-graph.microsoft.us' },
	{ name: 'China (21Vianet)', url: 'https://microsoftgraph.chinacloudapi.cn' },
] as const;

export const GRAPH_ENDPOINTS: readonly string[] = GRAPH_CLOUDS.map((cloud) => cloud.url);
/** The Graph Endpoint of a credential that names none. */
export const DEFAULT_GRAPH_ENDPOINT = GRAPH_CLOUDS[0].url;

/** Tenant segments that name no tenant: the client-credentials flow needs a real one. */
const MULTI_TENANT_SEGMENTS = ['common', 'organizations', 'consumers'];

const LOOPBACK_HOSTS = ['localhost', '127.0.0.1', '[::1]'];

/** The URL, or undefined when the text is not one. */
function tryUrl(text: string): URL | undefined {
	try {
		return new URL(text);
	} catch {
		return undefined;
	}
}

export function isLoopbackHost(hostname: string): boolean {
	return LOOPBACK_HOSTS.includes(hostname) || /^127\.\d+\.\d+\.\d+$/.test(hostname);
}

export interface TokenUrlParts {
	/** The Token URL as given (trimmed); msal posts to it verbatim. */
	tokenEndpoint: string;
	tenant: string;
	/** `https://<host>/<tenant>`: what msal calls the authority. */
	authority: string;
	/** Host (with port) of the authority, for msal's knownAuthorities. */
	authorityHost: string;
}

const TOKEN_URL_FORM = 'https://login.microsoftonline.com/<tenant-id>/oauth2/v2.0/token';

/**
 * Reads the tenant from a Token URL such as `https://login.microsoftonline.com/{tenant}/oauth2/v2.0/token`. The
 * path must be exactly `/{tenant}/oauth2/v2.0/token`: msal posts the client secret to this URL verbatim, so
 * nothing else (a v1 endpoint, extra levels, `.` or `..`) is taken.
 */
export function parseTokenUrl(value: unknown): TokenUrlParts {
	const text = typeof value === 'string' ? value.trim() : '';
	const url = tryUrl(text);
	if (!url) {
		throw new CredentialSettingsError(CREDENTIAL_TEXTS.tokenUrlNotUrl(TOKEN_URL_FORM));
	}
	if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopbackHost(url.hostname))) {
		throw new CredentialSettingsError(CREDENTIAL_TEXTS.tokenUrlNotHttps(url.protocol.replace(':', ''), TOKEN_URL_FORM));
	}
	// The path as typed: URL resolves `.` and `..` levels, which must not pass unseen.
	const typedPath = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*(\/[^?#]*)?/i.exec(text)?.[1] ?? '/';
	const segments = typedPath.split('/').slice(1);
	if (segments.length > 0 && segments[segments.length - 1] === '') segments.pop();
	const oauthIndex = segments.findIndex((part) => part.toLowerCase() === 'oauth2');
	if (oauthIndex < 1) {
		throw new CredentialSettingsError(CREDENTIAL_TEXTS.tokenUrlNoTenant(TOKEN_URL_FORM));
	}
	let tenant: string;
	try {
		tenant = decodeURIComponent(segments[oauthIndex - 1]);
	} catch {
		tenant = '';
	}
	if (MULTI_TENANT_SEGMENTS.includes(tenant.toLowerCase())) {
		throw new CredentialSettingsError(CREDENTIAL_TEXTS.tokenUrlMultiTenant(tenant));
	}
	const [, ...rest] = segments.slice(oauthIndex - 1);
	const exact =
		segments.length === 4 &&
		rest.map((part) => part.toLowerCase()).join('/') === 'oauth2/v2.0/token' &&
		/^[A-Za-z0-9.-]+$/.test(tenant) &&
		!/^\.+$/.test(tenant);
	if (!exact) {
		const v1 = segments.length === 3 && rest.map((part) => part.toLowerCase()).join('/') === 'oauth2/token';
		throw new CredentialSettingsError(v1 ? CREDENTIAL_TEXTS.tokenUrlV1(TOKEN_URL_FORM) : CREDENTIAL_TEXTS.tokenUrlPath(TOKEN_URL_FORM));
	}
	return {
		tokenEndpoint: url.toString(),
		tenant,
		authority: `https://${url.host}/${tenant}`,
		authorityHost: url.host,
	};
}

export type ClientAuthentication =
	| { kind: 'clientSecret'; clientSecret: string }
	| { kind: 'certificate'; privateKey: string; certificate: string };

export interface GraphSettings {
	token: TokenUrlParts;
	clientId: string;
	auth: ClientAuthentication;
	scope: string;
	defaultUserId: string;
	/** Graph's origin, without `/v1.0`. */
	graphBaseUrl: string;
	retry: RetryOptions;
}

function requiredText(credentials: ICredentialDataDecryptedObject, field: string, label: string): string {
	const value = credentials[field];
	if (typeof value !== 'string' || value.trim() === '') {
		throw new CredentialSettingsError(CREDENTIAL_TEXTS.empty(label));
	}
	return value.trim();
}

function graphBaseUrl(credentials: ICredentialDataDecryptedObject): string {
	const endpoint = (credentials.graphEndpoint as string | undefined) ?? DEFAULT_GRAPH_ENDPOINT;
	if (endpoint !== 'custom') {
		if (!GRAPH_ENDPOINTS.includes(endpoint)) {
			throw new CredentialSettingsError(CREDENTIAL_TEXTS.unknownEndpoint(endpoint));
		}
		return endpoint;
	}
	const custom = requiredText(credentials, 'customGraphBaseUrl', 'Custom Graph Base URL');
	const url = tryUrl(custom);
	if (!url) throw new CredentialSettingsError(CREDENTIAL_TEXTS.customUrlNotUrl);
	if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopbackHost(url.hostname))) {
		throw new CredentialSettingsError(CREDENTIAL_TEXTS.customUrlNotHttps);
	}
	return url.origin;
}

/** The Default User Id, checked as any Mailbox is; its errors name the credential's field. */
function defaultUserId(credentials: ICredentialDataDecryptedObject): string {
	const value = requiredText(credentials, 'defaultUserId', 'Default User Id');
	const problem = mailboxProblem(value, CREDENTIAL_TEXTS.defaultUser);
	if (problem) throw new CredentialSettingsError(`${problem}.`);
	return value;
}

export function readSettings(credentials: ICredentialDataDecryptedObject): GraphSettings {
	const token = parseTokenUrl(credentials.tokenUrl);
	const clientId = requiredText(credentials, 'clientId', 'Client ID');
	const auth: ClientAuthentication =
		credentials.authentication === 'certificate'
			? {
					kind: 'certificate',
					privateKey: requiredText(credentials, 'privateKey', 'Private Key'),
					certificate: requiredText(credentials, 'certificate', 'Certificate'),
				}
			: { kind: 'clientSecret', clientSecret: requiredText(credentials, 'clientSecret', 'Client Secret') };
	return {
		token,
		clientId,
		auth,
		scope: requiredText(credentials, 'scope', 'Scope'),
		defaultUserId: defaultUserId(credentials),
		graphBaseUrl: graphBaseUrl(credentials),
		retry: normalizeRetryOptions({
			mode: credentials.retryMode,
			statusCodeList: credentials.retryStatusCodeList,
			countMax: credentials.retryCountMax,
			multiplyWaitTime: credentials.retryMultiplyWaitTime,
		}),
	};
}
