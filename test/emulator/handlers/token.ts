import { issueToken } from '../auth/tokens';
import type { HandlerResult, PlainHandler } from '../http/context';

/** POST /{tenant}/oauth2/v2.0/token. The form body arrives parsed; refusals are thrown as EntraError. */
export const token: PlainHandler = (request, params, services): HandlerResult => {
	const form = request.body !== null && typeof request.body === 'object' ? (request.body as Record<string, string>) : {};
	const response = issueToken(
		{ tenant: params.tenant, form, tokenUrl: `${services.baseUrl}${request.rawPathname}`, baseUrl: services.baseUrl },
		services,
	);
	return { status: 200, body: response, headers: { 'Cache-Control': 'no-store, no-cache', Pragma: 'no-cache' } };
};
