/**
 * The demo's three workflows, as n8n imports them. The end-to-end suite opens them in the editor too.
 */
import { byId, linearWorkflow, outlook, outlookTrigger, type WorkflowJson } from '../../test/e2e/harness/workflows';
import { DEMO_USERS, NEWSLETTER_CATEGORY, VIP } from './tenant';

export const DEMO_WORKFLOW_IDS = {
	invoices: 'demoSaveInvoices1',
	vip: 'demoVipAutoReply1',
	newsletters: 'demoArchiveNews01',
} as const;

const sticky = (name: string, content: string, position: [number, number], width = 420, height = 200) => ({
	name,
	type: 'n8n-nodes-base.stickyNote',
	typeVersion: 1,
	parameters: { content, width, height },
	position,
});

export interface DemoWorkflowOptions {
	/** Id of the Finance mailbox's Inbox/Invoices folder. */
	invoiceFolderId: string;
	/** Where the invoice workflow writes PDFs (must be under N8N_RESTRICT_FILE_ACCESS_TO). */
	invoiceDir: string;
}

/** New mail with "Invoice" in the subject and an attachment, in the Finance shared mailbox: filed, PDFs saved. */
export function saveInvoicesWorkflow(options: DemoWorkflowOptions): WorkflowJson {
	const mailbox = DEMO_USERS.finance.userPrincipalName;
	const workflow = linearWorkflow(DEMO_WORKFLOW_IDS.invoices, 'Save invoice attachments from new mail', [
		outlookTrigger(
			'New invoice mail',
			{
				event: 'messageReceived',
				mailbox,
				folders: ['inbox'],
				filters: { hasAttachments: true, subjectContains: 'Invoice' },
			},
			[{ mode: 'everyMinute' }],
		),
		outlook('File in Invoices', {
			resource: 'message',
			operation: 'move',
			mailbox,
			messageId: byId('={{ $json.id }}'),
			folderId: { __rl: true, mode: 'list', value: options.invoiceFolderId, cachedResultName: 'Inbox/Invoices' },
		}),
		outlook('Download attachments', {
			resource: 'attachment',
			operation: 'download',
			mailbox,
			messageId: byId('={{ $json.id }}'),
			scope: 'all',
			binaryPropertyName: 'data',
			options: { includeInline: false },
		}),
		{
			name: 'Save PDF to disk',
			type: 'n8n-nodes-base.readWriteFile',
			typeVersion: 1,
			parameters: { operation: 'write', fileName: `=${options.invoiceDir}/{{ $binary.data.fileName }}`, dataPropertyName: 'data', options: {} },
		},
	]);
	workflow.nodes.push({
		id: 'b0c1d2e3-0000-4000-8000-000000000001',
		...sticky(
			'About',
			'## Save invoice attachments\nPolls the **Finance** shared mailbox every minute. Each new mail with an attachment and "Invoice" in the subject is moved to *Inbox/Invoices*, and its PDFs are written to disk.\n\nThe demo delivers a new invoice every few minutes.',
			[-40, -260],
		),
	} as WorkflowJson['nodes'][number]);
	return workflow;
}

/** Mail from the VIP to Adele gets an immediate reply, a flag, high importance and the VIP category. */
export function vipAutoReplyWorkflow(): WorkflowJson {
	const workflow = linearWorkflow(DEMO_WORKFLOW_IDS.vip, 'Auto-reply to a VIP sender', [
		outlookTrigger('New VIP mail', { event: 'messageReceived', folders: ['inbox'], filters: { from: VIP.address } }, [{ mode: 'everyMinute' }]),
		outlook('Reply', {
			resource: 'message',
			operation: 'reply',
			messageId: byId('={{ $json.id }}'),
			contentMode: 'comment',
			comment: '=Hi {{ $json.from.emailAddress.name.split(" ")[0] }},<br><br>Thanks, I have your message and will get back to you within the hour.<br><br>Adele (sent automatically by n8n)',
			delivery: 'send',
		}),
		outlook('Flag for follow-up', {
			resource: 'message',
			operation: 'update',
			messageId: byId("={{ $('New VIP mail').item.json.id }}"),
			updateFields: { categories: 'VIP', categoriesMode: 'add', flagStatus: 'flagged', importance: 'high' },
		}),
	]);
	workflow.nodes.push({
		id: 'b0c1d2e3-0000-4000-8000-000000000002',
		...sticky(
			'About',
			`## Auto-reply to a VIP\nPolls Adele's Inbox (the credential's default mailbox) every minute. Mail from **${VIP.name}** gets a reply at once, then a flag, high importance and the *VIP* category.`,
			[-40, -260],
		),
	} as WorkflowJson['nodes'][number]);
	return workflow;
}

/** Every day at 07:00, or now with "Execute workflow": newsletters older than 30 days leave the Inbox for Archive. */
export function archiveNewslettersWorkflow(): WorkflowJson {
	const workflow = linearWorkflow(DEMO_WORKFLOW_IDS.newsletters, 'Archive newsletters older than 30 days', [
		{
			name: 'Every morning at 7',
			type: 'n8n-nodes-base.scheduleTrigger',
			typeVersion: 1.2,
			parameters: { rule: { interval: [{ field: 'days', triggerAtHour: 7 }] } },
		},
		outlook('Old newsletters', {
			resource: 'message',
			operation: 'getMany',
			folderScope: 'folder',
			folderId: byId('inbox'),
			returnAll: true,
			selectBy: 'filters',
			filters: { category: NEWSLETTER_CATEGORY, receivedBefore: '={{ $now.minus({ days: 30 }).toISO() }}' },
			sort: 'oldest',
		}),
		outlook('Move to Archive', {
			resource: 'message',
			operation: 'move',
			messageId: byId('={{ $json.id }}'),
			folderId: byId('archive'),
		}),
	]);
	workflow.nodes.push({
		id: 'b0c1d2e3-0000-4000-8000-000000000003',
		...sticky(
			'About',
			`## Archive old newsletters\nMessages in Adele's Inbox with the **${NEWSLETTER_CATEGORY}** category, received more than 30 days ago, move to *Archive*. Runs every morning once published, or now with **Execute workflow**.`,
			[-40, -260],
		),
	} as WorkflowJson['nodes'][number]);
	return workflow;
}

export function demoWorkflows(options: DemoWorkflowOptions): WorkflowJson[] {
	return [saveInvoicesWorkflow(options), vipAutoReplyWorkflow(), archiveNewslettersWorkflow()];
}
