import type { INode } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { graphFailureToNodeError } from '../../../nodes/shared/graph/errors';
import { GraphError, isGraphError } from '../../../nodes/shared/graph/graphError';

const node: INode = { id: '1', name: 'Outlook', type: 'outlookMailApp', typeVersion: 1, position: [0, 0], parameters: {} };

const gone = () =>
	graphFailureToNodeError(node, {
		status: 410,
		code: 'SyncStateNotFound',
		graphMessage: 'The sync state generation is not found.',
		requestId: 'req-9',
		method: 'GET',
		path: '/users/x/mailFolders/inbox/messages/delta',
		retryAfterMs: 1500,
	});

describe('GraphError', () => {
	it('is a NodeApiError n8n handles as its own (by name too), with Graph\'s answer as typed fields', () => {
		const error = gone();
		expect(error).toBeInstanceOf(GraphError);
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.name).toBe('NodeApiError');
		expect(error.httpCode).toBe('410');
		expect({ status: error.status, code: error.code, requestId: error.requestId, retryAfterMs: error.retryAfterMs }).toEqual({
			status: 410,
			code: 'SyncStateNotFound',
			requestId: 'req-9',
			retryAfterMs: 1500,
		});
	});

	it('is(code) matches the code exactly, or by a pattern', () => {
		expect(gone().is('SyncStateNotFound')).toBe(true);
		expect(gone().is('syncstatenotfound')).toBe(false);
		expect(gone().is(/syncState/i)).toBe(true);
	});

	it('keeps the hint it was built with', () => {
		const error = graphFailureToNodeError(node, { status: 503, code: 'ServiceUnavailable', graphMessage: '', method: 'GET', path: '/users/x' });
		expect(error.hint).toBe('Graph is temporarily unavailable: try again later, or allow more retries in the credential.');
	});
});

describe('isGraphError', () => {
	it('matches by status, by a list of statuses, by code, a code pattern or a list of codes', () => {
		const error = gone();
		expect(isGraphError(error)).toBe(true);
		expect(isGraphError(error, { status: 410 })).toBe(true);
		expect(isGraphError(error, { status: [400, 404] })).toBe(false);
		expect(isGraphError(error, { status: [404, 410] })).toBe(true);
		expect(isGraphError(error, { code: 'SyncStateNotFound' })).toBe(true);
		expect(isGraphError(error, { code: /resync/i })).toBe(false);
		expect(isGraphError(error, { status: 410, code: ['ErrorItemNotFound', 'SyncStateNotFound'] })).toBe(true);
		expect(isGraphError(error, { status: 404, code: 'SyncStateNotFound' })).toBe(false);
	});

	it('is false for anything that is not a Graph answer', () => {
		expect(isGraphError(new NodeOperationError(node, 'x'))).toBe(false);
		expect(isGraphError(new NodeApiError(node, { message: 'x' }, { httpCode: '410' }), { status: 410 })).toBe(false);
		expect(isGraphError(new Error('x'))).toBe(false);
		expect(isGraphError(undefined)).toBe(false);
	});
});
