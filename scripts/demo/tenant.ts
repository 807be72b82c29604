/**
 * The demo's tenant: Contoso from the emulator's sample, with more mailboxes and mail, and the mail the three
 * demo workflows act on (supplier invoices with PDFs, mail from a VIP, newsletters), dated relative to now.
 * Everything goes through the emulator's public seed and store API; test/emulator is not changed.
 */
import {
	SAMPLE,
	fileAttachment,
	sampleTenant,
	type MessageData,
	type Recipient,
	type Store,
	type StoredAttachment,
	type TenantSeed,
} from '../../test/emulator';

export const DEMO_USERS = {
	adele: SAMPLE.users.adele,
	alex: SAMPLE.users.alex,
	finance: {
		id: 'd1f2a3b4-7a8b-4c9d-8e0f-4a5b6c7d8e91',
		userPrincipalName: 'Finance@contoso.onmicrosoft.com',
		mail: 'Finance@contoso.onmicrosoft.com',
		displayName: 'Contoso Finance (shared mailbox)',
	},
	megan: {
		id: 'e2a3b4c5-8b9c-4dae-9f10-5b6c7d8e9fa2',
		userPrincipalName: 'MeganB@contoso.onmicrosoft.com',
		mail: 'MeganB@contoso.onmicrosoft.com',
		displayName: 'Megan Bowen',
	},
} as const;

/** The sender the auto-reply workflow treats as a VIP. */
export const VIP = { name: 'Patti Fernandez', address: 'PattiF@contoso.onmicrosoft.com' };
export const NEWSLETTER_CATEGORY = 'Newsletter';

const SUPPLIERS = [
	{ name: 'Fabrikam Billing', address: 'billing@fabrikam.com' },
	{ name: 'Tailspin Toys Accounts', address: 'accounts@tailspintoys.com' },
	{ name: 'Northwind Traders', address: 'invoices@northwindtraders.com' },
	{ name: 'Adventure Works Cycles', address: 'ar@adventure-works.com' },
];

const NEWSLETTERS = [
	{ name: 'Fabrikam Weekly', address: 'news@fabrikam.com', title: 'Fabrikam Weekly' },
	{ name: 'Tailspin Toys Digest', address: 'digest@tailspintoys.com', title: 'Tailspin Toys Digest' },
	{ name: 'Microsoft 365 Roadmap', address: 'roadmap@email.microsoft.com', title: 'What is new in Microsoft 365' },
];

const VIP_SUBJECTS = [
	'Board deck: can you review slide 12 today?',
	'Customer escalation: Woodgrove Bank',
	'Quick question about the Q3 forecast',
	'Call me when you land',
];

export function demoTenant(): TenantSeed {
	const tenant = sampleTenant();
	const user = (key: 'finance' | 'megan', extra: Partial<TenantSeed['users'][number]>): TenantSeed['users'][number] => ({
		...DEMO_USERS[key],
		businessPhones: [],
		mobilePhone: null,
		mailbox: null,
		...extra,
	});
	for (const seed of tenant.users) {
		if (seed.id === SAMPLE.users.adele.id && seed.mailbox) {
			seed.mailbox = { seed: 11, messages: 160, folders: [{ displayName: 'Projects', parent: 'inbox' }, { displayName: 'Travel', parent: 'inbox' }] };
		}
		if (seed.id === SAMPLE.users.alex.id && seed.mailbox) seed.mailbox = { seed: 12, messages: 90, folders: [{ displayName: 'Campaigns', parent: 'inbox' }] };
	}
	tenant.users.push(
		user('finance', {
			givenName: 'Contoso',
			surname: 'Finance',
			jobTitle: 'Shared mailbox',
			mailbox: { seed: 13, messages: 50, folders: [{ displayName: 'Invoices', parent: 'inbox' }, { displayName: 'Receipts', parent: 'inbox' }] },
		}),
		user('megan', { givenName: 'Megan', surname: 'Bowen', jobTitle: 'Marketing Manager', mailbox: { seed: 14, messages: 70 } }),
	);
	return tenant;
}

// ---------- mail ----------

const iso = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
const recipient = (person: { name: string; address: string }): Recipient => ({ emailAddress: { name: person.name, address: person.address } });
const DAY = 24 * 60 * 60 * 1000;

export interface MailSpec {
	from: { name: string; address: string };
	to: { name: string; address: string };
	subject: string;
	html: string;
	receivedAt: number;
	isRead?: boolean;
	importance?: 'low' | 'normal' | 'high';
	categories?: string[];
	attachments?: { name: string; contentType: string; content: Buffer }[];
	headers?: { name: string; value: string }[];
}

/** A received message as Exchange stores it; the store fills ids, webLink and the conversation fields. */
function messageFrom(spec: MailSpec): MessageData {
	const text = spec.html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim();
	const at = iso(spec.receivedAt);
	return {
		createdDateTime: at,
		lastModifiedDateTime: at,
		changeKey: '',
		categories: spec.categories ?? [],
		receivedDateTime: at,
		sentDateTime: iso(spec.receivedAt - 20_000),
		hasAttachments: false,
		internetMessageId: '',
		subject: spec.subject,
		bodyPreview: text.slice(0, 255),
		importance: spec.importance ?? 'normal',
		parentFolderId: '',
		conversationId: '',
		conversationIndex: '',
		isDeliveryReceiptRequested: false,
		isReadReceiptRequested: false,
		isRead: spec.isRead ?? false,
		isDraft: false,
		webLink: '',
		inferenceClassification: 'focused',
		body: { contentType: 'html', content: `<html><body>${spec.html}</body></html>` },
		uniqueBody: { contentType: 'html', content: `<html><body>${spec.html}</body></html>` },
		sender: recipient(spec.from),
		from: recipient(spec.from),
		toRecipients: [recipient(spec.to)],
		ccRecipients: [],
		bccRecipients: [],
		replyTo: [],
		flag: { flagStatus: 'notFlagged' },
		internetMessageHeaders: spec.headers ?? [],
	};
}

/** Delivers a message into a mailbox folder (default: Inbox), with its attachments. */
export function deliver(store: Store, userId: string, spec: MailSpec, folder = 'inbox') {
	const attachments: StoredAttachment[] = (spec.attachments ?? []).map((file) =>
		fileAttachment({
			id: '',
			name: file.name,
			contentType: file.contentType,
			size: file.content.length,
			isInline: false,
			lastModifiedDateTime: iso(spec.receivedAt),
			content: file.content,
			contentId: null,
			contentLocation: null,
		}),
	);
	return store.createMessage(userId, folder, messageFrom(spec), attachments);
}

/** A small, valid one-page PDF showing an invoice's number and amount. */
export function invoicePdf(number: string, supplier: string, amount: string): Buffer {
	const text = `BT /F1 18 Tf 72 720 Td (${supplier}) Tj 0 -32 Td /F1 14 Tf (Invoice ${number}) Tj 0 -24 Td (Amount due: ${amount}) Tj ET`;
	const objects = [
		'<< /Type /Catalog /Pages 2 0 R >>',
		'<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
		'<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
		`<< /Length ${text.length} >>\nstream\n${text}\nendstream`,
		'<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
	];
	let pdf = '%PDF-1.4\n';
	const offsets: number[] = [];
	objects.forEach((object, index) => {
		offsets.push(pdf.length);
		pdf += `${index + 1} 0 obj\n${object}\nendobj\n`;
	});
	const xref = pdf.length;
	pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((offset) => `${String(offset).padStart(10, '0')} 00000 n \n`).join('')}`;
	pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
	return Buffer.from(pdf, 'latin1');
}

let invoiceSerial = 40;

export function invoiceMail(at: number, index: number): MailSpec {
	const supplier = SUPPLIERS[index % SUPPLIERS.length];
	const number = `INV-2026-${String(++invoiceSerial).padStart(4, '0')}`;
	const amount = `$${(120 + ((index * 7919) % 4800)).toLocaleString('en-US')}.00`;
	return {
		from: supplier,
		to: { name: DEMO_USERS.finance.displayName, address: DEMO_USERS.finance.mail },
		subject: `Invoice ${number} from ${supplier.name}`,
		html: `<p>Hello,</p><p>Please find attached invoice <b>${number}</b> for ${amount}, due in 30 days.</p><p>Kind regards,<br>${supplier.name}</p>`,
		receivedAt: at,
		attachments: [{ name: `${number}.pdf`, contentType: 'application/pdf', content: invoicePdf(number, supplier.name, amount) }],
	};
}

export function vipMail(at: number, index: number): MailSpec {
	return {
		from: VIP,
		to: { name: DEMO_USERS.adele.displayName, address: DEMO_USERS.adele.mail },
		subject: VIP_SUBJECTS[index % VIP_SUBJECTS.length],
		html: '<p>Adele,</p><p>Can you take a look and get back to me today?</p><p>Thanks,<br>Patti</p>',
		receivedAt: at,
		importance: 'high',
	};
}

export function newsletterMail(at: number, index: number): MailSpec {
	const letter = NEWSLETTERS[index % NEWSLETTERS.length];
	const issue = 100 + index;
	return {
		from: { name: letter.name, address: letter.address },
		to: { name: DEMO_USERS.adele.displayName, address: DEMO_USERS.adele.mail },
		subject: `${letter.title} #${issue}: this week's highlights`,
		html: `<h1>${letter.title} #${issue}</h1><p>Five stories worth your time this week.</p><p><a href="https://example.com/unsubscribe">Unsubscribe</a></p>`,
		receivedAt: at,
		isRead: index % 3 !== 0,
		categories: [NEWSLETTER_CATEGORY],
		headers: [{ name: 'List-Unsubscribe', value: '<https://example.com/unsubscribe>' }],
	};
}

export interface DemoMail {
	invoices: number;
	vip: number;
	newsletters: number;
	newslettersOlderThan30Days: number;
	/** Folder ids the workflows need. */
	folders: { financeInvoices: string };
}

/** The mail the workflows act on, dated back from `now`. */
export function seedDemoMail(store: Store, now: number = Date.now()): DemoMail {
	const { finance, adele } = DEMO_USERS;
	let invoices = 0;
	for (let index = 0; index < 12; index++) {
		deliver(store, finance.id, { ...invoiceMail(now - (index + 1) * 1.7 * DAY, index), isRead: index > 3 });
		invoices++;
	}
	for (let index = 0; index < 4; index++) deliver(store, adele.id, { ...vipMail(now - (index * 5 + 2) * DAY, index), isRead: true });
	let newsletters = 0;
	let old = 0;
	for (let index = 0; index < 30; index++) {
		const at = now - (index * 3 + 1) * DAY;
		deliver(store, adele.id, newsletterMail(at, index));
		newsletters++;
		if (now - at > 30 * DAY) old++;
	}
	const financeInbox = store.folder(finance.id, 'inbox').id;
	const invoiceFolder = store.childFolders(finance.id, financeInbox).find((folder) => folder.displayName === 'Invoices');
	if (!invoiceFolder) throw new Error('demo tenant: no Invoices folder under the Finance Inbox');
	return { invoices, vip: 4, newsletters, newslettersOlderThan30Days: old, folders: { financeInvoices: invoiceFolder.id } };
}

/** Every message of every mailbox, for the banner. */
export function countMail(store: Store): { mailboxes: number; messages: number; attachments: number; folders: number } {
	let mailboxes = 0;
	let messages = 0;
	let attachments = 0;
	let folders = 0;
	for (const user of Object.values(DEMO_USERS)) {
		mailboxes++;
		const all = store.messages(user.id);
		messages += all.length;
		attachments += all.reduce((sum, message) => sum + message.attachments.length, 0);
		const stack = [store.folder(user.id, 'msgfolderroot').id];
		while (stack.length) {
			const children = store.childFolders(user.id, stack.pop() as string);
			folders += children.length;
			stack.push(...children.map((folder) => folder.id));
		}
	}
	return { mailboxes, messages, attachments, folders };
}
