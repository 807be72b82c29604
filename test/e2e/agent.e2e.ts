/**
 * Outlook Mail (App) as a tool of n8n's AI Agent: the node has `usableAsTool`, so n8n also offers it as
 * `n8n-nodes-outlook-mail-app.outlookMailAppTool`, which connects to an agent's Tools input. The agent's
 * OpenAI Chat Model points at a local OpenAI-compatible stub that asks for the tool once, then answers with
 * what the tool returned. Checked from outside: the stub saw the tool (name, description, parameters), the
 * emulator received the node's Graph request with the model's argument, and n8n's output is the model's
 * final answer built from the tool's result.
 */
import { SAMPLE, startEmulator, type Emulator } from '../emulator';
import { nodeOutput } from './harness/n8n';
import { FINAL_ANSWER_PREFIX, startOpenAiStub, type OpenAiStub } from './harness/openai-stub';
import { byId, CREDENTIAL, emulatorCredential, manualTrigger, OUTLOOK_TOOL, type WorkflowJson } from './harness/workflows';
import { N8nCase } from './setup/n8n-case';

const { adele } = SAMPLE.users;
const OPENAI_CREDENTIAL = { id: 'e2eOpenAiStub0001', name: 'OpenAI (local stub)' };
const SEARCH = 'NW-2001';

let emulator: Emulator;
let stub: OpenAiStub;

beforeAll(async () => {
	emulator = await startEmulator();
	stub = await startOpenAiStub({ subject_contains: SEARCH });
});

afterAll(async () => {
	await stub?.close();
	await emulator?.close();
});

function agentWorkflow(): WorkflowJson {
	const trigger = { ...manualTrigger(), id: 'a0000000-0000-4000-8000-000000000001', position: [0, 0] as [number, number] };
	return {
		id: 'e2eAgentTool00001',
		name: 'E2E AI Agent with the Outlook Mail (App) tool',
		active: false,
		settings: { executionOrder: 'v1' },
		pinData: {},
		nodes: [
			trigger,
			{
				id: 'a0000000-0000-4000-8000-000000000002',
				name: 'AI Agent',
				type: '@n8n/n8n-nodes-langchain.agent',
				typeVersion: 3.1,
				position: [260, 0],
				parameters: { promptType: 'define', text: `Is there mail about invoice ${SEARCH} in my inbox?`, options: {} },
			},
			{
				id: 'a0000000-0000-4000-8000-000000000003',
				name: 'OpenAI Chat Model',
				type: '@n8n/n8n-nodes-langchain.lmChatOpenAi',
				typeVersion: 1.3,
				position: [200, 220],
				parameters: { model: { __rl: true, mode: 'id', value: 'gpt-4o-mini' }, responsesApiEnabled: false, options: {} },
				credentials: { openAiApi: OPENAI_CREDENTIAL },
			},
			{
				id: 'a0000000-0000-4000-8000-000000000004',
				name: 'Search mail',
				type: OUTLOOK_TOOL,
				typeVersion: 1,
				position: [400, 220],
				parameters: {
					resource: 'message',
					operation: 'getMany',
					folderScope: 'folder',
					folderId: byId('inbox'),
					returnAll: false,
					limit: 5,
					filters: { subjectContains: "={{ $fromAI('subject_contains', 'Text the subject must contain', 'string') }}" },
				},
				credentials: { outlookMailAppApi: { id: CREDENTIAL.id, name: CREDENTIAL.name } },
			},
		],
		connections: {
			[trigger.name]: { main: [[{ node: 'AI Agent', type: 'main', index: 0 }]] },
			'OpenAI Chat Model': { ai_languageModel: [[{ node: 'AI Agent', type: 'ai_languageModel', index: 0 }]] },
			'Search mail': { ai_tool: [[{ node: 'AI Agent', type: 'ai_tool', index: 0 }]] },
		},
	};
}

it('the AI Agent calls Outlook Mail (App) as a tool, the node really runs, and the agent answers from its result', async () => {
	const inbox = emulator.store.folder(adele.id, 'inbox').id;
	const invoice = emulator.store.addMessage(adele.id, inbox, { subject: `Invoice ${SEARCH} from Northwind`, receivedDateTime: '2024-07-01T08:00:00Z' });
	const credentials = [
		emulatorCredential(
			{ tokenUrl: emulator.tokenUrl(SAMPLE.tenantId), graphBaseUrl: emulator.graphBaseUrl },
			{ ...SAMPLE.apps.full, defaultUserId: adele.userPrincipalName },
		),
		{ ...OPENAI_CREDENTIAL, type: 'openAiApi', data: { apiKey: 'sk-e2e-not-a-real-key', url: stub.baseUrl } },
	];
	const n8n = await N8nCase.create('agent-tool', emulator, { credentials });
	emulator.clearRequests();

	const run = await n8n.run(agentWorkflow());

	// What n8n offered the model: the node, named after the node in the workflow, described by its operation.
	expect(stub.requests).toHaveLength(2);
	const tools = stub.requests[0].tools ?? [];
	expect(tools.map((tool) => ({ name: tool.function.name, description: tool.function.description }))).toEqual([
		{ name: 'Search_mail', description: 'Get many messages from a folder or a whole mailbox in Outlook Mail (App)' },
	]);
	expect(JSON.stringify(tools[0].function.parameters)).toContain('subject_contains');
	process.stderr.write(`[e2e] tool offered to the model: ${JSON.stringify(tools.map((tool) => tool.function))}\n`);

	// The node ran: its Graph request carries the model's argument.
	const lists = emulator.requests.filter((request) => request.kind === 'graph' && request.method === 'GET' && /\/messages$/.test(request.path));
	expect(lists.map((request) => request.path)).toEqual([`/v1.0/users/${adele.userPrincipalName}/mailFolders/inbox/messages`]);
	expect(lists[0].query.$filter).toContain(`contains(subject,'${SEARCH}')`);

	// n8n ran the tool node as a node of the execution (AI Agent v3 hands tool calls to the engine).
	const toolRuns = run.data.resultData.runData['Search mail'] as unknown as { data?: { ai_tool?: { json: Record<string, unknown> }[][] } }[];
	expect(toolRuns).toHaveLength(1);
	expect(JSON.stringify(toolRuns[0].data?.ai_tool?.[0])).toContain(invoice.id);

	// The model got the tool's result, and the agent's output is the answer built from it.
	const toolMessage = stub.requests[1].messages.find((message) => message.role === 'tool');
	expect(JSON.stringify(toolMessage?.content)).toContain(invoice.id);
	const [output] = nodeOutput(run, 'AI Agent');
	expect(String(output.json.output)).toMatch(new RegExp(`^${FINAL_ANSWER_PREFIX}`));
	expect(String(output.json.output)).toContain(`Invoice ${SEARCH} from Northwind`);
});
