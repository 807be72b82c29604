import type { HandlerResult, PlainHandler } from '../http/context';
import { GraphError } from '../http/errors';
import { checkFaultRule, faultRuleFromJson, faultRuleToJson } from '../state/faults';
import { checkChaos, graphTimestamp, sendLifecycle, type LifecycleEvent, type NotificationChaos } from '../http/webhooks';

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

/** GET /_emulator/subscriptions: every live subscription of every app, clientState included. */
export const listAllSubscriptions: PlainHandler = (_request, _params, services): HandlerResult => ({
	status: 200,
	body: {
		value: services.subscriptions.all().map(({ changeTypes, expiresAt, reauthorizationRequiredAt, ...rest }) => ({
			...rest,
			changeTypes: [...changeTypes],
			expirationDateTime: graphTimestamp(expiresAt),
			reauthorizationRequired: reauthorizationRequiredAt !== undefined,
		})),
	},
});

/** POST /_emulator/subscriptions/{id}/lifecycle `{"lifecycleEvent": "..."}`: a lifecycle notification on demand. */
export const sendLifecycleNotification: PlainHandler = (request, params, services): HandlerResult => {
	const event = (request.body as { lifecycleEvent?: unknown } | undefined)?.lifecycleEvent;
	try {
		sendLifecycle(services.subscriptions, services.webhooks, params.subscription, event as LifecycleEvent);
	} catch (error) {
		throw new GraphError(400, 'BadRequest', (error as Error).message);
	}
	return { status: 202 };
};

/** GET /_emulator/notifications: the counts, the chaos settings and the log of webhook POSTs. */
export const getNotifications: PlainHandler = (_request, _params, services): HandlerResult => ({
	status: 200,
	body: { stats: services.webhooks.stats, chaos: services.webhooks.chaosSettings(), records: services.webhooks.records },
});

/** POST /_emulator/notifications: replaces the chaos settings (a NotificationChaos; `reseed: true` restarts the PRNG). */
export const configureNotifications: PlainHandler = (request, _params, services): HandlerResult => {
	const { reseed, ...chaos } = (request.body ?? {}) as NotificationChaos & { reseed?: unknown };
	try {
		checkChaos(chaos);
	} catch (error) {
		throw new GraphError(400, 'BadRequest', (error as Error).message);
	}
	services.webhooks.configure(chaos, reseed === true);
	return { status: 200, body: { chaos: services.webhooks.chaosSettings() } };
};
