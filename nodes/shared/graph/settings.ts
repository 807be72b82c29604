/**
 * The credential's fields, read and checked once, as typed settings for the token and the Graph client.
 */
import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { CredentialSettingsError } from './errors';
import { normalizeRetryOptions, type RetryOptions } from './retry';

export const CREDENTIAL_TYPE = 'outlookMailAppApi';


export const GRAPH_ENDPOINTS = {
	global: 'https://graph.microsoft.com',
	usGovL4: 'https://graph.microsoft.us',
	usGovL5: 'https://dod-graph.microsoft.us',
	china: 'https://microsoftgraph.chinacloudapi.cn',
} as const;

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

/**
 * Reads the tenant from a Token URL such as `https://login.microsoftonline.com/{tenant}/oauth2/v2.0/token`:
 * the path segment before `/oauth2`.
 */
export function parseTokenUrl(value: unknown): TokenUrlParts {
	const text = typeof value === 'string' ? value.trim() : '';
	const url = tryUrl(text);
	if (!url) {
		throw new CredentialSettingsError(
			'The Token URL is not a valid URL: use https://login.microsoftonline.com/<tenant-id>/oauth2/v2.0/token.',
		);
	}
	if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopbackHost(url.hostname))) {
		throw new CredentialSettingsError(
			`The Token URL must use https (it uses ${url.protocol.replace(':', '')}): use https://login.microsoftonline.com/<tenant-id>/oauth2/v2.0/token.`,
		);
	}
	const segments = url.pathname.split('/').filter(Boolean);
	const oauthIndex = segments.findIndex((part) => part.toLowerCase() === 'oauth2');
	if (oauthIndex < 1 || segments[segments.length - 1]?.toLowerCase() !== 'token') {
		throw new CredentialSettingsError(
			'The Token URL has no tenant before /oauth2: use https://login.microsoftonline.com/<tenant-id>/oauth2/v2.0/token.',
		);
	}
	const tenant = decodeURIComponent(segments[oauthIndex - 1]);
	if (MULTI_TENANT_SEGMENTS.includes(tenant.toLowerCase())) {
		throw new CredentialSettingsError(
			`The Token URL uses the multi-tenant "/${tenant}" endpoint, which the client-credentials flow cannot use: replace "${tenant}" with your tenant ID (Entra ID > Overview > Tenant ID) or your tenant's domain.`,
		);
	}
	const prefix = segments.slice(0, oauthIndex).map((part) => `/${part}`).join('');
	return {
		tokenEndpoint: url.toString(),
		tenant,
		authority: `https://${url.host}${prefix}`,
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
		throw new CredentialSettingsError(`The credential's ${label} is empty: fill it in.`);
	}
	return value.trim();
}

function graphBaseUrl(credentials: ICredentialDataDecryptedObject): string {
	const endpoint = (credentials.graphEndpoint as string | undefined) ?? GRAPH_ENDPOINTS.global;
	if (endpoint !== 'custom') {
		if (!(Object.values(GRAPH_ENDPOINTS) as string[]).includes(endpoint)) {
			throw new CredentialSettingsError(`Unknown Graph endpoint "${endpoint}".`);
		}
		return endpoint;
	}
	const custom = requiredText(credentials, 'customGraphBaseUrl', 'Custom Graph Base URL');
	const url = tryUrl(custom);
	if (!url) throw new CredentialSettingsError('The Custom Graph Base URL is not a valid URL.');
	if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopbackHost(url.hostname))) {
		throw new CredentialSettingsError('The Custom Graph Base URL must use https (http only for a loopback host).');
	}
	return url.origin;
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
		defaultUserId: requiredText(credentials, 'defaultUserId', 'Default User Id'),
		graphBaseUrl: graphBaseUrl(credentials),
		retry: normalizeRetryOptions({
			mode: credentials.retryMode,
			statusCodeList: credentials.retryStatusCodeList,
			countMax: credentials.retryCountMax,
			multiplyWaitTime: credentials.retryMultiplyWaitTime,
		}),
	};
}
