import type { HandlerResult, PlainHandler } from '../http/context';
import { GraphError } from '../http/errors';
import { checkFaultRule, faultRuleFromJson, faultRuleToJson } from '../state/faults';

/**
 * Test-only control routes under /_emulator/, mirroring the TypeScript API for clients that only speak HTTP
 * (the demo). Fault rules travel as JSON: `pathPattern` for a RegExp path, `times: null` for Infinity.
 */

export const reset: PlainHandler = (_request, _params, services): HandlerResult => {
	services.reset();
	return { status: 204 };
};

export const listRequests: PlainHandler = (_request, _params, services): HandlerResult => ({
	status: 200,
	body: { value: services.requests },
});

export const clearRequests: PlainHandler = (_request, _params, services): HandlerResult => {
	services.requests.length = 0;
	return { status: 204 };
};

export const listFaults: PlainHandler = (_request, _params, services): HandlerResult => ({
	status: 200,
	body: { value: services.faults.list().map(faultRuleToJson) },
});

export const addFaults: PlainHandler = (request, _params, services): HandlerResult => {
	const rules = Array.isArray(request.body) ? request.body : [request.body];
	try {
		const parsed = rules.map(faultRuleFromJson);
		// All checked before any is added, so a refused POST adds nothing.
		parsed.forEach(checkFaultRule);
		parsed.forEach((rule) => services.faults.add(rule));
	} catch (error) {
		throw new GraphError(400, 'BadRequest', (error as Error).message);
	}
	return { status: 201, body: { value: services.faults.list().map(faultRuleToJson) } };
};

export const clearFaults: PlainHandler = (_request, _params, services): HandlerResult => {
	services.faults.clear();
	return { status: 204 };
};

/** DELETE /_emulator/deltaTokens[?user={id}]: forgets delta and skip tokens, as emulator.expireDeltaTokens(). */
export const expireDeltaTokens: PlainHandler = (request, _params, services): HandlerResult => {
	const expired = services.delta.expire(request.query.user);
	return { status: 200, body: { expired } };
};
