/** The sentences of signing in and of the credential (see errorTexts.ts for how the texts are kept). */

/** One actionable sentence per Entra error the client-credentials flow can meet, by AADSTS code. */
interface TokenErrorRow {
	codes: number[];
	explain: (names: { tenant: string; clientId: string }) => string;
}

export const TOKEN_ERRORS: readonly TokenErrorRow[] = Object.freeze<TokenErrorRow[]>([
	{
		codes: [7000215, 7000216, 7000218],
		explain: () =>
			"The client secret is wrong: in Entra ID > App registrations > your app > Certificates & secrets, copy the secret's Value (not its Secret ID) into the credential.",
	},
	{
		codes: [7000222],
		explain: () =>
			'The client secret has expired: create a new client secret under Certificates & secrets and paste its Value into the credential.',
	},
	{
		codes: [90002, 90023],
		explain: ({ tenant }) =>
			`Tenant "${tenant}" does not exist: put your Directory (tenant) ID, from Entra ID > Overview, in the Token URL.`,
	},
	{
		codes: [700016],
		explain: ({ tenant, clientId }) =>
			`No application with Client ID "${clientId}" exists in tenant "${tenant}": copy the Application (client) ID from the app registration's Overview page, and check the Token URL names the app's tenant.`,
	},
	{
		codes: [50059, 90009, 900144],
		explain: () =>
			'The Token URL names no tenant, which the client-credentials flow needs: replace "common" or "organizations" with your tenant ID.',
	},
	{
		codes: [700027, 700024, 700023, 700021, 7000274, 700026, 5002729],
		explain: () =>
			'Entra ID refused the certificate assertion: upload this certificate (its public part) to the app registration under Certificates & secrets, and use its matching private key.',
	},
	{
		codes: [70011, 1002012],
		explain: () =>
			"The Scope is not valid for the client-credentials flow: use https://graph.microsoft.com/.default (or your national cloud's Graph URL followed by /.default).",
	},
	{
		codes: [7000112, 700025],
		explain: () => 'The application is disabled in this tenant: enable it in Entra ID > Enterprise applications.',
	},
]);

/** Signing in: what the token module and its network client say. */
export const TOKEN_TEXTS = {
	known: (sentence: string, code: number) => `${sentence} (AADSTS${code})`,
	noToken: 'Entra ID returned no access token.',
	unreachable: (host: string) =>
		`Cannot reach the Token URL's host (${host}): check the Token URL and this n8n instance's network access.`,
	notIssued: (code: number | undefined, firstLine: string) =>
		`Entra ID did not issue a token${code ? ` (AADSTS${code})` : ''}: ${firstLine}`,
	unknownError: 'unknown error',
	certificateNotPem: 'The Certificate is not a PEM certificate: paste the whole -----BEGIN CERTIFICATE----- block.',
	redirect: (status: number, target: string) =>
		`The Token URL answered with a redirect (${status}) to ${target}; it was not followed, so the client secret or certificate assertion was not sent there.`,
	answerTooLarge: 'The Token URL answered with more than 1 MB, which is no token answer.',
	notTokenAnswer: (status: number, contentType: string, start: string) =>
		`The Token URL answered ${status} with ${contentType}, starting "${start}", which is no token answer: check the Token URL and any proxy between n8n and Entra ID.`,
	tunnelRefused: (proxy: string, target: string, status: number | undefined) =>
		`The proxy ${proxy} refused the tunnel to ${target} (HTTP ${status}).`,
} as const;

/** The credential's fields, checked when it is read: each sentence says what to fix. */
export const CREDENTIAL_TEXTS = {
	fixIt: 'Fix the Outlook Mail (App) credential.',
	tokenUrlNotUrl: (form: string) => `The Token URL is not a valid URL: use ${form}.`,
	tokenUrlNotHttps: (protocol: string, form: string) => `The Token URL must use https (it uses ${protocol}): use ${form}.`,
	tokenUrlNoTenant: (form: string) => `The Token URL has no tenant before /oauth2: use ${form}.`,
	tokenUrlMultiTenant: (tenant: string) =>
		`The Token URL uses the multi-tenant "/${tenant}" endpoint, which the client-credentials flow cannot use: replace "${tenant}" with your tenant ID (Entra ID > Overview > Tenant ID) or your tenant's domain.`,
	tokenUrlV1: (form: string) =>
		`The Token URL is the v1 endpoint (/oauth2/token), which the v2 scope ".default" does not work with: use ${form}.`,
	tokenUrlPath: (form: string) =>
		`The Token URL's path must be exactly /<tenant-id>/oauth2/v2.0/token (a tenant ID or domain, then /oauth2/v2.0/token, nothing before or after): use ${form}.`,
	empty: (label: string) => `The credential's ${label} is empty: fill it in.`,
	unknownEndpoint: (endpoint: string) => `Unknown Graph endpoint "${endpoint}".`,
	customUrlNotUrl: 'The Custom Graph Base URL is not a valid URL.',
	customUrlNotHttps: 'The Custom Graph Base URL must use https (http only for a loopback host).',
	defaultUser: "The credential's Default User Id",
	statusCode: (code: string) =>
		`The Retry Status Code List has "${code}", which is not an HTTP status code: write codes separated by |, such as 429|503.`,
	countMax: (max: number, value: string) => `Retry Count Max must be a whole number from 0 to ${max} (it is "${value}").`,
	retryMode: (mode: string) => `Retry Mode "${mode}" is unknown: choose None, RetryAny or RetryWhenStatusCodeMatch.`,
} as const;

/** Test Connection: one sentence for what works and for what is wrong. */
export const CONNECTION_TEXTS = {
	notChecked: (granted: string, mailbox: string) =>
		`Connected.${granted} Mailbox "${mailbox}" was not checked: reading it needs Mail.ReadBasic.All or Mail.Read.`,
	granted: (roles: string[]) => (roles.length ? ` Application permissions: ${roles.join(', ')}.` : ''),
	noPermissions:
		'The app signed in but holds no application permissions: add the Microsoft Graph application permission Mail.ReadBasic.All, Mail.Read, Mail.ReadWrite or Mail.Send under API permissions, then click "Grant admin consent" (or grant access with Exchange RBAC for Applications).',
	noMailPermission: (roles: string[]) =>
		`The app has no mail permission (it holds ${roles.join(', ')}): add the Microsoft Graph application permission Mail.ReadBasic.All, Mail.Read, Mail.ReadWrite or Mail.Send, then click "Grant admin consent".`,
	mailboxNotFound: (mailbox: string) =>
		`Mailbox "${mailbox}" was not found in this tenant: check the credential's Default User Id (the user's object ID or user principal name).`,
	viaRbac: ' Access is granted outside the token (Exchange RBAC for Applications).',
	connected: (mailbox: string, granted: string, via: string) => `Connected to mailbox "${mailbox}".${granted}${via}`,
} as const;
