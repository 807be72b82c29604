#!/usr/bin/env node
// Extracts the small part of Microsoft Graph's published reference data that the test emulator needs. Reads, from
// the repository (see test/emulator/graph-data/README.md for their source and snapshot):
//   test/emulator/graph-data/cleanMetadata.xml.gz  Graph v1.0 CSDL metadata (microsoftgraph/msgraph-metadata)
//   test/emulator/graph-data/permissions.json.gz   Graph permission reference (microsoftgraph/microsoft-graph-devx-content)
// Writes (committed, read by test/emulator at run time):
//   test/emulator/data/mail-metadata.json     types reachable from the emulator's root types, and their bound operations
//   test/emulator/data/mail-permissions.json  application permissions per emulated path and method
// Run: npm run emulator:data            (writes both files)
//      npm run emulator:data -- --check (writes nothing; exits 1 when a committed file differs from the extraction)
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { XMLParser } from 'fast-xml-parser';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const graphDataDir = join(repoRoot, 'test', 'emulator', 'graph-data');
const outDir = join(repoRoot, 'test', 'emulator', 'data');
const check = process.argv.includes('--check');

const readGraphData = (file) => gunzipSync(readFileSync(join(graphDataDir, `${file}.gz`))).toString('utf8');

const GRAPH = 'microsoft.graph';

// Entity types the emulator returns or accepts, or will: mail, and the directory, mailbox settings, rules,
// categories, mail tips, message traces and subscriptions next to it. Everything they reach through structural
// properties and base types is kept; navigation properties are recorded but only followed into this set, or
// `user` would pull in all of Graph. A route for a new entity type starts by adding it here.
const ROOT_ENTITY_TYPES = [
	'message',
	'mailFolder',
	'mailSearchFolder',
	'attachment',
	'fileAttachment',
	'itemAttachment',
	'referenceAttachment',
	'user',
	'eventMessage',
	'eventMessageRequest',
	'eventMessageResponse',
	// users, groups/{id}/transitiveMembers
	'directoryObject',
	'group',
	// users/{id}/outlook/masterCategories, users/{id}/mailFolders/inbox/messageRules
	'outlookUser',
	'outlookCategory',
	'messageRule',
	// admin/exchange/tracing/messageTraces
	'admin',
	'exchangeAdmin',
	'messageTracingRoot',
	'exchangeMessageTrace',
	'exchangeMessageTraceDetail',
	// subscriptions
	'subscription',
];

// Bound actions and functions kept (when bound to a kept entity type).
const OPERATION_NAMES = new Set([
	'sendMail',
	'reply',
	'replyAll',
	'forward',
	'createReply',
	'createReplyAll',
	'createForward',
	'send',
	'move',
	'copy',
	'createUploadSession',
	'delta',
	'permanentDelete',
	'getMailTips',
	'getDetailsByRecipient',
	'reauthorize',
]);

// ---------- metadata ----------

function readMetadata() {
	const xml = readGraphData('cleanMetadata.xml').replace(/^\uFEFF/, '');
	const listTags = new Set([
		'Schema',
		'EntityType',
		'ComplexType',
		'EnumType',
		'Member',
		'Property',
		'NavigationProperty',
		'Action',
		'Function',
		'Parameter',
	]);
	const parser = new XMLParser({
		ignoreAttributes: false,
		attributeNamePrefix: '',
		isArray: (name) => listTags.has(name),
	});
	return parser.parse(xml)['edmx:Edmx']['edmx:DataServices'].Schema;
}

/** Fully qualified name for a type reference written with a schema alias (graph.x, self.x) or in full. */
function qualify(typeRef, schema) {
	const collection = /^Collection\((.+)\)$/.exec(typeRef);
	if (collection) return `Collection(${qualify(collection[1], schema)})`;
	if (typeRef.startsWith('Edm.')) return typeRef;
	if (typeRef.startsWith('graph.')) return `${GRAPH}.${typeRef.slice('graph.'.length)}`;
	if (schema.Alias && typeRef.startsWith(`${schema.Alias}.`)) {
		return `${schema.Namespace}.${typeRef.slice(schema.Alias.length + 1)}`;
	}
	return typeRef;
}

/** The short form written to the JSON: microsoft.graph types lose their namespace, others keep it. */
function shorten(qualified) {
	const collection = /^Collection\((.+)\)$/.exec(qualified);
	if (collection) return `Collection(${shorten(collection[1])})`;
	return qualified.startsWith(`${GRAPH}.`) && !qualified.slice(GRAPH.length + 1).includes('.')
		? qualified.slice(GRAPH.length + 1)
		: qualified;
}

const elementType = (qualified) => /^Collection\((.+)\)$/.exec(qualified)?.[1] ?? qualified;

function indexSchemas(schemas) {
	const types = new Map(); // qualified name -> { kind, node, schema }
	const operations = []; // { kind, node, schema }
	for (const schema of schemas) {
		for (const [tag, kind] of [
			['EntityType', 'entity'],
			['ComplexType', 'complex'],
			['EnumType', 'enum'],
		]) {
			for (const node of schema[tag] ?? []) types.set(`${schema.Namespace}.${node.Name}`, { kind, node, schema });
		}
		for (const node of schema.Action ?? []) operations.push({ kind: 'action', node, schema });
		for (const node of schema.Function ?? []) operations.push({ kind: 'function', node, schema });
	}
	return { types, operations };
}

function extractMetadata() {
	const { types, operations } = indexSchemas(readMetadata());
	const roots = new Set(ROOT_ENTITY_TYPES.map((name) => `${GRAPH}.${name}`));
	const kept = new Map();
	const queue = [...roots];

	const visit = (qualified) => {
		if (qualified.startsWith('Edm.') || kept.has(qualified) || !types.has(qualified)) return;
		queue.push(qualified);
	};

	while (queue.length > 0) {
		const name = queue.shift();
		if (kept.has(name)) continue;
		const entry = types.get(name);
		if (!entry) throw new Error(`type ${name} is referenced but not defined`);
		const { kind, node, schema } = entry;
		if (kind === 'enum') {
			kept.set(name, { kind, members: node.Member.map((member) => member.Name) });
			continue;
		}
		const out = { kind };
		if (node.BaseType) {
			out.baseType = qualify(node.BaseType, schema);
			visit(out.baseType);
		}
		if (node.Abstract === 'true') out.abstract = true;
		if (node.OpenType === 'true') out.openType = true;
		if (node.HasStream === 'true') out.hasStream = true;
		out.properties = {};
		for (const property of node.Property ?? []) {
			const type = qualify(property.Type, schema);
			out.properties[property.Name] = property.Nullable === 'false' ? { type, nullable: false } : { type };
			visit(elementType(type));
		}
		const navigation = node.NavigationProperty ?? [];
		if (navigation.length > 0) {
			out.navigationProperties = {};
			for (const property of navigation) {
				const type = qualify(property.Type, schema);
				out.navigationProperties[property.Name] = property.ContainsTarget === 'true'
					? { type, containsTarget: true }
					: { type };
				if (roots.has(elementType(type))) visit(elementType(type));
			}
		}
		kept.set(name, out);
	}

	const boundOperations = [];
	for (const { kind, node, schema } of operations) {
		if (node.IsBound !== 'true' || !OPERATION_NAMES.has(node.Name)) continue;
		const [binding, ...parameters] = node.Parameter ?? [];
		const bindingType = qualify(binding.Type, schema);
		const bindingElement = elementType(bindingType);
		if (!kept.has(bindingElement) || kept.get(bindingElement).kind !== 'entity') continue;
		const out = { name: node.Name, kind, bindingType: shorten(bindingType), parameters: {} };
		for (const parameter of parameters) {
			const type = qualify(parameter.Type, schema);
			out.parameters[parameter.Name] = parameter.Nullable === 'false' ? { type: shorten(type), nullable: false } : { type: shorten(type) };
			visit(elementType(type));
		}
		if (node.ReturnType) {
			out.returnType = shorten(qualify(node.ReturnType.Type, schema));
			visit(elementType(qualify(node.ReturnType.Type, schema)));
		}
		boundOperations.push(out);
	}
	// Parameter and return types may have added types: drain the queue again, without following their navigation.
	while (queue.length > 0) {
		const name = queue.shift();
		if (kept.has(name)) continue;
		const { kind, node, schema } = types.get(name);
		if (kind === 'enum') {
			kept.set(name, { kind, members: node.Member.map((member) => member.Name) });
			continue;
		}
		const out = { kind, properties: {} };
		if (node.BaseType) {
			out.baseType = qualify(node.BaseType, schema);
			visit(out.baseType);
		}
		for (const property of node.Property ?? []) {
			const type = qualify(property.Type, schema);
			out.properties[property.Name] = property.Nullable === 'false' ? { type, nullable: false } : { type };
			visit(elementType(type));
		}
		kept.set(name, out);
	}

	const result = {
		source: 'microsoftgraph/msgraph-metadata clean_v10_metadata/cleanMetadata.xml, via scripts/extract-graph-data.mjs',
		note: 'Type names without a namespace are in microsoft.graph. Properties are nullable unless "nullable": false.',
		entityTypes: {},
		complexTypes: {},
		enumTypes: {},
		operations: boundOperations.sort((a, b) => a.name.localeCompare(b.name) || a.bindingType.localeCompare(b.bindingType)),
	};
	const group = { entity: 'entityTypes', complex: 'complexTypes', enum: 'enumTypes' };
	for (const name of [...kept.keys()].sort()) {
		const { kind, ...type } = kept.get(name);
		if (type.baseType) type.baseType = shorten(type.baseType);
		for (const key of ['properties', 'navigationProperties']) {
			for (const property of Object.values(type[key] ?? {})) property.type = shorten(property.type);
		}
		result[group[kind]][shorten(name)] = kind === 'enum' ? type.members : type;
	}
	return result;
}

// ---------- permissions ----------

// Graph paths the emulator serves or will serve, as permissions.json spells them (lower-cased here).
const EMULATED_PATHS = [
	/^\/users\/\{id\}(\/(messages|mailfolders|sendmail)(\/|$).*)?$/,
	/^\/users$/,
	/^\/users\/\{id\}\/(mailboxsettings|getmailtips|outlook\/mastercategories)(\/|$)/,
	/^\/groups(\/\{id\})?$/,
	/^\/groups\/\{id\}\/transitivemembers(\/|$)/,
	/^\/admin\/exchange\/tracing\/messagetraces(\/|$)/,
];
const NOT_EMULATED = /userconfigurations|mentions|operations|reportmessage|unsubscribe|updateallmessagesreadstate/;

// Permissions that include another one's access. permissions.json lists, per path, the permissions that allow it,
// but not always the broader ones (GET /users/{id}/messages/{id} names Mail.Read and Mail.ReadBasic.All, not
// Mail.ReadWrite, which Graph accepts too), so the emulator expands a token's roles with this table first.
const IMPLIES = {
	'Mail.ReadWrite': ['Mail.Read'],
	'Mail.Read': ['Mail.ReadBasic.All'],
	'User.ReadWrite.All': ['User.Read.All'],
	'User.Read.All': ['User.ReadBasic.All'],
	'Directory.ReadWrite.All': ['Directory.Read.All'],
	'MailboxSettings.ReadWrite': ['MailboxSettings.Read'],
	'Directory.Read.All': ['User.Read.All', 'Group.Read.All'],
	'Group.ReadWrite.All': ['Group.Read.All'],
	'Group.Read.All': ['GroupMember.Read.All', 'Group.ReadBasic.All'],
	'GroupMember.ReadWrite.All': ['GroupMember.Read.All'],
	'GroupMember.Read.All': ['GroupMember.ReadBasic.All'],
};

// Paths permissions.json does not list. Each copies the permissions of the path it behaves like.
const DERIVED = [
	['GET', '/users/{id}/messages/{id}/$value', 'GET', '/users/{id}/messages/{id}/attachments', 'MIME content needs the full read permission (Mail.Read), not Mail.ReadBasic.All'],
	['GET', '/users/{id}/mailfolders/{id}/messages/{id}/$value', 'GET', '/users/{id}/messages/{id}/attachments', 'as /users/{id}/messages/{id}/$value'],
	['GET', '/users/{id}/messages/{id}/attachments/{id}', 'GET', '/users/{id}/messages/{id}/attachments', 'an attachment of a message reads like the attachment list'],
	['GET', '/users/{id}/messages/{id}/attachments/{id}/$value', 'GET', '/users/{id}/messages/{id}/attachments', 'as the attachment'],
	['DELETE', '/users/{id}/messages/{id}/attachments/{id}', 'POST', '/users/{id}/messages/{id}/attachments', 'changing attachments needs Mail.ReadWrite'],
	['GET', '/users/{id}/mailfolders/{id}/messages/{id}/attachments/{id}', 'GET', '/users/{id}/messages/{id}/attachments', 'as /users/{id}/messages/{id}/attachments/{id}'],
	['POST', '/users/{id}/mailfolders/{id}/messages/{id}/send', 'POST', '/users/{id}/messages/{id}/send', 'as /users/{id}/messages/{id}/send'],
	['GET', '/users/{id}/mailfolders/{id}/childfolders/{id}', 'GET', '/users/{id}/mailfolders/{id}', 'a child folder is a mail folder'],
	['PATCH', '/users/{id}/mailfolders/{id}/childfolders/{id}', 'PATCH', '/users/{id}/mailfolders/{id}', 'a child folder is a mail folder'],
	['DELETE', '/users/{id}/mailfolders/{id}/childfolders/{id}', 'DELETE', '/users/{id}/mailfolders/{id}', 'a child folder is a mail folder'],
	['GET', '/users/{id}/mailfolders/{id}/childfolders/{id}/messages', 'GET', '/users/{id}/mailfolders/{id}/messages', 'a child folder is a mail folder'],
	['GET', '/users/{id}/mailfolders/{id}/childfolders/{id}/messages/{id}', 'GET', '/users/{id}/mailfolders/{id}/messages/{id}', 'a child folder is a mail folder'],
	['GET', '/users/{id}/mailfolders/{id}/childfolders/{id}/childfolders', 'GET', '/users/{id}/mailfolders/{id}/childfolders', 'a child folder is a mail folder'],
	['GET', '/users/{id}/mailfolders/{id}/childfolders/{id}/messages/delta', 'GET', '/users/{id}/mailfolders/{id}/messages/delta', 'a child folder is a mail folder'],
	['POST', '/users/{id}/mailfolders/{id}/childfolders/{id}/messages', 'POST', '/users/{id}/mailfolders/{id}/messages', 'a child folder is a mail folder'],
	['POST', '/users/{id}/mailfolders/{id}/childfolders/{id}/childfolders', 'POST', '/users/{id}/mailfolders/{id}/childfolders', 'a child folder is a mail folder'],
	['POST', '/users/{id}/mailfolders/{id}/childfolders/{id}/move', 'POST', '/users/{id}/mailfolders/{id}/move', 'a child folder is a mail folder'],
	['POST', '/users/{id}/mailfolders/{id}/childfolders/{id}/copy', 'POST', '/users/{id}/mailfolders/{id}/copy', 'a child folder is a mail folder'],
	['POST', '/users/{id}/mailfolders/{id}/childfolders/{id}/permanentdelete', 'POST', '/users/{id}/mailfolders/{id}/permanentdelete', 'a child folder is a mail folder'],
	['DELETE', '/users/{id}/mailfolders/{id}/messages/{id}/attachments/{id}', 'POST', '/users/{id}/messages/{id}/attachments', 'as /users/{id}/messages/{id}/attachments/{id}'],
	['GET', '/users/{id}/mailfolders/{id}/messages/{id}/attachments/{id}/$value', 'GET', '/users/{id}/messages/{id}/attachments', 'as /users/{id}/messages/{id}/attachments/{id}/$value'],
	['POST', '/users/{id}/mailfolders/{id}/messages/{id}/attachments/createuploadsession', 'POST', '/users/{id}/messages/{id}/attachments/createuploadsession', 'as /users/{id}/messages/{id}/attachments/createUploadSession'],
	['GET', '/groups/{id}/transitivemembers/microsoft.graph.user', 'GET', '/groups/{id}/transitivemembers', 'the OData cast to user filters the same collection'],
	['GET', '/subscriptions', 'GET', '/users/{id}/messages', 'Graph checks a read permission on the subscribed resource, not on /subscriptions (outlook-subscription-notes.md: Mail.Read for messages); the emulator serves subscriptions to mail only'],
	['POST', '/subscriptions', 'GET', '/users/{id}/messages', 'Graph checks a read permission on the subscribed resource, not on /subscriptions (outlook-subscription-notes.md: Mail.Read for messages); the emulator serves subscriptions to mail only'],
	['GET', '/subscriptions/{id}', 'GET', '/users/{id}/messages', 'Graph checks a read permission on the subscribed resource, not on /subscriptions (outlook-subscription-notes.md: Mail.Read for messages); the emulator serves subscriptions to mail only'],
	['PATCH', '/subscriptions/{id}', 'GET', '/users/{id}/messages', 'Graph checks a read permission on the subscribed resource, not on /subscriptions (outlook-subscription-notes.md: Mail.Read for messages); the emulator serves subscriptions to mail only'],
	['DELETE', '/subscriptions/{id}', 'GET', '/users/{id}/messages', 'Graph checks a read permission on the subscribed resource, not on /subscriptions (outlook-subscription-notes.md: Mail.Read for messages); the emulator serves subscriptions to mail only'],
	['POST', '/subscriptions/{id}/reauthorize', 'GET', '/users/{id}/messages', 'Graph checks a read permission on the subscribed resource, not on /subscriptions (outlook-subscription-notes.md: Mail.Read for messages); the emulator serves subscriptions to mail only'],
];

function extractPermissions() {
	const { permissions } = JSON.parse(readGraphData('permissions.json'));
	const paths = {};
	for (const [permission, definition] of Object.entries(permissions)) {
		for (const pathSet of definition.pathSets ?? []) {
			if (!pathSet.schemeKeys.includes('Application')) continue;
			for (const [rawPath, marker] of Object.entries(pathSet.paths)) {
				const path = rawPath.toLowerCase();
				if (!EMULATED_PATHS.some((pattern) => pattern.test(path)) || NOT_EMULATED.test(path)) continue;
				const least = /(^|;)\s*least=([^;]*)/.exec(marker)?.[2].split(',').includes('Application') ?? false;
				for (const method of pathSet.methods) {
					const entry = ((paths[path] ??= {})[method] ??= { permissions: [], least: [] });
					if (!entry.permissions.includes(permission)) entry.permissions.push(permission);
					if (least && !entry.least.includes(permission)) entry.least.push(permission);
				}
			}
		}
	}
	for (const [method, path, likeMethod, likePath, why] of DERIVED) {
		const like = paths[likePath]?.[likeMethod];
		if (!like) throw new Error(`derived entry ${method} ${path} copies ${likeMethod} ${likePath}, which is missing`);
		if (paths[path]?.[method]) throw new Error(`${method} ${path} is listed now: drop it from DERIVED`);
		(paths[path] ??= {})[method] = { ...structuredClone(like), derived: `${likeMethod} ${likePath}: ${why}` };
	}
	const sorted = {};
	for (const path of Object.keys(paths).sort()) {
		sorted[path] = {};
		for (const method of Object.keys(paths[path]).sort()) {
			const entry = paths[path][method];
			entry.permissions.sort();
			entry.least.sort();
			sorted[path][method] = entry;
		}
	}
	return {
		source: 'microsoftgraph/microsoft-graph-devx-content permissions/new/permissions.json, via scripts/extract-graph-data.mjs',
		note:
			'Application permissions only. Paths are lower-case, ids written {id}. "least" lists the least-privileged ' +
			'permissions. "derived" marks a path permissions.json does not list, copied from the path named there. ' +
			'"implies" lists permissions whose access includes others.',
		implies: IMPLIES,
		paths: sorted,
	};
}

// ---------- write ----------

if (!check) mkdirSync(outDir, { recursive: true });
let stale = 0;
for (const [file, data] of [
	['mail-metadata.json', extractMetadata()],
	['mail-permissions.json', extractPermissions()],
]) {
	const text = `${JSON.stringify(data, null, '\t')}\n`;
	const path = join(outDir, file);
	if (check) {
		let committed = '';
		try {
			committed = readFileSync(path, 'utf8');
		} catch {
			// missing: stale
		}
		if (committed !== text) {
			stale++;
			console.error(`${file}: differs from the extraction; run npm run emulator:data`);
		} else {
			console.log(`${file}: up to date`);
		}
		continue;
	}
	writeFileSync(path, text);
	console.log(`${file}: ${(text.length / 1024).toFixed(1)} KiB`);
}
if (stale > 0) process.exitCode = 1;
