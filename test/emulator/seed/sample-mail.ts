import { createHash } from 'node:crypto';
import { fileAttachment, type MessageData, type Recipient, type StoredAttachment } from '../state/model';
import type { Random } from './random';

/**
 * Writes plausible, deterministic sample messages: varied senders, subjects (some with apostrophes, to exercise
 * OData quote escaping), dates, read state, importance, categories, flags and attachments.
 */

export type FolderRole = 'received' | 'sent' | 'draft';

export interface SampleOwner {
	displayName: string;
	address: string;
}

const PEOPLE: readonly Recipient[] = [
	['Megan Bowen', 'MeganB@contoso.onmicrosoft.com'],
	['Nestor Wilke', 'NestorW@contoso.onmicrosoft.com'],
	['Lynne Robbins', 'LynneR@contoso.onmicrosoft.com'],
	['Patti Fernandez', 'PattiF@contoso.onmicrosoft.com'],
	['Miriam Graham', 'MiriamG@contoso.onmicrosoft.com'],
	["Conor O'Brien", 'conor.obrien@fabrikam.com'],
	['Isaiah Langer', 'isaiah@northwindtraders.com'],
	['Microsoft 365', 'no-reply@microsoft.com'],
	['Fabrikam Billing', 'billing@fabrikam.com'],
	['Tailspin Toys', 'orders@tailspintoys.com'],
].map(([name, address]) => ({ emailAddress: { name, address } }));

const SUBJECTS: readonly string[] = [
	'Quarterly report draft',
	'Re: Budget review for Q3',
	'Invoice 2024-0117 from Fabrikam',
	"Conor's notes from the partner meeting",
	'Lunch on Friday?',
	'Action required: approve expense report',
	'Project Falcon kickoff',
	'FW: Customer feedback summary',
	"What's new in the product roadmap",
	'Your order has shipped',
	'Team offsite agenda',
	'Re: Contract renewal',
	'Weekly status update',
	'Security alert: new sign-in',
	'Welcome to the Mark 8 project',
	'Re: Re: Travel plans',
	'Holiday schedule',
	"Don't forget: all-hands at 10",
	'Design review feedback',
	'Training session invitation',
];

const PHRASES: readonly string[] = [
	'Please find the latest numbers below.',
	'Can we move this to next week?',
	'I have attached the document we discussed.',
	'Thanks for the quick turnaround on this.',
	'Let me know if you have any questions.',
	'The deadline is end of day Thursday.',
	'We still need sign-off from finance.',
	'Looking forward to seeing everyone there.',
];

const CATEGORIES: readonly string[] = ['Red category', 'Blue category', 'Green category', 'Yellow category', 'Purple category'];

const ATTACHMENTS: readonly { name: string; contentType: string }[] = [
	{ name: 'report.pdf', contentType: 'application/pdf' },
	{ name: 'budget.xlsx', contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
	{ name: 'photo.jpg', contentType: 'image/jpeg' },
	{ name: 'notes.txt', contentType: 'text/plain' },
];

const hex = (text: string, length: number): string => createHash('sha256').update(text).digest('hex').slice(0, length);

export interface SampleMessageInput {
	id: string;
	role: FolderRole;
	parentFolderId: string;
	owner: SampleOwner;
	/** receivedDateTime, ms since epoch. */
	receivedAt: number;
	random: Random;
	/** Makes an id for each attachment. */
	attachmentId: (index: number) => string;
}

export function sampleMessage(input: SampleMessageInput): MessageData & { attachments: StoredAttachment[] } {
	const { id, role, random, owner } = input;
	const me: Recipient = { emailAddress: { name: owner.displayName, address: owner.address } };
	const other = random.pick(PEOPLE);
	const from = role === 'received' ? other : me;
	const to = role === 'received' ? [me] : [other];
	const cc = random.chance(0.25) ? [random.pick(PEOPLE.filter((person) => person !== other))] : [];
	const subject = random.pick(SUBJECTS);
	const text = `${random.pick(PHRASES)} ${random.pick(PHRASES)}\r\n\r\n${from.emailAddress.name}`;
	const received = new Date(input.receivedAt).toISOString().replace(/\.\d{3}Z$/, 'Z');
	const sent = new Date(input.receivedAt - random.int(2, 90) * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
	const attachmentCount = role !== 'draft' && random.chance(0.3) ? random.int(1, 2) : 0;
	const attachments: StoredAttachment[] = [];
	for (let index = 0; index < attachmentCount; index++) {
		const file = random.pick(ATTACHMENTS);
		const content = Buffer.from(`${file.name} of message ${id.slice(-12)}\n`);
		attachments.push(
			fileAttachment({
				id: input.attachmentId(index),
				name: file.name,
				contentType: file.contentType,
				size: content.length,
				isInline: false,
				lastModifiedDateTime: received,
				content,
				contentId: null,
				contentLocation: null,
			}),
		);
	}
	const flagRoll = random.next();
	const conversation = hex(`${owner.address}:${subject.replace(/^(Re|FW): /g, '')}`, 48);
	return {
		createdDateTime: received,
		lastModifiedDateTime: received,
		changeKey: '',
		categories: random.chance(0.3) ? [random.pick(CATEGORIES)] : [],
		receivedDateTime: received,
		sentDateTime: sent,
		hasAttachments: attachmentCount > 0,
		internetMessageId: `<${hex(id, 32)}@${from.emailAddress.address.split('@')[1]}>`,
		subject,
		bodyPreview: text.replace(/\s+/g, ' ').slice(0, 255),
		importance: random.chance(0.15) ? 'high' : random.chance(0.1) ? 'low' : 'normal',
		parentFolderId: input.parentFolderId,
		conversationId: `AAQkAG${Buffer.from(conversation, 'hex').toString('base64')}`,
		conversationIndex: Buffer.from(hex(`${id}:index`, 44), 'hex').toString('base64'),
		isDeliveryReceiptRequested: false,
		isReadReceiptRequested: random.chance(0.05),
		isRead: role !== 'received' || random.chance(0.6),
		isDraft: role === 'draft',
		webLink: `https://outlook.office365.com/owa/?ItemID=${encodeURIComponent(id)}&exvsurl=1&viewmodel=ReadMessageItem`,
		inferenceClassification: random.chance(0.8) ? 'focused' : 'other',
		body: {
			contentType: 'html',
			content: `<html><head>\r\n<meta http-equiv="Content-Type" content="text/html; charset=utf-8"></head><body><p>${text
				.replace(/&/g, '&amp;')
				.replace(/</g, '&lt;')
				.replace(/\r\n/g, '<br>')}</p></body></html>`,
		},
		uniqueBody: { contentType: 'html', content: `<html><body><p>${random.pick(PHRASES)}</p></body></html>` },
		sender: from,
		from,
		toRecipients: to,
		ccRecipients: cc,
		bccRecipients: [],
		replyTo: [],
		flag: { flagStatus: flagRoll < 0.15 ? 'flagged' : flagRoll < 0.22 ? 'complete' : 'notFlagged' },
		internetMessageHeaders: [
			{ name: 'Message-ID', value: `<${hex(id, 32)}@${from.emailAddress.address.split('@')[1]}>` },
			{ name: 'Subject', value: subject },
		],
		attachments,
	};
}
