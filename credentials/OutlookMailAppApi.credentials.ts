import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	IHttpRequestOptions,
	INodeProperties,
	Icon,
} from 'n8n-workflow';

import { RETRY_DEFAULTS, RETRY_HARD_LIMITS, type RetryMode } from '../nodes/shared/graph/retry';
import { CREDENTIAL_TYPE, DEFAULT_GRAPH_ENDPOINT, GRAPH_CLOUDS } from '../nodes/shared/graph/settings';
import { getAccessToken } from '../nodes/shared/graph/token';

/**
 * Signs in to Microsoft Graph as an Entra ID application (OAuth2 client credentials), with a client secret
 * or a certificate. The token comes from the shared Graph token module (msal-node, cached per process), so
 * every request that n8n authenticates with this credential carries the same cached token.
 *
 * The credential is tested by the nodes (`testedBy`), which can explain a failure from the token's roles.
 */
export class OutlookMailAppApi implements ICredentialType {
	name = CREDENTIAL_TYPE;

	displayName = 'Outlook Mail (App) API';

	icon: Icon = {
		light: 'file:../icons/outlookMailApp.svg',
		dark: 'file:../icons/outlookMailApp.dark.svg',
	};

	documentationUrl = 'https://github.com/n8n-nodes-outlook-mail-app/n8n-nodes-outlook-mail-app#readme';

	properties: INodeProperties[] = [
		{
			displayName: 'Token URL',
			name: 'tokenUrl',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'https://login.microsoftonline.com/{tenant-id}/oauth2/v2.0/token',
			hint: 'Use your tenant ID (or domain) in place of {tenant-id}. The multi-tenant /common form does not work here.',
			description:
				'The token endpoint of your tenant. Single tenant, which works: https://login.microsoftonline.com/{tenant-id}/oauth2/v2.0/token (Entra ID > Overview > Tenant ID). Multi-tenant, which does NOT work with the client-credentials flow: https://login.microsoftonline.com/common/oauth2/v2.0/token. National clouds use their own host: login.microsoftonline.us (US Government) or login.chinacloudapi.cn (China).',
		},
		{
			displayName: 'Authentication',
			name: 'authentication',
			type: 'options',
			options: [
				{
					name: 'Client Secret',
					value: 'clientSecret',
					description: 'A secret created under Certificates & secrets > Client secrets',
				},
				{
					name: 'Certificate',
					value: 'certificate',
					description:
						'A certificate uploaded under Certificates & secrets > Certificates, with its private key',
				},
			],
			default: 'clientSecret',
			description: 'How the application proves its identity to Entra ID',
		},
		{
			displayName: 'Client ID',
			name: 'clientId',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'e.g. 00000000-0000-0000-0000-000000000000',
			description: 'The Application (client) ID of the app registration',
		},
		{
			displayName: 'Client Secret',
			name: 'clientSecret',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			description: 'The secret Value (not the Secret ID) shown once when the secret was created',
			displayOptions: { show: { authentication: ['clientSecret'] } },
		},
		{
			displayName: 'Private Key',
			name: 'privateKey',
			type: 'string',
			typeOptions: { password: true, rows: 5 },
			required: true,
			default: '',
			placeholder: '-----BEGIN PRIVATE KEY-----',
			description:
				'The private key of the certificate, in PEM form and not password-protected',
			displayOptions: { show: { authentication: ['certificate'] } },
		},
		{
			displayName: 'Certificate',
			name: 'certificate',
			type: 'string',
			// The certificate is public, but it is masked like every certificate field in n8n.
			typeOptions: { password: true, rows: 5 },
			required: true,
			default: '',
			placeholder: '-----BEGIN CERTIFICATE-----',
			description:
				'The PEM certificate uploaded to the app registration; its thumbprint identifies the key to Entra ID',
			displayOptions: { show: { authentication: ['certificate'] } },
		},
		{
			displayName: 'Scope',
			name: 'scope',
			type: 'string',
			required: true,
			default: `${DEFAULT_GRAPH_ENDPOINT}/.default`,
			description: `The Graph resource with /.default, which asks for every application permission granted to the app. ${GRAPH_CLOUDS.map((cloud) => `${cloud.name}: ${cloud.url}/.default.`).join(' ')}`,
		},
		{
			displayName: 'Default User Id',
			name: 'defaultUserId',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'e.g. shared-inbox@contoso.com',
			description:
				'The mailbox used when an operation names none, and the one Test Connection checks: a user object ID (GUID) or an email address / UPN',
		},
		{
			displayName: 'Graph Endpoint',
			name: 'graphEndpoint',
			type: 'options',
			options: [
				...GRAPH_CLOUDS.map((cloud) => ({ name: cloud.name, value: cloud.url, description: cloud.url })),
				{
					name: 'Custom',
					value: 'custom',
					description: 'Another Graph-compatible base URL',
				},
			],
			default: DEFAULT_GRAPH_ENDPOINT,
			description:
				'The Microsoft Graph deployment of your tenant. Its Token URL host and Scope must be of the same cloud.',
		},
		{
			displayName: 'Custom Graph Base URL',
			name: 'customGraphBaseUrl',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'e.g. http://127.0.0.1:3000',
			description:
				'The origin of the Graph service, without /v1.0; used by tests and the local emulator. Must be https, or http on a loopback host.',
			displayOptions: { show: { graphEndpoint: ['custom'] } },
		},
		{
			displayName: 'Retry Mode',
			name: 'retryMode',
			type: 'options',
			options: [
				// The values are the names the connector this credential follows uses; the names say what they do.
				{
					name: 'Never retry',
					value: 'None',
					description: 'The first failure fails the item (None)',
				},
				{
					name: 'Retry any failed request',
					value: 'RetryAny',
					description:
						'An error status, or a network failure such as a timeout or connection reset (RetryAny)',
				},
				{
					name: 'Retry when the status code is in the list',
					value: 'RetryWhenStatusCodeMatch',
					description: 'Only a response whose status is in Retry Status Code List (RetryWhenStatusCodeMatch)',
				},
			] satisfies Array<{ name: string; value: RetryMode; description: string }>,
			default: RETRY_DEFAULTS.mode,
			description:
				'When a failed Graph request is tried again. Sending mail (send, reply, reply all, forward) is never retried when the outcome is unknown (timeout, connection reset, or a 5xx other than 503): the item fails with an error saying the mail may have been sent. A 429 or 503 means Graph did not process it, so it is retried.',
		},
		{
			displayName: 'Retry Status Code List',
			name: 'retryStatusCodeList',
			type: 'string',
			default: RETRY_DEFAULTS.statusCodes.join('|'),
			placeholder: 'e.g. 429|503|504',
			description: 'HTTP status codes to retry, separated by |',
			displayOptions: { show: { retryMode: ['RetryWhenStatusCodeMatch'] } },
		},
		{
			displayName: 'Retry Count Max',
			name: 'retryCountMax',
			type: 'number',
			typeOptions: { minValue: 0, maxValue: RETRY_HARD_LIMITS.maxRetries },
			default: RETRY_DEFAULTS.limit,
			description: `Retries after the first attempt, at most (0 to ${RETRY_HARD_LIMITS.maxRetries})`,
			displayOptions: { hide: { retryMode: ['None'] } },
		},
		{
			displayName: 'Retry Multiply Wait Time',
			name: 'retryMultiplyWaitTime',
			type: 'boolean',
			default: RETRY_DEFAULTS.multiplyWaitTime,
			description:
				'Whether each wait doubles (1 s, 2 s, 4 s ...) rather than staying at 1 s. A Retry-After header from Graph always wins over the computed wait.',
			displayOptions: { hide: { retryMode: ['None'] } },
		},
	];

	/** Adds the app-only access token; msal answers from its cache until the token nears expiry. */
	authenticate = async (
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> => {
		const accessToken = await getAccessToken(credentials);
		return {
			...requestOptions,
			headers: { ...requestOptions.headers, Authorization: `Bearer ${accessToken}` },
		};
	};
}
