import type { IDataObject, IHttpRequestMethods, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { choice } from '../../../shared/descriptions/fields.description';
import type { GraphRequest } from '../../../shared/graph/client';
import { INPUT_TEXTS } from '../../../shared/graph/inputTexts';
import { GraphInputError } from '../../../shared/graph/errors';
import { textValue } from '../../../shared/graph/text';
import { safeMimeType } from '../../../shared/mail/attachments';
import { answerItems, apiVersion, assertOnGraph, jsonBody, requestHeaders, requestPath, requestQuery } from '../../helpers/graphRequest';
import { defineOperation } from '../defineOperation';

const WITH_BODY = ['POST', 'PATCH', 'PUT'];

const pairs = (displayName: string, name: string, placeholder: string, description: string): INodeProperties => ({
	displayName,
	name,
	type: 'fixedCollection',
	typeOptions: { multipleValues: true },
	placeholder,
	default: {},
	description,
	options: [
		{
			displayName: 'Parameter',
			name: 'parameters',
			values: [
				{ displayName: 'Name', name: 'name', type: 'string', default: '' },
				{ displayName: 'Value', name: 'value', type: 'string', default: '' },
			],
		},
	],
});

const properties: INodeProperties[] = [
	choice('Method', 'method', 'GET', [
		{ name: 'DELETE', value: 'DELETE' },
		{ name: 'GET', value: 'GET' },
		{ name: 'PATCH', value: 'PATCH' },
		{ name: 'POST', value: 'POST' },
		{ name: 'PUT', value: 'PUT' },
	]),
	{
		displayName: 'Path',
		name: 'path',
		type: 'string',
		required: true,
		default: '/users/{mailbox}/messages',
		placeholder: 'e.g. /users/{mailbox}/mailFolders/inbox/messageRules',
		description:
			'Relative to https://graph.microsoft.com/v1.0 (or /beta), on the credential\'s Graph endpoint. {mailbox} stands for the Mailbox parameter, encoded. No URL, no query: query options go under Query Parameters.',
	},
	choice('API Version', 'apiVersion', 'v1.0', [
		{ name: 'V1.0', value: 'v1.0' },
		{ name: 'Beta', value: 'beta', description: 'Graph\'s preview API: it may change or go away without notice' },
	]),
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: false,
		displayOptions: { show: { method: ['GET'] } },
		description: 'Whether to return all results or only up to a given limit',
		hint: 'Follows @odata.nextLink to the end; each element of "value" becomes an item',
	},
	pairs('Query Parameters', 'queryParameters', 'Add Query Parameter', 'Such as $filter, $select, $top; encoded by the node'),
	pairs('Headers', 'headers', 'Add Header', 'Such as ConsistencyLevel or Prefer. Authorization and Host are the node\'s own.'),
	choice('Body', 'bodyType', 'json', [
		{ name: 'JSON', value: 'json' },
		{ name: 'Binary File', value: 'binary', description: 'The bytes of an input binary field, with its MIME type' },
	], { displayOptions: { show: { method: WITH_BODY } } }),
	{
		displayName: 'JSON Body',
		name: 'jsonBody',
		type: 'json',
		default: '',
		displayOptions: { show: { method: WITH_BODY, bodyType: ['json'] } },
	},
	{
		displayName: 'Input Binary Field',
		name: 'inputBinaryField',
		type: 'string',
		default: 'data',
		displayOptions: { show: { method: WITH_BODY, bodyType: ['binary'] } },
		hint: 'The name of the input binary field holding the file to send',
	},
	choice('Response Format', 'responseFormat', 'json', [
		{ name: 'JSON', value: 'json' },
		{ name: 'Binary File', value: 'binary', description: 'Such as a message\'s $value (MIME) or an attachment\'s bytes' },
	]),
	{
		displayName: 'Put Output File in Field',
		name: 'outputBinaryField',
		type: 'string',
		default: 'data',
		displayOptions: { show: { responseFormat: ['binary'] } },
	},
];

/**
 * Any Graph request, through the same client as every operation: token, retry policy (a request that sends mail,
 * decided from its method and path, is never retried after an unknown outcome and never batched), throttle gate,
 * error hints. Return All follows `@odata.nextLink` through the one pager, which follows only links on the Graph
 * origin and within the same mailbox or collection.
 */
export default defineOperation({
	resource: 'graphRequest',
	operation: 'send',
	option: {
		name: 'Send',
		description: 'Send any request to Microsoft Graph, with the credential, retries and throttling of the node',
		action: 'Send a Graph request',
	},
	properties,
	async execute(client, itemIndex) {
		const mailbox = client.mailbox(this.getNodeParameter('mailbox', itemIndex, ''));
		const method = String(this.getNodeParameter('method', itemIndex, 'GET')).toUpperCase() as IHttpRequestMethods;
		const version = apiVersion(this.getNodeParameter('apiVersion', itemIndex, 'v1.0'));
		const path = requestPath(this.getNodeParameter('path', itemIndex, ''), mailbox);
		assertOnGraph(client, path, version);
		const query = requestQuery(this.getNodeParameter('queryParameters', itemIndex, {}));
		const headers = requestHeaders(this.getNodeParameter('headers', itemIndex, {}));
		const binaryResponse = this.getNodeParameter('responseFormat', itemIndex, 'json') === 'binary';
		const returnAll = method === 'GET' && this.getNodeParameter('returnAll', itemIndex, false) === true;

		const request: GraphRequest = { method, path, version, query, headers, itemIndex };
		if (WITH_BODY.includes(method)) {
			if (this.getNodeParameter('bodyType', itemIndex, 'json') === 'binary') {
				const field = textValue(this.getNodeParameter('inputBinaryField', itemIndex, 'data'), 'Input Binary Field').trim();
				const binary = this.getInputData()[itemIndex]?.binary?.[field];
				if (!binary) throw new GraphInputError('Input Binary Field', INPUT_TEXTS.noBinary(field));
				request.rawBody = await this.helpers.getBinaryDataBuffer(itemIndex, field);
				request.contentType = safeMimeType(binary.mimeType);
			} else {
				request.body = jsonBody(this.getNodeParameter('jsonBody', itemIndex, ''));
			}
		}

		if (binaryResponse) {
			if (returnAll) throw new GraphInputError('Return All', INPUT_TEXTS.returnAllBinary);
			const response = await client.send({ ...request, headers: { Accept: '*/*', ...headers }, stream: true });
			const field = textValue(this.getNodeParameter('outputBinaryField', itemIndex, 'data'), 'Put Output File in Field').trim() || 'data';
			const mimeType = safeMimeType(response.headers['content-type']?.split(';')[0]);
			const binary = await this.helpers.prepareBinaryData(response.stream ?? response.raw, 'response', mimeType);
			return [{ json: { status: response.status }, binary: { [field]: binary } }];
		}
		if (returnAll) {
			const items: INodeExecutionData[] = [];
			for await (const page of client.pages<IDataObject>(request, { pageSize: 0 })) {
				items.push(...answerItems(page.items).map((json) => ({ json })));
			}
			return items;
		}
		const response = await client.send(request);
		return answerItems(response.body).map((json) => ({ json }));
	},
});
