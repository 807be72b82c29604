/**
 * A tiny OpenAI-compatible chat completions server on loopback, for n8n's OpenAI Chat Model node (its
 * credential's Base URL points here). It plays a model that uses one tool: while the conversation has no
 * tool result yet, it answers with a call of the first tool the request offers (arguments from `toolArguments`);
 * once a tool result is there, it answers with a final message that quotes that result. Every request is
 * kept, so a test can see which tools n8n offered and with what descriptions.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ChatMessage {
	role: string;
	content?: string | null | { type: string; text?: string }[];
	tool_calls?: { id: string; type: 'function'; function: { name: string; arguments: string } }[];
	tool_call_id?: string;
}

export interface ChatRequest {
	model: string;
	messages: ChatMessage[];
	tools?: { type: 'function'; function: { name: string; description?: string; parameters?: unknown } }[];
	stream?: boolean;
}

export interface OpenAiStub {
	/** The Base URL for n8n's OpenAI credential (`http://127.0.0.1:<port>/v1`). */
	baseUrl: string;
	/** Every chat completions request, in order. */
	requests: ChatRequest[];
	close(): Promise<void>;
}

/** The final answer: this prefix, then the tool result as the model received it. */
export const FINAL_ANSWER_PREFIX = 'Here is what the mail tool returned: ';

const text = (content: ChatMessage['content']): string =>
	typeof content === 'string' ? content : Array.isArray(content) ? content.map((part) => part.text ?? '').join('') : '';

function answer(request: ChatRequest, toolArguments: Record<string, unknown>): ChatMessage & { finish: 'tool_calls' | 'stop' } {
	const toolResult = request.messages.find((message) => message.role === 'tool');
	if (toolResult) return { role: 'assistant', content: FINAL_ANSWER_PREFIX + text(toolResult.content), finish: 'stop' };
	const tool = request.tools?.[0];
	if (!tool) return { role: 'assistant', content: 'No tool was offered.', finish: 'stop' };
	return {
		role: 'assistant',
		content: null,
		tool_calls: [{ id: 'call_e2e_1', type: 'function', function: { name: tool.function.name, arguments: JSON.stringify(toolArguments) } }],
		finish: 'tool_calls',
	};
}

async function readBody(request: IncomingMessage): Promise<string> {
	const chunks: Buffer[] = [];
	for await (const chunk of request) chunks.push(chunk as Buffer);
	return Buffer.concat(chunks).toString('utf8');
}

function respond(response: ServerResponse, request: ChatRequest, message: ReturnType<typeof answer>): void {
	const { finish, ...reply } = message;
	const base = { id: 'chatcmpl-e2e', created: Math.floor(Date.now() / 1000), model: request.model };
	const usage = { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 };
	if (!request.stream) {
		response.writeHead(200, { 'Content-Type': 'application/json' });
		response.end(JSON.stringify({ ...base, object: 'chat.completion', choices: [{ index: 0, message: reply, finish_reason: finish, logprobs: null }], usage }));
		return;
	}
	response.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache' });
	const send = (data: unknown) => response.write(`data: ${JSON.stringify(data)}\n\n`);
	const delta = reply.tool_calls
		? { role: 'assistant', tool_calls: reply.tool_calls.map((call, index) => ({ index, ...call })) }
		: { role: 'assistant', content: reply.content };
	send({ ...base, object: 'chat.completion.chunk', choices: [{ index: 0, delta, finish_reason: null }] });
	send({ ...base, object: 'chat.completion.chunk', choices: [{ index: 0, delta: {}, finish_reason: finish }], usage });
	response.end('data: [DONE]\n\n');
}

export async function startOpenAiStub(toolArguments: Record<string, unknown>): Promise<OpenAiStub> {
	const requests: ChatRequest[] = [];
	const server: Server = createServer((request, response) => {
		void (async () => {
			if (request.method === 'POST' && request.url?.replace(/\?.*$/, '') === '/v1/chat/completions') {
				const body = JSON.parse(await readBody(request)) as ChatRequest;
				requests.push(body);
				respond(response, body, answer(body, toolArguments));
				return;
			}
			response.writeHead(404, { 'Content-Type': 'application/json' });
			response.end(JSON.stringify({ error: { message: `The stub serves only POST /v1/chat/completions, not ${request.method} ${request.url}`, type: 'invalid_request_error' } }));
		})().catch((error: unknown) => {
			response.writeHead(500, { 'Content-Type': 'application/json' });
			response.end(JSON.stringify({ error: { message: String(error) } }));
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		baseUrl: `http://127.0.0.1:${port}/v1`,
		requests,
		close: async () =>
			await new Promise<void>((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			}),
	};
}
