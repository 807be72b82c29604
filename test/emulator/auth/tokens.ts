import { X509Certificate, generateKeyPairSync, randomBytes, randomUUID, type KeyObject } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { EntraError, GraphError } from '../http/errors';
import { GUID } from '../seed/ids';
import type { App, Store, Tenant } from '../state/store';

/**
 * Entra ID's token endpoint for the client-credentials grant (secret or certificate assertion), and the validation
 * Graph applies to the access tokens it issues. Errors carry Entra's AADSTS codes and texts, or Graph's
 * InvalidAuthenticationToken texts. No response ever contains a secret.
 */

export const GRAPH_RESOURCE = 'https://graph.microsoft.com';
const GRAPH_APP_ID = '00000003-0000-0000-c000-000000000000';
/** Resources this Entra knows besides Graph: a token for them is issued, and Graph refuses it (wrong audience). */
const OTHER_RESOURCES = ['https://outlook.office.com', 'https://outlook.office365.com', 'https://management.azure.com'];
const ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';
const CERTIFICATE_DOCS = 'Review the documentation at https://learn.microsoft.com/entra/identity-platform/certificate-credentials .';
export const TOKEN_LIFETIME_SECONDS = 3599;

export interface Signer {
	privateKey: KeyObject;
	publicKey: KeyObject;
	kid: string;
}

let processKeys: { privateKey: KeyObject; publicKey: KeyObject } | undefined;

/**
 * The signing key of one emulator instance. The RSA key pair is made once per process (making one takes a
 * fifth of a second), but each instance has its own key id and trusts only that one, so a token from another
 * emulator instance is refused like a token signed by a key Graph does not know.
 */
export function createSigner(): Signer {
	processKeys ??= generateKeyPairSync('rsa', { modulusLength: 2048 });
	return { ...processKeys, kid: randomBytes(20).toString('base64url') };
}

export interface AuthDeps {
	store: Store;
	now: () => number;
	signer: Signer;
}

// ---------- token endpoint ----------

export interface TokenRequest {
	/** The path segment before /oauth2: a tenant id, a domain, or common/organizations/consumers. */
	tenant: string;
	form: Readonly<Record<string, string>>;
	/** The token URL as this request reached it (`${baseUrl}${path}`): the audience a client assertion must name. */
	tokenUrl: string;
	baseUrl: string;
}

export interface TokenResponse {
	token_type: 'Bearer';
	expires_in: number;
	ext_expires_in: number;
	access_token: string;
}

const invalidRequest = (code: number, text: string) => new EntraError(400, 'invalid_request', code, text);
const invalidClient = (code: number, text: string) => new EntraError(401, 'invalid_client', code, text);
const missing = (parameter: string) => invalidRequest(900144, `The request body must contain the following parameter: '${parameter}'.`);

function resolveTenant(segment: string, store: Store): Tenant {
	const lower = segment.toLowerCase();
	if (lower === 'common' || lower === 'organizations' || lower === 'consumers') {
		throw invalidRequest(50059, 'No tenant-identifying information found in either the request or implied by any provided credentials.');
	}
	if (!GUID.test(segment) && !/^[a-z0-9-]+(\.[a-z0-9-]+)+$/i.test(segment)) {
		throw invalidRequest(900023, `Specified tenant identifier '${segment}' is neither a valid DNS name, nor a valid external domain.`);
	}
	const tenant = store.findTenant(segment);
	if (!tenant) {
		throw invalidRequest(
			90002,
			`Tenant '${segment}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud. ` +
				'Check with your subscription administrator, this may happen if there are no active subscriptions for the tenant.',
		);
	}
	return tenant;
}

function resolveResource(scope: string, tenant: Tenant): string {
	const scopes = scope.split(/\s+/).filter(Boolean);
	if (scopes.length !== 1 || !scopes[0].endsWith('/.default')) {
		throw new EntraError(
			400,
			'invalid_scope',
			1002012,
			`The provided value for scope ${scope} is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).`,
		);
	}
	const resource = scopes[0].slice(0, -'/.default'.length).replace(/\/$/, '');
	if (resource === GRAPH_RESOURCE || resource === GRAPH_APP_ID) return GRAPH_RESOURCE;
	if (OTHER_RESOURCES.includes(resource)) return resource;
	throw new EntraError(
		400,
		'invalid_resource',
		500011,
		`The resource principal named ${resource} was not found in the tenant named ${tenant.displayName}. This can happen if the ` +
			'application has not been installed by the administrator of the tenant or consented to by any user in the tenant. ' +
			'You might have sent your authentication request to the wrong tenant.',
	);
}

function checkSecret(app: App, secret: string, now: number): void {
	const matching = app.secrets.find((candidate) => candidate.value === secret);
	const live = app.secrets.filter((candidate) => Date.parse(candidate.expiresAt) > now);
	if (matching ? Date.parse(matching.expiresAt) <= now : live.length === 0 && app.secrets.length > 0) {
		throw invalidClient(
			7000222,
			`The provided client secret keys for app '${app.clientId}' are expired. Visit the Azure portal to create new keys for your app: ` +
				'https://aka.ms/NewClientSecret, or consider using certificate credentials for added security: https://aka.ms/certCreds.',
		);
	}
	if (!matching) {
		throw invalidClient(
			7000215,
			'Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, ' +
				`for a secret added to app '${app.clientId}'.`,
		);
	}
}

const isoSeconds = (seconds: number) => new Date(seconds * 1000).toISOString().replace(/\.\d{3}Z$/, '.0000000Z');

function checkAssertion(app: App, request: TokenRequest, tenant: Tenant, now: number): void {
	const assertion = request.form.client_assertion ?? '';
	if (request.form.client_assertion_type !== ASSERTION_TYPE) {
		throw invalidRequest(50027, 'Invalid client_assertion_type. Supported value is urn:ietf:params:oauth:client-assertion-type:jwt-bearer.');
	}
	const decoded = jwt.decode(assertion, { complete: true });
	if (!decoded || typeof decoded.payload === 'string') throw invalidClient(50027, 'JWT token is invalid or malformed.');
	const header = decoded.header as jwt.JwtHeader & { 'x5t#S256'?: string };
	const sha1 = header.x5t ? Buffer.from(header.x5t, 'base64url').toString('hex').toUpperCase() : undefined;
	const sha256 = header['x5t#S256'] ? Buffer.from(header['x5t#S256'], 'base64url').toString('hex').toUpperCase() : undefined;
	const shown = sha1 ?? sha256 ?? '';
	const registered = app.certificates.find((credential) => {
		const certificate = new X509Certificate(credential.certificatePem);
		return (
			(sha1 !== undefined && certificate.fingerprint.replace(/:/g, '') === sha1) ||
			(sha256 !== undefined && certificate.fingerprint256.replace(/:/g, '') === sha256)
		);
	});
	const keyReason = (reason: string, found = '') =>
		invalidClient(
			700027,
			`Client assertion contains an invalid signature. [Reason - ${reason}, Thumbprint of key used by client: '${shown}'${found}, ` +
				`Please visit the Azure Portal, Graph Explorer or directly use MS Graph to see configured keys for app Id '${app.clientId}'. ` +
				'Review the documentation at https://docs.microsoft.com/en-us/graph/deployments to determine the corresponding service endpoint ' +
				'and https://docs.microsoft.com/en-us/graph/api/application-get?view=graph-rest-1.0&tabs=http to build a query request URL, ' +
				`such as 'https://graph.microsoft.com/beta/applications/${app.clientId}']`,
		);
	if (!registered) throw keyReason('The key was not found.');
	const window = `, Found key 'Start=${registered.startsAt}, End=${registered.expiresAt}'`;
	if (Date.parse(registered.expiresAt) <= now || Date.parse(registered.startsAt) > now) throw keyReason('The key used is expired.', window);
	try {
		jwt.verify(assertion, new X509Certificate(registered.certificatePem).publicKey, {
			algorithms: ['RS256', 'PS256'],
			ignoreExpiration: true,
			ignoreNotBefore: true,
		});
	} catch {
		throw keyReason('The provided signature value did not match the expected signature value.', window);
	}
	const claims = decoded.payload;
	if (claims.iss !== app.clientId || claims.sub !== app.clientId) {
		throw invalidClient(700021, `Client assertion application identifier doesn't match 'client_id' parameter. ${CERTIFICATE_DOCS}`);
	}
	const audiences = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
	const accepted = [request.tokenUrl, `${request.baseUrl}/${tenant.id}/oauth2/v2.0/token`];
	if (!audiences.some((audience) => audience !== undefined && accepted.includes(audience))) {
		throw invalidClient(700023, `Client assertion audience claim does not match Realm issuer. ${CERTIFICATE_DOCS}`);
	}
	const seconds = Math.floor(now / 1000);
	if (typeof claims.exp !== 'number' || claims.exp <= seconds || (typeof claims.nbf === 'number' && claims.nbf > seconds + 300)) {
		throw invalidClient(
			700024,
			`Client assertion is not within its valid time range. Current time: ${isoSeconds(seconds)}, assertion valid from ` +
				`${isoSeconds(typeof claims.nbf === 'number' ? claims.nbf : 0)}, expiry time of assertion ${isoSeconds(typeof claims.exp === 'number' ? claims.exp : 0)}. ${CERTIFICATE_DOCS}`,
		);
	}
}

/** Handles POST /{tenant}/oauth2/v2.0/token. Throws EntraError for every refusal. */
export function issueToken(request: TokenRequest, deps: AuthDeps): TokenResponse {
	const tenant = resolveTenant(request.tenant, deps.store);
	const { form } = request;
	if (!form.grant_type) throw missing('grant_type');
	if (form.grant_type !== 'client_credentials') {
		throw new EntraError(
			400,
			'unsupported_grant_type',
			70003,
			`The app requested an unsupported grant type '${form.grant_type}'. This emulator serves the client_credentials grant only.`,
		);
	}
	if (!form.client_id) throw missing('client_id');
	if (!form.scope) throw missing('scope');
	const resource = resolveResource(form.scope, tenant);
	const app = deps.store.findApp(tenant.id, form.client_id);
	if (!app) {
		throw new EntraError(
			400,
			'unauthorized_client',
			700016,
			`Application with identifier '${form.client_id}' was not found in the directory '${tenant.displayName}'. This can happen if the ` +
				'application has not been installed by the administrator of the tenant or consented to by any user in the tenant. ' +
				'You may have sent your authentication request to the wrong tenant.',
		);
	}
	const now = deps.now();
	let authenticatedWith: 'secret' | 'certificate';
	if (form.client_secret !== undefined) {
		checkSecret(app, form.client_secret, now);
		authenticatedWith = 'secret';
	} else if (form.client_assertion !== undefined) {
		checkAssertion(app, request, tenant, now);
		authenticatedWith = 'certificate';
	} else {
		throw invalidClient(7000216, "'client_assertion', 'client_secret' or 'request' is required for the 'client_credentials' grant type.");
	}

	const issuedAt = Math.floor(now / 1000);
	const claims: Record<string, unknown> = {
		aud: resource,
		iss: `https://sts.windows.net/${tenant.id}/`,
		iat: issuedAt,
		nbf: issuedAt,
		exp: issuedAt + TOKEN_LIFETIME_SECONDS,
		aio: randomUUID(),
		app_displayname: app.displayName,
		appid: app.clientId,
		appidacr: authenticatedWith === 'secret' ? '1' : '2',
		idp: `https://sts.windows.net/${tenant.id}/`,
		idtyp: 'app',
		oid: app.servicePrincipalId,
		...(app.roles.length > 0 ? { roles: [...app.roles] } : {}),
		sub: app.servicePrincipalId,
		tenant_region_scope: 'EU',
		tid: tenant.id,
		uti: randomUUID().replace(/-/g, '').slice(0, 22),
		ver: '1.0',
	};
	const accessToken = jwt.sign(claims, deps.signer.privateKey, {
		algorithm: 'RS256',
		header: { alg: 'RS256', typ: 'JWT', kid: deps.signer.kid, x5t: deps.signer.kid },
	});
	return { token_type: 'Bearer', expires_in: TOKEN_LIFETIME_SECONDS, ext_expires_in: TOKEN_LIFETIME_SECONDS, access_token: accessToken };
}

// ---------- Graph's view of an access token ----------

export interface Principal {
	tenantId: string;
	appId: string;
	appDisplayName: string;
	/** The token's roles claim (empty when it has none). */
	roles: string[];
}

const MALFORMED =
	"IDX14100: JWT is not well formed, there are no dots (.).\nThe token needs to be in JWS or JWE Compact Serialization Format. (JWS): 'EncodedHeader.EndcodedPayload.EncodedSignature'. (JWE): 'EncodedProtectedHeader.EncodedEncryptedKey.EncodedInitializationVector.EncodedCiphertext.EncodedAuthenticationTag'.";

/** The challenge Graph sends with a 401, pointing at this emulator instead of login.microsoftonline.com. */
export function wwwAuthenticate(baseUrl: string): string {
	return `Bearer realm="", authorization_uri="${baseUrl}/common/oauth2/authorize", client_id="${GRAPH_APP_ID}"`;
}

/** Validates the Authorization header of a Graph request. Throws Graph's 401 InvalidAuthenticationToken. */
export function authenticate(authorization: string | undefined, deps: AuthDeps & { baseUrl: string }): Principal {
	const refuse = (message: string) =>
		new GraphError(401, 'InvalidAuthenticationToken', message, { 'WWW-Authenticate': wwwAuthenticate(deps.baseUrl) });
	const match = /^Bearer\s+(.*)$/i.exec(authorization?.trim() ?? '');
	const token = match?.[1].trim() ?? '';
	if (token === '') throw refuse('Access token is empty.');
	if (!token.includes('.')) throw refuse(MALFORMED);
	let claims: jwt.JwtPayload;
	try {
		if (jwt.decode(token, { complete: true })?.header.kid !== deps.signer.kid) throw new Error('signed by a key this emulator does not trust');
		const verified = jwt.verify(token, deps.signer.publicKey, { algorithms: ['RS256'], ignoreExpiration: true, ignoreNotBefore: true });
		if (typeof verified === 'string') throw new Error('not a JSON payload');
		claims = verified;
	} catch {
		throw refuse('Access token validation failure.');
	}
	const audiences = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
	if (!audiences.some((audience) => audience === GRAPH_RESOURCE || audience === `${GRAPH_RESOURCE}/` || audience === GRAPH_APP_ID)) {
		throw refuse('Access token validation failure. Invalid audience.');
	}
	const seconds = Math.floor(deps.now() / 1000);
	if (typeof claims.exp !== 'number' || claims.exp <= seconds) throw refuse('Lifetime validation failed, the token is expired.');
	if (typeof claims.nbf === 'number' && claims.nbf > seconds + 300) throw refuse('Lifetime validation failed, the token is not yet valid.');
	const tenantId = typeof claims.tid === 'string' ? claims.tid : '';
	if (!deps.store.findTenant(tenantId) || claims.iss !== `https://sts.windows.net/${tenantId}/`) {
		throw refuse('Access token validation failure. Invalid issuer.');
	}
	return {
		tenantId,
		appId: String(claims.appid ?? ''),
		appDisplayName: String(claims.app_displayname ?? ''),
		roles: Array.isArray(claims.roles) ? claims.roles.map(String) : [],
	};
}
